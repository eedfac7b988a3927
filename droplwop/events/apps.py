from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "droplwop.events"
    label = "events"
    verbose_name = "Events and meetings"
