from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "droplwop.events"
    label = "events"
    verbose_name = "Events and meetings"

    def ready(self):
        # The services import models, which load only once the app registry is ready.
        from droplwop.core import deferred

        from .services.intake import KIND, file_registrations

        deferred.register(KIND, file_registrations)
