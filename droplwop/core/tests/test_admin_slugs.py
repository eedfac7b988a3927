"""Slugs are filled in from the title while a record is new, never rewritten once saved."""

import re

import pytest
from django.contrib.auth import get_user_model

from droplwop.events.models import Event
from droplwop.supporters.models import EmailList

NEW_FORMS = {
    "/admin/event_records/new/": "title_en",
    "/admin/supporters_lists/new/": "name_en",
    "/admin/donation_funds/new/": "name_en",
    "/admin/donation_walkers/new/": "display_name",
}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "x")


def _input(html, name):
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


@pytest.mark.parametrize(("url", "title"), NEW_FORMS.items())
def test_new_record_title_fills_in_the_slug(client, demo, superuser, url, title):
    client.force_login(superuser)
    html = client.get(url).content.decode()
    title_input = _input(html, title)
    assert 'data-w-sync-target-value="#id_slug"' in title_input
    assert "w-sync#apply" in title_input
    assert 'data-controller="w-slug"' in _input(html, "slug")


@pytest.mark.parametrize(
    ("model", "url", "title"),
    [
        (Event, "/admin/event_records/edit/{}/", "title_en"),
        (EmailList, "/admin/supporters_lists/edit/{}/", "name_en"),
    ],
)
def test_saved_slug_is_not_rewritten_from_the_title(client, demo, superuser, model, url, title):
    client.force_login(superuser)
    record = model.objects.order_by("pk").first()
    html = client.get(url.format(record.pk)).content.decode()
    assert "w-sync#apply" not in _input(html, title)
