"""With the page cache on, the petition's total is never older than the last filed signature,
and the page, the thank-you step and the home card show the same number."""

import re

import pytest
from django.test import Client

from droplwop.petitions import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def shown_total(html):
    return re.search(r"<strong>([\d,]+)</strong> (?:signatures?|firmas?)", html).group(1)


def home_card_total(html):
    return re.search(r"([\d,]+) (?:signatures?|firmas?)</", html).group(1)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_filed_signature_shows_at_once_on_the_page_the_thanks_and_the_home_card(
    pages, petition, sign_post, page_cache_on, language
):
    page = pages[language]
    visitor = Client()
    assert shown_total(visitor.get(page.url).content.decode()) == "0"
    assert home_card_total(visitor.get(f"/{language}/").content.decode()) == "0"
    assert visitor.get(page.url)["X-Page-Cache"] == "hit"

    thanks = Client().get(sign_post(page)["Location"]).content.decode()

    on_page = visitor.get(page.url)
    on_home = visitor.get(f"/{language}/")
    assert "X-Page-Cache" not in on_page and "X-Page-Cache" not in on_home
    assert shown_total(thanks) == shown_total(on_page.content.decode()) == "1"
    assert home_card_total(on_home.content.decode()) == "1"


def test_a_confirmed_signature_and_a_paper_count_show_at_once(
    pages, petition, sign_post, page_cache_on, mailoutbox, django_capture_on_commit_callbacks
):
    petition.confirmation_required = True
    petition.save()
    visitor = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sign_post(pages["en"])
    assert shown_total(visitor.get(pages["en"].url).content.decode()) == "0"
    link = mailoutbox[0].body.split("http://127.0.0.1:8000")[1].split()[0]

    Client().post(link)
    assert shown_total(visitor.get(pages["en"].url).content.decode()) == "1"

    services.set_paper_count(petition=petition, count=1000, actor=None)
    assert shown_total(visitor.get(pages["en"].url).content.decode()) == "1,001"
    assert home_card_total(visitor.get("/en/").content.decode()) == "1,001"


def test_pages_without_counts_stay_stored_when_a_signature_is_filed(
    demo, pages, sign_post, page_cache_on
):
    visitor = Client()
    visitor.get("/en/about/")
    sign_post(pages["en"])
    assert visitor.get("/en/about/")["X-Page-Cache"] == "hit"
