"""Admin listings as an organizer reads them: yes/no as words, newest first."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from droplwop.supporters.models import Supporter

LISTINGS = [
    "/admin/event_records/",
    "/admin/supporters_lists/",
    "/admin/snippets/pages/resource/",
]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "x")


@pytest.mark.parametrize("url", LISTINGS)
def test_yes_no_fields_read_as_words_in_both_languages(client, demo, superuser, url):
    client.force_login(superuser)
    for language, yes, no in (("en", "Yes", "No"), ("es", "Sí", "No")):
        profile = UserProfile.get_for_user(superuser)
        profile.preferred_language = language
        profile.save()
        html = client.get(url).content.decode()
        cells = re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)
        text = " ".join(re.sub(r"<[^>]+>", " ", cell) for cell in cells)
        assert "True" not in text and "False" not in text, url
        assert f" {yes}" in text or f" {no}" in text, url


def test_people_list_shows_the_newest_first(client, demo, superuser):
    client.force_login(superuser)
    newest = Supporter.objects.create(
        email="zz-newest@example.org", first_name="Zed", last_name="Zzyzx"
    )
    html = client.get("/admin/supporters_people/").content.decode()
    listing = html.split('class="listing')[1]
    first_row = listing.split("<tbody")[1].split("</tr>")[0]
    assert newest.email in first_row
