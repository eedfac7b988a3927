from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "droplwop.cases"
    label = "cases"
    verbose_name = "Case support"
