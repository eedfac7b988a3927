"""The anonymous page cache: what it keeps, for whom, and when it forgets."""

import re
from pathlib import Path

import pytest
from wagtail.models import Page

from droplwop.core import page_cache
from droplwop.pages.models import HomePage


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    return settings


def _retitle_without_publishing(page, title):
    """Change what the database holds behind Wagtail's back: only a cache would hide it."""
    Page.objects.filter(pk=page.pk).update(title=title)


def test_anonymous_visitors_get_the_stored_page_until_something_is_published(
    client, demo, page_cache_on
):
    home = demo["en"]
    first = client.get("/en/")
    assert first.status_code == 200
    assert "X-Page-Cache" not in first

    _retitle_without_publishing(home, "A title nobody published")
    second = client.get("/en/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content

    home.refresh_from_db()
    home.save_revision().publish()
    third = client.get("/en/")
    assert "X-Page-Cache" not in third
    assert "A title nobody published" in third.content.decode()


def test_cached_pages_keep_their_security_headers(client, demo, page_cache_on):
    client.get("/en/")
    hit = client.get("/en/")
    assert hit["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Set-Cookie" not in hit


def test_each_language_and_query_string_has_its_own_entry(client, demo, page_cache_on):
    client.get("/en/")
    spanish = client.get("/es/")
    assert "X-Page-Cache" not in spanish
    assert '<html lang="es">' in spanish.content.decode()
    assert "X-Page-Cache" not in client.get("/en/?page=2")
    assert client.get("/en/?page=2")["X-Page-Cache"] == "hit"


def test_query_parameters_no_page_reads_share_the_plain_entry(client, demo, page_cache_on):
    client.get("/en/")
    for junk in ("?x=1", "?utm_source=mail&fbclid=abc", "?page2=9"):
        assert client.get("/en/" + junk)["X-Page-Cache"] == "hit", junk
    client.get("/en/?tag=a&page=2")
    assert client.get("/en/?page=2&utm=x&tag=a")["X-Page-Cache"] == "hit"


def test_every_query_parameter_a_page_model_reads_is_in_the_cache_key():
    """A parameter read by a cached page but left out of the key would serve one visitor's
    filtered page to everyone."""
    root = Path(__file__).resolve().parents[2]
    read = set()
    for source in root.glob("*/models/*.py"):
        read |= set(re.findall(r"request\.GET\.get\(\"(\w+)\"", source.read_text()))
    assert read
    assert read <= page_cache.QUERY_PARAMETERS


def test_logged_in_staff_always_see_the_live_page(client, demo, organizer, page_cache_on):
    client.get("/en/")
    client.force_login(organizer)
    _retitle_without_publishing(demo["en"], "Changed for staff")
    response = client.get("/en/")
    assert "X-Page-Cache" not in response
    assert "Changed for staff" in response.content.decode()


def test_unpublishing_and_deleting_forget_stored_pages(client, demo, page_cache_on):
    home = demo["en"]
    about = home.get_children().live().exclude(slug="").first().specific
    url = about.url
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    about.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # a 404 is never stored


def test_a_page_class_may_refuse_caching(client, demo, page_cache_on, monkeypatch):
    monkeypatch.setattr(HomePage, "cache_seconds", 0, raising=False)
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")


def test_a_visitor_with_pending_messages_skips_the_cache(client, demo, page_cache_on):
    client.get("/en/")
    client.cookies["messages"] = "pending"
    assert "X-Page-Cache" not in client.get("/en/")


def test_responses_that_set_cookies_are_not_stored(client, demo, page_cache_on, monkeypatch):
    original = HomePage.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        response.set_cookie("visited", "yes")
        return response

    monkeypatch.setattr(HomePage, "serve", serve_with_cookie)
    client.get("/en/")
    client.cookies.clear()
    assert "X-Page-Cache" not in client.get("/en/")


def test_the_search_view_and_404s_are_not_page_cached(client, demo, page_cache_on):
    client.get("/en/search/?q=parole")
    assert "X-Page-Cache" not in client.get("/en/search/?q=parole")
    client.get("/en/no-such-page/")
    assert "X-Page-Cache" not in client.get("/en/no-such-page/")


def test_the_cache_is_off_in_test_settings_by_default(client, demo):
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")
