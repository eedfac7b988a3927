"""Unknown addresses get a translated 404; hostile query strings and odd methods never a 500."""

import re

import pytest
from wagtail.models import Page

# Several attacks share one query string so the sweep stays quick: a 500 on any is a failure.
HOSTILE_QUERIES = [
    "q=" + "x" * 5000,
    "q=%E2%80%AE%F0%9F%92%A5%E4%BD%A0%E5%A5%BD%C3%B1&tag=%C3%B1%F0%9F%92%A5",
    "q=%00&page=%00",
    "q=../../../../etc/passwd&tag=..%2F..%2F&kind=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%27%20OR%201%3D1%20--&kind=%27%3B%20DROP%20TABLE%20wagtailcore_page%3B&page=-1",
    "page=1&page=2&page=abc&q=a&q=b&language=zz&kind=%FF%FE&tag=%25%25%25",
    "page=99999999999999999999999&%=%&&=&==",
]
# Every other live page gets these two; one page of each type gets everything.
QUICK_QUERIES = [HOSTILE_QUERIES[3], HOSTILE_QUERIES[5]]
ODD_METHODS = ["head", "options", "put", "delete", "patch"]


def _public_urls(client):
    """(url, full sweep?) for every public URL: one page per page type and language, search,
    feeds, sitemap and robots.txt get the full sweep; the other live pages the quick one."""
    urls = {
        "/robots.txt": True,
        "/sitemap.xml": True,
        "/en/search/?q=parole": True,
        "/es/search/?q=cadena": True,
    }
    seen_types = set()
    for page in Page.objects.live().public().order_by("path").specific():
        if page.url:
            kind = (page.content_type_id, page.locale_id)
            urls.setdefault(page.url, kind not in seen_types)
            seen_types.add(kind)
    for home in ("/en/", "/es/"):
        html = client.get(home).content.decode()
        for feed in re.findall(
            r'<link[^>]+type="application/(?:rss|atom)\+xml"[^>]+href="([^"]+)"', html
        ):
            urls[feed] = True
    return sorted(urls.items())


def test_unknown_address_gets_a_404_page_in_english(client, demo):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "We could not find that page" in html
    assert 'action="/en/search/"' in html


def test_unknown_address_under_es_gets_a_spanish_404_page(client, demo):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "No encontramos esa página" in html


def test_unknown_language_prefix_ends_in_a_404_page(client, demo):
    response = client.get("/xx/about/", follow=True)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


@pytest.mark.parametrize("path", ["/en/%00/", "/en/../../etc/passwd", "/es/%3Cscript%3E/"])
def test_hostile_paths_are_not_found(client, demo, path):
    assert client.get(path).status_code in (400, 404)


@pytest.mark.slow
def test_no_public_url_gives_a_500_to_hostile_input(client, demo):
    """Every live page in both languages, search, feeds, sitemap and robots.txt."""
    client.raise_request_exception = False
    urls = _public_urls(client)
    assert any(url.startswith("/es/") for url, _full in urls)
    failures = []
    for url, full in urls:
        joiner = "&" if "?" in url else "?"
        for query in HOSTILE_QUERIES if full else QUICK_QUERIES:
            status = client.get(f"{url}{joiner}{query}").status_code
            if status >= 500:
                failures.append(f"GET {url}{joiner}{query[:40]} -> {status}")
        for method in ODD_METHODS if full else []:
            status = getattr(client, method)(url).status_code
            if status >= 500:
                failures.append(f"{method.upper()} {url} -> {status}")
    assert failures == []
