"""With the page cache on, a full event shows as full at once and places left are current."""

import pytest
from django.test import Client

from droplwop.events import services
from droplwop.events.models import Registration

from .conftest import ORIGIN, form_data, register_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.mark.parametrize(
    ("language", "one_left", "full"),
    [
        ("en", "1 place left", "This event is full."),
        ("es", "Queda 1 cupo", "Este evento está lleno."),
    ],
)
def test_the_last_place_taken_shows_full_at_once(
    make_event, page_cache_on, language, one_left, full
):
    event = make_event(capacity=1, waitlist_enabled=False, sessions=1)
    page = event.page_en if language == "en" else event.page_es
    visitor = Client()
    assert one_left in visitor.get(page.url).content.decode()
    assert visitor.get(page.url)["X-Page-Cache"] == "hit"

    Client().post(register_url(page), form_data(event, language=language), **ORIGIN)

    again = visitor.get(page.url)
    assert "X-Page-Cache" not in again
    assert full in again.content.decode()


def test_a_cancelled_registration_frees_the_place_at_once(make_event, page_cache_on):
    event = make_event(capacity=1, waitlist_enabled=False, sessions=1)
    Client().post(register_url(event.page_en), form_data(event), **ORIGIN)
    visitor = Client()
    assert "This event is full." in visitor.get(event.page_en.url).content.decode()

    services.cancel_registration(registration=Registration.objects.get(event=event))

    assert "1 place left" in visitor.get(event.page_en.url).content.decode()


def test_more_places_show_at_once(make_event, page_cache_on):
    event = make_event(capacity=1, waitlist_enabled=False, sessions=1)
    visitor = Client()
    visitor.get(event.page_en.url)
    event.capacity = 5
    event.save()
    assert "5 places left" in visitor.get(event.page_en.url).content.decode()
