from django.apps import AppConfig


class MailingsConfig(AppConfig):
    name = "droplwop.mailings"
    label = "mailings"
    verbose_name = "Mailings"

    def ready(self):
        from . import webhooks  # noqa: F401 - connects the anymail tracking receiver
