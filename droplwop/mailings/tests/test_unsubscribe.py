import base64
import json

import pytest
from django.test import Client

from droplwop.mailings import services
from droplwop.mailings.models import Send, Suppression
from droplwop.mailings.rendering import unsubscribe_token
from droplwop.supporters.models import SubscriptionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(make_supporter, make_mailing):
    supporter = make_supporter("reader@example.org", first_name="Rita", language="es")
    mailing = make_mailing()
    services.start_mailing(mailing=mailing)
    return Send.objects.get(mailing=mailing, supporter=supporter)


def _status(send):
    return send.supporter.subscriptions.get().status


def test_one_click_post_unsubscribes_without_login_or_csrf(sent):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/mail/unsubscribe/{unsubscribe_token(sent.pk)}/", {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert _status(sent) == SubscriptionStatus.UNSUBSCRIBED
    sent.refresh_from_db()
    assert sent.unsubscribed_at is not None
    assert sent.supporter.activities.filter(kind="mailings.unsubscribed").exists()


def test_the_link_shows_a_confirmation_page_and_changes_nothing_until_confirmed(client, sent):
    url = f"/mail/unsubscribe/{unsubscribe_token(sent.pk)}/"

    page = client.get(url)

    assert page.status_code == 200
    assert (
        "¿Dejar de recibir los correos de la lista “Novedades de prueba”?" in page.content.decode()
    )
    assert _status(sent) == SubscriptionStatus.SUBSCRIBED
    confirmed = client.post(url, {"confirm": "1"})
    assert "Te diste de baja" in confirmed.content.decode()
    assert _status(sent) == SubscriptionStatus.UNSUBSCRIBED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "1" + token[1:],
        lambda token: "",
        lambda token: "%00' OR 1=1 --",
        lambda token: "x" * 3000,
    ],
)
def test_a_tampered_link_changes_nothing(client, sent, tamper):
    token = tamper(unsubscribe_token(sent.pk)) or "-"

    post = client.post(f"/mail/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    get = client.get(f"/mail/unsubscribe/{token}/")

    assert (post.status_code, get.status_code) == (400, 400)
    assert _status(sent) == SubscriptionStatus.SUBSCRIBED
    sent.refresh_from_db()
    assert sent.unsubscribed_at is None


def test_a_token_for_another_purpose_is_refused(client, sent):
    from droplwop.supporters.links import preferences_token

    response = client.post(
        f"/mail/unsubscribe/{preferences_token(sent.supporter)}/", {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 400
    assert _status(sent) == SubscriptionStatus.SUBSCRIBED


def _postmark_bounce(email, message_id="<m1.s1@localhost>"):
    return json.dumps(
        {
            "RecordType": "Bounce",
            "ID": 42,
            "Type": "HardBounce",
            "TypeCode": 1,
            "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
            "Email": email,
            "Description": "The server was unable to deliver your message",
            "Details": "smtp;550 5.1.1 The email account does not exist.",
            "BouncedAt": "2026-11-27T10:00:00Z",
            "Metadata": {},
        }
    )


def _auth(secret):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def test_a_webhook_with_a_bad_secret_is_rejected_and_suppresses_nothing(client, sent, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "anymail:right-secret"}

    response = client.post(
        "/mail/webhooks/postmark/tracking/",
        _postmark_bounce(sent.supporter.email),
        content_type="application/json",
        **_auth("anymail:wrong-secret"),
    )

    assert response.status_code == 400
    assert not Suppression.objects.exists()
    assert _status(sent) == SubscriptionStatus.SUBSCRIBED


def test_webhooks_stay_closed_while_no_secret_is_configured(client, sent, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}

    response = client.post(
        "/mail/webhooks/postmark/tracking/",
        _postmark_bounce(sent.supporter.email),
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not Suppression.objects.exists()


def test_a_signed_bounce_suppresses_the_address_on_every_list(
    client, sent, settings, smtp_server, make_mailing
):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "anymail:right-secret"}

    response = client.post(
        "/mail/webhooks/postmark/tracking/",
        _postmark_bounce(sent.supporter.email.upper()),
        content_type="application/json",
        **_auth("anymail:right-secret"),
    )

    assert response.status_code == 200
    assert Suppression.objects.get().reason == "bounced"
    assert _status(sent) == SubscriptionStatus.BOUNCED
    later = make_mailing(title="Later")
    assert services.start_mailing(mailing=later) == 0


def _postmark_inbound(subject):
    return json.dumps(
        {
            "FromFull": {"Email": "reader@example.org", "Name": "Rita"},
            "ToFull": [{"Email": "unsubscribe@droplwop.example", "Name": ""}],
            "Subject": subject,
            "TextBody": "",
            "Headers": [],
            "MessageID": "inbound-1",
        }
    )


def _mail_to_unsubscribe_address(client, subject):
    return client.post(
        "/mail/webhooks/postmark/inbound/",
        _postmark_inbound(subject),
        content_type="application/json",
        **_auth("anymail:right-secret"),
    )


def test_an_unsubscribe_mailed_to_the_list_unsubscribe_address_is_honoured(client, sent, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "anymail:right-secret"}
    settings.MAILINGS_UNSUBSCRIBE_MAILTO = "unsubscribe@droplwop.example"
    token = unsubscribe_token(sent.pk)

    forged = _mail_to_unsubscribe_address(client, f"unsubscribe-{token[:-2]}xx")
    assert forged.status_code == 200
    assert _status(sent) == SubscriptionStatus.SUBSCRIBED

    response = _mail_to_unsubscribe_address(client, f"Re: unsubscribe-{token}")
    assert response.status_code == 200
    assert _status(sent) == SubscriptionStatus.UNSUBSCRIBED
