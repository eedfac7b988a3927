"""Reads of records used by pages and search: the resources library and comments.

Reads of news posts (pages themselves) are in `page_selectors.py`, so the page models can read
through this module."""

from django.db.models import Prefetch, Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .models.comments import Comment, CommentStatus
from .models.resources import Resource, ResourceLanguage


def list_resources(*, locale, kind: str = "", language: str = ""):
    resources = Resource.objects.filter(locale=locale).select_related("document")
    if kind:
        resources = resources.filter(kind=kind)
    if language:
        resources = resources.filter(Q(language=language) | Q(language=ResourceLanguage.BOTH))
    return resources


def list_approved_comments(*, post):
    """The approved comments that open a thread, each with its approved replies."""
    approved = Comment.objects.filter(status=CommentStatus.APPROVED)
    return (
        approved.filter(post=post, parent__isnull=True)
        .prefetch_related(Prefetch("replies", queryset=approved.order_by("created_at", "id")))
        .order_by("created_at", "id")
    )


def list_pending_comments():
    return Comment.objects.filter(status=CommentStatus.PENDING).select_related("post")


def list_search_results(*, query: str, locale, limit: int = 60) -> list:
    """Pages and library items of one language that match `query`, best first."""
    backend = get_search_backend()
    pages = backend.search(
        query, Page.objects.live().public().filter(locale=locale).specific()
    ).annotate_score("score")[:limit]
    resources = backend.search(
        query, Resource.objects.filter(locale=locale).select_related("document")
    ).annotate_score("score")[:limit]
    found = [page for page in pages if _shown_publicly(page)] + list(resources)
    found.sort(key=lambda item: getattr(item, "score", 0) or 0, reverse=True)
    return found[:limit]


def _shown_publicly(page) -> bool:
    """A page that serves a 404 for want of consent is not offered by search either."""
    is_allowed = getattr(page, "is_publicly_allowed", None)
    return is_allowed() if is_allowed else True
