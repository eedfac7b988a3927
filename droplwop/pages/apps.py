from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "droplwop.pages"
    label = "pages"
    verbose_name = "Public pages"
