"""A donor gives a suggested amount in English and in Spanish: pays on the (fake) hosted
checkout, lands on the thank-you page with the thermometer moved, and gets the receipt."""

import re

import pytest

from droplwop.donations.tests import fixtures

WEBHOOK_PATH = fixtures.WEBHOOK_PATH
fake_stripe = fixtures.fake_stripe  # the fixture, shared with the app's own tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JOURNEYS = {
    "en": {
        "path": "/en/walk-for-life/",
        "first_name": "First name",
        "email": "Email",
        "donate": "Donate",
        "pay": "Pay $50.00",
        "thanks": "Thank you, Ana!",
        "confirmed": "Your gift of $50 to LWOP Walk for Life is confirmed.",
        "subject": "Receipt for your gift to Drop LWOP Coalition",
    },
    "es": {
        "path": "/es/caminata-por-la-vida/",
        "first_name": "Nombre",
        "email": "Correo electrónico",
        "donate": "Donar",
        "pay": "Pagar $50.00",
        "thanks": "¡Gracias, Ana!",
        "confirmed": "Tu donativo de $50 para Caminata por la Vida LWOP está confirmado.",
        "subject": "Recibo de tu donativo a Drop LWOP Coalition",
    },
}


def dollars(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text.split(".")[0]))


@pytest.mark.parametrize("language", ["en", "es"])
def test_give_a_suggested_amount_and_see_the_thermometer_move(
    live_server, demo, page, fake_stripe, smtp_server, axe_violations, language
):
    words = JOURNEYS[language]
    fake_stripe.webhook_url = live_server.url + WEBHOOK_PATH
    email = f"ana-{language}@example.org"

    page.goto(live_server.url + words["path"])
    assert axe_violations(page) == []
    before = dollars(page.locator(".thermometer__amount").inner_text())

    page.get_by_text("$50", exact=True).click()
    page.get_by_label(words["first_name"], exact=True).fill("Ana")
    page.get_by_label(words["email"], exact=True).fill(email)
    page.get_by_role("button", name=words["donate"], exact=True).click()

    page.wait_for_url(re.compile(re.escape(fake_stripe.url) + "/pay/"))
    page.get_by_role("button", name=words["pay"]).click()

    page.wait_for_url(re.compile(r"/donate/thanks/"))
    assert page.locator("h1").inner_text() == words["thanks"]
    assert words["confirmed"] in page.locator("main").inner_text()
    assert dollars(page.locator(".thermometer__amount").inner_text()) == before + 50
    assert axe_violations(page) == []

    [receipt] = smtp_server.to(email)
    assert receipt["Subject"] == words["subject"]
    assert "$50 USD" in receipt.get_body(("plain",)).get_content()
