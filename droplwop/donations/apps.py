from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "droplwop.donations"
    label = "donations"
    verbose_name = "Fundraising"

    def ready(self):
        # The filer imports models, which load only once the app registry is ready.
        from droplwop.core import deferred

        from .services.intake import KIND, file_pledges

        deferred.register(KIND, file_pledges)
