"""A visitor reads the news in English, switches to Spanish and searches in Spanish."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_to_news_post_to_spanish_to_search(live_server, demo, page, axe_violations):
    page.goto(live_server.url + "/en/")
    assert axe_violations(page) == []
    latest = page.locator("#latest-news").locator("..")
    latest.get_by_role("link", name=re.compile("Coalition welcomes new commutations")).click()
    page.wait_for_url(re.compile(r"/en/news/coalition-welcomes-commutations/$"))
    assert "April 2, 2024" in page.locator("article header").inner_text()
    assert axe_violations(page) == []

    page.locator(".lang-switch").get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(r"/es/noticias/coalicion-celebra-conmutaciones/$"))
    header = page.locator("article header").inner_text()
    assert "La coalición celebra nuevas conmutaciones" in header
    assert "2 de abril de 2024" in header
    assert page.get_by_role("heading", name="Contacto de prensa").is_visible()
    assert axe_violations(page) == []

    search = page.locator("form.header-search")
    search.get_by_role("searchbox").fill("orientación")
    search.get_by_role("button", name="Buscar").click()
    page.wait_for_url(re.compile(r"/es/search/\?q="))
    results = page.locator(".search-results")
    assert results.get_by_role("link", name="Participa").is_visible()
    assert results.get_by_role(
        "link", name="Guía de orientación para voluntarios"
    ).first.is_visible()
    assert axe_violations(page) == []
