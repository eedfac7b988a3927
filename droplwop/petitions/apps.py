from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PetitionsConfig(AppConfig):
    name = "droplwop.petitions"
    label = "petitions"
    verbose_name = "Petitions and sign-on letters"

    def ready(self):
        # Models, and modules that import them, load only once the app registry is ready.
        from droplwop.core import deferred
        from droplwop.core.signals import forget_cached_pages

        from .models import Petition, SignOnLetter
        from .signing import KIND, file_signatures

        deferred.register(KIND, file_signatures)

        # A petition's status, dates and settings show on its cached pages and are kept by the
        # signing path (page_facts): a change must reach both at once.
        for model in (Petition, SignOnLetter):
            uid = f"droplwop.petitions.{model.__name__}"
            post_save.connect(forget_cached_pages, sender=model, dispatch_uid=f"{uid}.saved")
            post_delete.connect(forget_cached_pages, sender=model, dispatch_uid=f"{uid}.deleted")
