from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "droplwop.supporters"
    label = "supporters"
    verbose_name = "Supporters"
