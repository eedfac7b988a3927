"""Sign up in Spanish, confirm from the email the real SMTP server received, open the
preferences page from the same email, and unsubscribe from everything."""

import re

import pytest

from droplwop.supporters.models import Subscription, SubscriptionStatus, Supporter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(message, marker):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"https?://\S+/{marker}/\S+/", body).group(0)


def test_spanish_signup_confirm_and_unsubscribe(
    live_server, demo, page, smtp_server, settings, axe_violations
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/es/recibe-nuestros-correos/")
    assert page.locator("h1").inner_text() == "Recibe nuestros correos"
    assert axe_violations(page) == []

    page.get_by_label("Nombre").first.fill("Lucía")
    page.get_by_label("Correo electrónico").fill("lucia.e2e@example.org")
    page.get_by_label("Código postal").fill("9001")
    page.get_by_label("Español").check()
    page.get_by_label("Novedades de la campaña").check()
    page.get_by_role("button", name="Suscribirme").click()
    # A bad ZIP: the form comes back with the error tied to the field and keeps what was typed.
    assert "código postal de cinco dígitos" in page.locator("#signup-zip_code_error").inner_text()
    assert page.get_by_label("Correo electrónico").input_value() == "lucia.e2e@example.org"
    page.get_by_label("Código postal").fill("90012")
    page.get_by_role("button", name="Suscribirme").click()
    assert page.locator("h1").inner_text() == "Revisa tu correo"

    supporter = Supporter.objects.get(email="lucia.e2e@example.org")
    assert Subscription.objects.get(supporter=supporter).status == SubscriptionStatus.PENDING
    [message] = smtp_server.to("lucia.e2e@example.org")
    assert message["Subject"] == "Confirma tu suscripción, por favor"

    page.goto(_link(message, "confirm"))
    assert "Novedades de la campaña" in page.locator("main").inner_text()
    page.get_by_role("button", name="Sí, confirmo").click()
    assert page.locator("h1").inner_text() == "Ya estás suscrito"
    assert Subscription.objects.get(supporter=supporter).status == SubscriptionStatus.SUBSCRIBED

    page.goto(_link(message, "preferences"))
    assert page.locator("h1").inner_text() == "Tus preferencias de correo"
    assert page.get_by_label("Novedades de la campaña").is_checked()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Darme de baja de todo").click()
    assert "Te diste de baja de todas las listas" in page.locator("main").inner_text()
    assert not page.get_by_label("Novedades de la campaña").is_checked()
    assert Subscription.objects.get(supporter=supporter).status == SubscriptionStatus.UNSUBSCRIBED
