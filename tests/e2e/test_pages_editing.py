"""An organizer edits a standard page in the admin, publishes it, and the public sees it."""

import re

import pytest

from droplwop.pages.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organizer_edits_and_publishes_a_page(live_server, demo, page, organizer):
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(organizer.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"{live_server.url}/admin/pages/{about.pk}/edit/")
    page.locator("#id_title").fill("What is life without parole?")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    page.context.clear_cookies()
    page.goto(live_server.url + "/en/about/")
    assert page.locator("h1").inner_text() == "What is life without parole?"
