"""Reads of public content used by pages, feeds and the home page."""

from django.db.models import Q

from .models.news import NewsPage
from .models.resources import Resource, ResourceLanguage


def list_news(*, index_page, kind: str = "", tag: str = ""):
    posts = (
        NewsPage.objects.live()
        .public()
        .child_of(index_page)
        .order_by("-date", "-first_published_at")
    )
    if kind:
        posts = posts.filter(kind=kind)
    if tag:
        posts = posts.filter(tags__name=tag)
    return posts.distinct()


def list_latest_news(*, locale, limit: int = 3):
    return (
        NewsPage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("-date", "-first_published_at")[:limit]
    )


def list_resources(*, locale, kind: str = "", language: str = ""):
    resources = Resource.objects.filter(locale=locale).select_related("document")
    if kind:
        resources = resources.filter(kind=kind)
    if language:
        resources = resources.filter(Q(language=language) | Q(language=ResourceLanguage.BOTH))
    return resources
