"""Reads of news posts, for the news index, the home page and the feeds.

Apart from `selectors.py`, which the news post model itself reads through."""

from .models.news import NewsPage


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
