"""Receipts in the donor's language with the organization's name, EIN and tax wording, the
yearly summary sent only to the address on file, and gifts on the supporter's timeline."""

import datetime

import pytest
from django.utils import timezone

from droplwop.core.models import OrganizationSettings
from droplwop.donations import services
from droplwop.donations.models import Fund, ReceiptSettings

from .helpers import completed_session, make_event, pending_gift, post_event

pytestmark = pytest.mark.django_db


def body(message):
    return message.get_body(("plain",)).get_content()


@pytest.fixture
def wording(demo):
    org = OrganizationSettings.load()
    org.ein = "00-0000000"
    org.save()
    receipts = ReceiptSettings.load()
    receipts.tax_text_en = "No goods or services were given for this gift."
    receipts.tax_text_es = "No se dio nada a cambio de este donativo."
    receipts.save()


@pytest.mark.parametrize(
    ("language", "subject", "lines"),
    [
        (
            "en",
            "Receipt for your gift to Drop LWOP Coalition",
            [
                "Dear Dana,",
                "Amount: $60 USD",
                "Fund: General fund",
                "EIN (tax id): 00-0000000",
                "No goods or services were given for this gift.",
            ],
        ),
        (
            "es",
            "Recibo de tu donativo a Drop LWOP Coalition",
            [
                "Hola, Dana:",
                "Cantidad: $60 USD",
                "Fondo: Fondo general",
                "EIN (número de identificación fiscal): 00-0000000",
                "No se dio nada a cambio de este donativo.",
            ],
        ),
    ],
)
def test_receipt_in_the_donors_language(
    client,
    wording,
    fake_stripe,
    smtp_server,
    django_capture_on_commit_callbacks,
    language,
    subject,
    lines,
):
    gift = pending_gift(cents=6000, language=language, email=f"dana-{language}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, make_event("checkout.session.completed", completed_session(gift)))
    [message] = smtp_server.to(f"dana-{language}@example.org")
    assert message["Subject"] == subject
    text = body(message)
    for line in lines:
        assert line in text
    gift.refresh_from_db()
    assert gift.receipt_sent_at is not None


def test_a_gift_to_an_external_beneficiary_says_where_the_money_goes(
    client, wording, fake_stripe, smtp_server, django_capture_on_commit_callbacks
):
    walk = Fund.objects.get(slug="lwop-walk-for-life")
    gift = pending_gift(fund=walk, cents=2500, email="pat@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, make_event("checkout.session.completed", completed_session(gift)))
    text = body(smtp_server.to("pat@example.org")[0])
    assert "Beneficiary: Shriners Children's Northern California" in text
    assert ReceiptSettings.load().beneficiary_text_en in text


def test_a_monthly_receipt_carries_the_cancel_link(
    client, wording, fake_stripe, smtp_server, django_capture_on_commit_callbacks
):
    gift = pending_gift(cents=2000, frequency="monthly", email="mo@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        post_event(
            client,
            make_event(
                "checkout.session.completed",
                completed_session(gift, subscription="sub_test_receipt"),
            ),
        )
    text = body(smtp_server.to("mo@example.org")[0])
    assert "cancel your monthly gift at any time" in text
    assert "/en/donate/monthly/" in text


def test_yearly_summary_goes_only_to_the_address_on_file(
    client, demo, organizer, smtp_server, django_capture_on_commit_callbacks
):
    general = Fund.objects.get(slug="general")
    last_year = timezone.localdate().year - 1
    for month in (3, 9):
        services.record_offline_gift(
            actor=organizer,
            fund=general,
            amount_cents=12500,
            received_on=datetime.date(last_year, month, 1),
            method="check",
            email="yearly@example.org",
            first_name="Yu",
            language="es",
            send_receipt=False,
        )
    data = {"email": "yearly@example.org", "year": str(last_year), "website": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/donate/yearly-summary/", data)
    html = response.content.decode()
    assert "$125" not in html  # nothing about the gifts is ever shown on the page
    assert "si esa dirección tiene donativos registrados" in html.lower()
    [message] = smtp_server.to("yearly@example.org")
    text = body(message)
    assert "Total: $250 USD" in text
    assert str(last_year) in message["Subject"]

    # An address with no gifts sees the very same page and nobody gets an email.
    unknown = client.post(
        "/es/donate/yearly-summary/", {**data, "email": "nobody@example.org"}
    ).content.decode()
    assert "si esa dirección tiene donativos registrados" in unknown.lower()
    assert smtp_server.to("nobody@example.org") == []


def test_yearly_summary_requests_are_limited(client, demo):
    data = {"email": "x@example.org", "year": str(timezone.localdate().year), "website": ""}
    for _attempt in range(5):
        client.post("/en/donate/yearly-summary/", data)
    response = client.post("/en/donate/yearly-summary/", data)
    assert response.status_code == 429
    assert "Please try again later." in response.content.decode()
