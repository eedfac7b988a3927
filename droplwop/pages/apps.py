from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PagesConfig(AppConfig):
    name = "droplwop.pages"
    label = "pages"
    verbose_name = "Public pages"

    def ready(self):
        # Models, and modules that import them, load only once the app registry is ready.
        from droplwop.cases.models import Consent
        from droplwop.core import page_cache

        from .models import Resource
        from .search_index import reindex_case_pages

        # The resources library page shows these snippets; a cached copy must not outlive an edit.
        uid = "droplwop.pages.resource_cache"
        post_save.connect(page_cache.bump_generation, sender=Resource, dispatch_uid=f"{uid}.save")
        post_delete.connect(
            page_cache.bump_generation, sender=Resource, dispatch_uid=f"{uid}.delete"
        )
        post_save.connect(
            reindex_case_pages, sender=Consent, dispatch_uid="droplwop.pages.case_search"
        )
