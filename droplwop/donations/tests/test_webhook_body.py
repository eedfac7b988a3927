"""A Stripe webhook body is read only once its signature is valid and it has an event's shape."""

import json

import pytest

from droplwop.donations.models import ProcessedEvent

from .fake_stripe import make_event, sign

SECRET = "whsec_test_body"


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.DONATIONS_STRIPE_WEBHOOK_SECRET = SECRET


def _post(client, payload: bytes):
    return client.post(
        "/donations/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, SECRET),
    )


@pytest.mark.parametrize(
    "payload",
    [
        b"[]",
        b'[{"id": "evt_1", "type": "checkout.session.completed"}]',
        b"null",
        b'"event"',
        b'{"id": "evt_1", "type": "checkout.session.completed"}',
        b'{"id": "evt_1", "type": "checkout.session.completed", "data": []}',
        b'{"id": 5, "type": "x", "data": {"object": {}}}',
        b"[" * 100_000 + b"]" * 100_000,
        b"\xff\xfe",
    ],
)
def test_a_signed_body_that_is_not_an_event_is_a_400(client, db, payload):
    response = _post(client, payload)
    assert response.status_code == 400
    assert not ProcessedEvent.objects.exists()


def test_a_signed_event_of_a_type_we_do_not_handle_is_recorded(client, db):
    event = make_event("customer.created", {"id": "cus_1"})
    response = _post(client, json.dumps(event).encode())
    assert response.status_code == 200
    assert ProcessedEvent.objects.get().event_id == event["id"]
