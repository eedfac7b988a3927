"""With no payment key, the giving page says so before the form and offers the offline ways
to give, from the organization's settings only (never an invented address)."""

import pytest

from droplwop.core.models import OrganizationSettings

pytestmark = pytest.mark.django_db


def before_form(html):
    return html.split('class="form-card donate-form"', 1)[0]


@pytest.fixture
def no_key(settings):
    settings.DONATIONS_STRIPE_SECRET_KEY = ""


def configure(**fields):
    org = OrganizationSettings.load()
    for name, value in fields.items():
        setattr(org, name, value)
    org.save()
    return org


@pytest.mark.parametrize(
    ("language", "notice", "check"),
    [
        ("en", "Online giving is not available right now", "Mail a check made out to"),
        ("es", "Las donaciones en línea no están disponibles ahora", "Envía un cheque a nombre de"),
    ],
)
def test_without_a_key_the_page_says_so_and_gives_the_address(
    client, donate_pages, no_key, language, notice, check
):
    configure(mailing_address="PO Box 4471\nOakland, CA 94610", contact_email="give@example.org")
    top = before_form(client.get(donate_pages[language].url).content.decode())
    assert notice in top
    assert check in top
    assert "PO Box 4471<br>Oakland, CA 94610" in top
    assert 'href="mailto:give@example.org"' in top


@pytest.mark.parametrize(
    ("language", "contact"),
    [("en", "and we will tell you how to give"), ("es", "y te diremos cómo donar")],
)
def test_without_an_address_it_points_to_the_contact_email_only(
    client, donate_pages, no_key, language, contact
):
    configure(mailing_address="", contact_email="give@example.org")
    top = before_form(client.get(donate_pages[language].url).content.decode())
    assert 'href="mailto:give@example.org"' in top and contact in top
    assert "<address>" not in top


def test_with_nothing_configured_it_says_to_contact_the_organization(client, donate_pages, no_key):
    org = configure(mailing_address="", contact_email="")
    top = before_form(client.get(donate_pages["en"].url).content.decode())
    assert f"Please contact {org.name} and we will tell you how to give." in top
    assert "<address>" not in top and "mailto:" not in top


def test_with_a_key_there_is_no_notice(client, donate_pages, settings):
    settings.DONATIONS_STRIPE_SECRET_KEY = "sk_test_fake"
    html = client.get(donate_pages["en"].url).content.decode()
    assert "Online giving is not available right now" not in html
