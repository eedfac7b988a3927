"""Feeds, sitemap and search: how people and machines find the news in each language."""

import pytest
from defusedxml import ElementTree as ET
from django.utils import translation

from droplwop.pages.demo_content import NEWS_POSTS

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_rss_feed_lists_the_news_of_its_language(client, demo, language):
    response = client.get(f"/{language}/feeds/news.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == NEWS_POSTS[0][language]["title"]
    other = "es" if language == "en" else "en"
    assert {post[language]["title"] for post in NEWS_POSTS} == set(titles)
    assert not {post[other]["title"] for post in NEWS_POSTS} & set(titles)
    link = channel.find("item").findtext("link")
    assert link.startswith(f"http://testserver/{language}/")


def test_atom_feed_is_valid_and_spanish(client, demo):
    response = client.get("/es/feeds/news.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert feed.findtext(f"{ATOM}title") == "Drop LWOP Coalition: noticias"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(NEWS_POSTS)
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == NEWS_POSTS[0]["es"]["title"]
    assert first.findtext(f"{ATOM}published").startswith("2024-04-02")
    terms = {category.get("term") for category in first.findall(f"{ATOM}category")}
    assert {"Comunicado de prensa", "clemencia"} <= terms


def test_sitemap_has_both_languages_with_hreflang_alternates(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = ET.fromstring(response.content).findall(f"{SITEMAP}url")
    by_location = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in urls
    }
    assert "http://testserver/en/about/" in by_location
    assert "http://testserver/es/acerca/" in by_location
    assert by_location["http://testserver/en/about/"] == {
        "en": "http://testserver/en/about/",
        "es": "http://testserver/es/acerca/",
    }
    assert by_location["http://testserver/es/acerca/"]["en"] == "http://testserver/en/about/"
    news_post = "http://testserver/es/noticias/coalicion-celebra-conmutaciones/"
    assert by_location[news_post]["en"].endswith("/en/news/coalition-welcomes-commutations/")


def _result_titles(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return html


def test_search_finds_spanish_pages_and_resources_only_in_spanish(client, demo):
    html = _result_titles(client, "/es/search/?q=orientaci%C3%B3n")
    assert "Guía de orientación para voluntarios" in html
    assert "Participa" in html
    assert "Volunteer orientation guide" not in html
    html = _result_titles(client, "/es/search/?q=conmutaciones")
    assert "La coalición celebra nuevas conmutaciones" in html
    assert "Coalition welcomes new commutations" not in html


def test_search_finds_english_news_standard_pages_and_resources(client, demo):
    html = _result_titles(client, "/en/search/?q=felony")
    assert "What is LWOP?" in html
    assert "New report: who is sentenced to LWOP in California, and how" in html
    assert "Life Without Parole and Felony Murder Sentencing in California" in html
    assert "¿Qué es LWOP?" not in html


def test_search_without_a_match_says_so(client, demo):
    html = _result_titles(client, "/es/search/?q=zzzzqqq")
    assert "0 resultados para «zzzzqqq»." in html


def test_share_tags_use_the_default_share_image(client, demo):
    html = client.get("/es/acerca/").content.decode()
    assert '<meta property="og:image" content="http://testserver/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:locale" content="es_US">' in html
    assert 'hreflang="en" href="http://testserver/en/about/"' in html


def test_feeds_are_announced_in_the_page_language(client, demo):
    with translation.override("es"):
        html = client.get("/es/noticias/").content.decode()
    assert 'href="/es/feeds/news.rss"' in html
