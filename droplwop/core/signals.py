"""Events that make every cached page stale: any change to the page tree or to what every page
shows around its content (menu, footer, organization settings)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import page_cache
from .models import FooterText, MainMenu, MainMenuItem, OrganizationSettings


def forget_cached_pages(**_kwargs):
    # Now for this process, and again after commit so that a request which re-cached the old
    # version between the change and the commit does not keep it.
    page_cache.bump_generation()
    transaction.on_commit(page_cache.bump_generation)


def connect():
    uid = "droplwop.core.page_cache"
    page_published.connect(forget_cached_pages, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(forget_cached_pages, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(forget_cached_pages, dispatch_uid=f"{uid}.moved")
    post_delete.connect(forget_cached_pages, sender=Page, dispatch_uid=f"{uid}.deleted")
    for model in (FooterText, MainMenu, MainMenuItem, OrganizationSettings):
        post_save.connect(forget_cached_pages, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
        post_delete.connect(
            forget_cached_pages, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted"
        )
