"""A supporter pledges per mile for a walker inside whose page an organizer runs; after the
walk the organizer enters the miles, the pledger gets an email with a link and pays it."""

import re
from decimal import Decimal

import pytest

from droplwop.donations.tests import fixtures

WEBHOOK_PATH = fixtures.WEBHOOK_PATH
fake_stripe = fixtures.fake_stripe  # the fixture, shared with the app's own tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pledge_for_a_proxy_walker_and_pay_it_after_the_walk(
    live_server, demo, page, fake_stripe, smtp_server, axe_violations, organizer, settings
):
    from droplwop.donations import services
    from droplwop.donations.models import Participant, Pledge

    fake_stripe.webhook_url = live_server.url + WEBHOOK_PATH
    settings.SITE_URL = live_server.url

    page.goto(live_server.url + "/en/walk-for-life/")
    page.get_by_role("link", name="Darnell").click()
    assert "an organizer runs this page with their consent" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.get_by_text("Per mile", exact=True).click()
    page.get_by_label("Amount in US dollars (per lap, per mile, or in all)").fill("5")
    page.get_by_label("First name", exact=True).fill("Noor")
    page.get_by_label("Email", exact=True).fill("noor@example.org")
    page.get_by_role("button", name="Pledge", exact=True).click()
    page.wait_for_url(re.compile(r"/donate/pledge/thanks/"))
    assert "You pledged $5 per mile for Darnell." in page.locator("main").inner_text()
    assert len(smtp_server.to("noor@example.org")) == 1

    darnell = Participant.objects.get(slug="darnell")
    services.record_walk_results(
        actor=organizer, participant=darnell, laps=None, miles=Decimal("4")
    )
    request = smtp_server.to("noor@example.org")[-1]
    assert "$20" in request["Subject"]
    link = re.search(r"http\S+/pledge/pay/\S+/", request.get_body(("plain",)).get_content())

    page.goto(link.group(0))
    page.get_by_role("button", name="Pay $20").click()
    page.wait_for_url(re.compile(re.escape(fake_stripe.url) + "/pay/"))
    page.get_by_role("button", name="Pay $20.00").click()
    page.wait_for_url(re.compile(r"/donate/thanks/"))
    assert page.locator("h1").inner_text() == "Thank you, Noor!"
    pledge = Pledge.objects.get(supporter__email="noor@example.org")
    assert pledge.status == Pledge.Status.PAID
    assert "Thank you for paying your pledge for Darnell." in (
        smtp_server.to("noor@example.org")[-1].get_body(("plain",)).get_content()
    )
