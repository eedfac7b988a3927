from django.apps import AppConfig


class InreachConfig(AppConfig):
    name = "droplwop.inreach"
    label = "inreach"
    verbose_name = "People inside"
