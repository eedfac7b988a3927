from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "droplwop.petitions"
    label = "petitions"
    verbose_name = "Petitions and sign-on letters"
