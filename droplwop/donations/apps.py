from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "droplwop.donations"
    label = "donations"
    verbose_name = "Fundraising"
