"""A person signs the demo campaign petition in English, then another in Spanish."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def count_on(page) -> int:
    return int(re.sub(r"\D", "", page.locator(".petition-count__number strong").inner_text()))


@pytest.mark.parametrize(
    "path,labels,thanks",
    [
        (
            "/en/petitions/commute-all-lwop/",
            {
                "first": "First name",
                "last": "Last name",
                "email": "Email",
                "zip": "ZIP code",
                "sign": "Sign",
            },
            "Thank you for signing!",
        ),
        (
            "/es/peticiones/conmutar-todas-lwop/",
            {
                "first": "Nombre",
                "last": "Apellido",
                "email": "Correo electrónico",
                "zip": "Código postal",
                "sign": "Firmar",
            },
            "¡Gracias por firmar!",
        ),
    ],
)
def test_sign_see_thanks_and_the_count_go_up(
    live_server, demo, page, axe_violations, path, labels, thanks
):
    from django.core.cache import cache

    page.goto(live_server.url + path)
    assert axe_violations(page) == []
    before = count_on(page)
    page.get_by_label(labels["first"], exact=False).first.fill("Sean")
    page.get_by_label(labels["last"], exact=False).first.fill("O'Brien")
    page.get_by_label(labels["email"], exact=False).first.fill("not-an-email")
    page.get_by_label(labels["zip"], exact=False).first.fill("94110")
    page.get_by_role("button", name=labels["sign"], exact=True).click()
    assert page.locator("#id_email_error").is_visible()
    assert page.get_by_label(labels["last"], exact=False).first.input_value() == "O'Brien"
    assert axe_violations(page) == []

    page.get_by_label(labels["email"], exact=False).first.fill(f"sean-{path[1:3]}@example.org")
    page.get_by_role("button", name=labels["sign"], exact=True).click()
    page.wait_for_url(re.compile(r"/thanks/signed/$"))
    assert thanks in page.locator("h1").inner_text()
    assert page.locator("a[href^='https://wa.me/']").count() == 1
    assert axe_violations(page) == []

    cache.clear()  # the page's few seconds of cache, which a visitor would simply wait out
    page.goto(live_server.url + path)
    assert count_on(page) == before + 1
