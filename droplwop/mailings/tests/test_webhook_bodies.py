"""Provider webhooks read a body only once it has the provider's shape: anything else is a 400,
never a 500 (which a provider retries for days)."""

import base64
import json

import pytest

from droplwop.mailings.models import Suppression

SECRET = "anymail:right-secret"
AUTH = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(SECRET.encode()).decode()}


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


def _post(client, provider, body, *, kind="tracking", content_type="application/json", **extra):
    return client.post(
        f"/mail/webhooks/{provider}/{kind}/", body, content_type=content_type, **AUTH, **extra
    )


def _sendgrid_bounce(email):
    return [{"event": "bounce", "email": email, "timestamp": 1764237600, "sg_event_id": "e1"}]


@pytest.mark.parametrize(
    "body",
    [
        "{}",
        '{"event": "bounce", "email": "someone@example.org"}',
        "[1, 2]",
        '[{"event": "bounce"}]',
        '[{"event": "bounce", "email": 5}]',
        "[" * 100_000 + "]" * 100_000,
        "not json",
        b"\xff\xfe",
    ],
)
def test_a_malformed_sendgrid_post_is_a_400_and_suppresses_nothing(client, db, body):
    assert _post(client, "sendgrid", body).status_code == 400
    assert not Suppression.objects.exists()


def test_a_sendgrid_bounce_suppresses_the_address(client, make_supporter):
    make_supporter("gone@example.org")
    response = _post(client, "sendgrid", json.dumps(_sendgrid_bounce("gone@example.org")))
    assert response.status_code == 200
    assert Suppression.objects.get().supporter.email == "gone@example.org"


def test_a_sendgrid_inbound_post_with_a_malformed_envelope_is_a_400(client, db):
    response = client.post(
        "/mail/webhooks/sendgrid/inbound/",
        {"envelope": '{"to": []}', "email": "From: x@example.org\n\nhello"},
        **AUTH,
    )
    assert response.status_code == 400


def _sns(message, *, message_type="Notification", message_id="sns-1"):
    body = {
        "Type": message_type,
        "MessageId": message_id,
        "TopicArn": "arn:aws:sns:us-west-2:123456789012:ses-events",
        "Message": message,
        "Timestamp": "2026-11-27T10:00:00.000Z",
    }
    headers = {"HTTP_X_AMZ_SNS_MESSAGE_TYPE": message_type, "HTTP_X_AMZ_SNS_MESSAGE_ID": message_id}
    return json.dumps(body), headers


def test_an_amazon_ses_bounce_suppresses_the_address(client, make_supporter):
    make_supporter("a@x.org")
    event = {
        "eventType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "bounceSubType": "General",
            "bouncedRecipients": [{"emailAddress": "a@x.org"}],
        },
        "mail": {"messageId": "m-1", "destination": ["a@x.org"], "headers": []},
    }
    body, headers = _sns(json.dumps(event))
    response = _post(client, "amazon_ses", body, content_type="text/plain", **headers)
    assert response.status_code == 200
    assert Suppression.objects.get().supporter.email == "a@x.org"


@pytest.mark.parametrize(
    "message",
    [
        "{}",
        '{"eventType": "Bounce", "mail": {"destination": "a@x.org"}}',
        '{"eventType": "Bounce", "mail": []}',
        '{"eventType": "Bounce", "mail": {"destination": ["a@x.org"]}, "bounce": {}}',
        '{"eventType": "Complaint", "mail": {"destination": []}, "complaint": []}',
        "not the confirmation text",
    ],
)
def test_a_malformed_amazon_ses_notification_is_a_400(client, db, message):
    body, headers = _sns(message)
    response = _post(client, "amazon_ses", body, content_type="text/plain", **headers)
    assert response.status_code == 400
    assert not Suppression.objects.exists()


@pytest.mark.parametrize("body", ["[]", '{"Type": "Notification"}', "null", "\u00e9"])
def test_a_malformed_amazon_ses_post_is_a_400(client, db, body):
    response = _post(client, "amazon_ses", body, content_type="text/plain")
    assert response.status_code == 400
