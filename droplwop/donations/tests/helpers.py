import json

from droplwop.donations import services
from droplwop.donations.models import Fund

from .fake_stripe import make_event, new_id, sign
from .fixtures import WEBHOOK_PATH, WEBHOOK_SECRET


def post_event(client, event, *, secret=WEBHOOK_SECRET, timestamp=None, signature=None):
    payload = json.dumps(event).encode()
    header = signature if signature is not None else sign(payload, secret, timestamp)
    return client.post(
        WEBHOOK_PATH, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def pending_gift(
    *,
    fund=None,
    cents=5000,
    frequency="one_time",
    email="donor@example.org",
    language="en",
    first_name="Dana",
    client_key="test",
):
    fund = fund or Fund.objects.get(slug="general")
    return services.start_online_donation(
        fund=fund,
        amount_cents=cents,
        frequency=frequency,
        email=email,
        first_name=first_name,
        language=language,
        client_key=client_key,
    )


def completed_session(donation, *, payment_status="paid", subscription=None, invoice=None):
    metadata = {"donation_id": str(donation.pk)}
    if donation.recurring_gift_id:
        metadata["recurring_gift_id"] = str(donation.recurring_gift_id)
    return {
        "id": donation.checkout_session_id or new_id("cs"),
        "object": "checkout.session",
        "mode": "subscription" if donation.recurring_gift_id else "payment",
        "client_reference_id": str(donation.pk),
        "metadata": metadata,
        "payment_status": payment_status,
        "amount_total": donation.amount_cents,
        "payment_intent": None if donation.recurring_gift_id else new_id("pi"),
        "subscription": subscription,
        "invoice": invoice,
        "customer": new_id("cus"),
    }


def invoice(
    *, subscription, gift, donation=None, reason="subscription_cycle", amount=None, invoice_id=None
):
    metadata = {"recurring_gift_id": str(gift.pk)}
    if donation is not None:
        metadata["donation_id"] = str(donation.pk)
    return {
        "id": invoice_id or new_id("in"),
        "object": "invoice",
        "billing_reason": reason,
        "amount_paid": amount if amount is not None else gift.amount_cents,
        "amount_due": amount if amount is not None else gift.amount_cents,
        "customer": "cus_test",
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": subscription, "metadata": metadata},
        },
        "payments": {"data": [{"payment": {"payment_intent": new_id("pi")}}]},
    }


__all__ = ["make_event", "new_id"]
