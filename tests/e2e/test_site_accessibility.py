"""axe-core finds no violation on any public page type, in English and Spanish.

The page types are discovered from the demo's live pages when the test runs (one live page per
page class per language), so page types that other apps register are swept too; search results
and the 404 page are added by hand.
"""

import pytest
from wagtail.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEARCH_WORDS = {"en": "parole", "es": "cadena"}


def _one_page_per_type(language):
    seen = {}
    pages = (
        Page.objects.live()
        .public()
        .filter(locale__language_code=language, depth__gt=1)
        .order_by("path")
    )
    for page in pages:
        if page.content_type_id not in seen:
            seen[page.content_type_id] = page.specific.url
    return [url for url in seen.values() if url]


def test_every_public_page_type_is_axe_clean_in_both_languages(
    live_server, demo, page, axe_violations
):
    urls = []
    for language in ("en", "es"):
        urls += _one_page_per_type(language)
        urls += [
            f"/{language}/search/?q={SEARCH_WORDS[language]}",
            f"/{language}/no-such-page/",
        ]
    assert len(urls) >= 8
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
