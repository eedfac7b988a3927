from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "droplwop.supporters"
    label = "supporters"
    verbose_name = "Supporters"

    def ready(self):
        # The filer imports models, which load only once the app registry is ready.
        from droplwop.core import deferred

        from .intake import KIND, file_signups

        deferred.register(KIND, file_signups)
