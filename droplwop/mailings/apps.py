from django.apps import AppConfig


class MailingsConfig(AppConfig):
    name = "droplwop.mailings"
    label = "mailings"
    verbose_name = "Mailings"
