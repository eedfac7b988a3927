from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "droplwop.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # Models, and modules that import them, load only once the app registry is ready.
        from . import converters, signals

        # Before any app's URL patterns are built: events' admin views build theirs on import.
        converters.register()
        signals.connect()
