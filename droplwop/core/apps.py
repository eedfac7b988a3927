from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "droplwop.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import signals

        signals.connect()
