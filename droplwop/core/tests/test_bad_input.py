"""Unknown addresses get a translated 404; hostile query strings and odd methods never a 500."""

import re

import pytest
from wagtail.models import Page

HOSTILE_QUERIES = [
    "q=" + "x" * 5000,
    "q=%E2%80%AE%F0%9F%92%A5%E4%BD%A0%E5%A5%BD%C3%B1",
    "q=%00&page=%00",
    "q=../../../../etc/passwd",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%27%20OR%201%3D1%20--&kind=%27%3B%20DROP%20TABLE%20wagtailcore_page%3B",
    "page=1&page=2&page=3&q=a&q=b",
    "page=-1",
    "page=abc",
    "page=99999999999999999999999",
    "kind=%FF%FE&language=zz&tag=%25%25%25",
    "%=%&&=&==",
]
ODD_METHODS = ["head", "options", "put", "delete", "patch"]


def _public_urls(client):
    urls = ["/robots.txt", "/sitemap.xml", "/en/search/?q=parole", "/es/search/?q=cadena"]
    for page in Page.objects.live().public().specific():
        if page.url:
            urls.append(page.url)
    feeds = set()
    for home in ("/en/", "/es/"):
        html = client.get(home).content.decode()
        feeds.update(
            re.findall(r'<link[^>]+type="application/(?:rss|atom)\+xml"[^>]+href="([^"]+)"', html)
        )
    return sorted(set(urls) | feeds)


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


def test_no_public_url_gives_a_500_to_hostile_input(client, demo):
    """Every live page in both languages, search, feeds, sitemap and robots.txt."""
    client.raise_request_exception = False
    urls = _public_urls(client)
    assert any(url.startswith("/es/") for url in urls)
    failures = []
    for url in urls:
        joiner = "&" if "?" in url else "?"
        for query in HOSTILE_QUERIES:
            status = client.get(f"{url}{joiner}{query}").status_code
            if status >= 500:
                failures.append(f"GET {url}{joiner}{query[:40]} -> {status}")
        for method in ODD_METHODS:
            status = getattr(client, method)(url).status_code
            if status >= 500:
                failures.append(f"{method.upper()} {url} -> {status}")
    assert failures == []
