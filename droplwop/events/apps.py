from django.apps import AppConfig


def _forget_places(**_kwargs):
    # Capacity, the waitlist and open/closed change what an event page says about places.
    from droplwop.core.page_cache import forget_live_counts

    forget_live_counts()


class EventsConfig(AppConfig):
    name = "droplwop.events"
    label = "events"
    verbose_name = "Events and meetings"

    def ready(self):
        # The services import models, which load only once the app registry is ready.
        from django.db.models.signals import post_save

        from droplwop.core import deferred

        from .models import Event
        from .services.intake import KIND, file_registrations

        deferred.register(KIND, file_registrations)
        post_save.connect(_forget_places, sender=Event, dispatch_uid="events.forget_places")
