from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "droplwop.supporters"
    label = "supporters"
    verbose_name = "Supporters"

    def ready(self):
        # The filer imports models, which load only once the app registry is ready.
        from django.db.models.signals import post_delete, post_save

        from droplwop.core import deferred, page_cache

        from .intake import KIND, file_signups
        from .models import EmailList

        deferred.register(KIND, file_signups)
        # Cached pages show the public lists in their signup form, and which ones promise a
        # confirmation email: an edit to a list must not be hidden by a stored copy.
        uid = "droplwop.supporters.list_cache"
        post_save.connect(page_cache.bump_generation, sender=EmailList, dispatch_uid=f"{uid}.save")
        post_delete.connect(
            page_cache.bump_generation, sender=EmailList, dispatch_uid=f"{uid}.delete"
        )
