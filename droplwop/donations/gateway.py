"""The one place that talks to Stripe, through its official SDK.

We use Stripe **Checkout Sessions** (Stripe's hosted payment page), not Payment Intents with
our own card form, because:
- card numbers never touch our pages, so the site stays out of PCI scope beyond SAQ A and needs
  no Stripe.js on our pages (our Content-Security-Policy allows scripts from this site only);
- the donate form keeps working without JavaScript: it is a plain POST and a redirect;
- one API covers both one-time gifts (mode "payment") and monthly gifts (mode "subscription"),
  with 3-D Secure, wallets and receipts of card declines handled on Stripe's page;
- the result comes back only as signed webhooks, which is the one source of truth we accept.

Everything here has a timeout; the API address comes from settings so tests point the SDK at
a local fake of the few endpoints used (droplwop/donations/tests/fake_stripe.py).
"""

from dataclasses import dataclass

import stripe
from django.conf import settings

from droplwop.core import json_shape

WEBHOOK_TOLERANCE_SECONDS = 300
# What the event handlers read of every event; each handler checks its own object's fields.
STRIPE_EVENT_SHAPE = {"id": str, "type": str, "data": {"object": dict}}


class GatewayUnavailable(Exception):
    """Stripe is not configured here, or did not answer in time."""


class InvalidWebhook(Exception):
    """The payload is not a genuine, fresh Stripe event."""


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


def is_configured() -> bool:
    return bool(settings.DONATIONS_STRIPE_SECRET_KEY)


def _client() -> stripe.StripeClient:
    if not is_configured():
        raise GatewayUnavailable("STRIPE_SECRET_KEY is not set")
    return stripe.StripeClient(
        settings.DONATIONS_STRIPE_SECRET_KEY,
        base_addresses={"api": settings.DONATIONS_STRIPE_API_BASE},
        http_client=stripe.RequestsClient(timeout=settings.DONATIONS_STRIPE_TIMEOUT_SECONDS),
        max_network_retries=1,
    )


def create_checkout_session(
    *,
    donation_id: int,
    recurring_gift_id: int | None,
    amount_cents: int,
    product_name: str,
    email: str,
    language: str,
    success_url: str,
    cancel_url: str,
    idempotency_key: str,
) -> CheckoutSession:
    """A hosted payment page for one pending donation; monthly when recurring_gift_id is set.

    The same idempotency key always returns the same session, so a double click never opens
    two payments.
    """
    metadata = {"donation_id": str(donation_id)}
    price_data = {
        "currency": "usd",
        "unit_amount": amount_cents,
        "product_data": {"name": product_name[:250]},
    }
    params = {
        "success_url": success_url,
        "cancel_url": cancel_url,
        "customer_email": email,
        "client_reference_id": str(donation_id),
        "locale": "es" if language == "es" else "en",
        "metadata": metadata,
        "submit_type": None,
    }
    if recurring_gift_id:
        metadata["recurring_gift_id"] = str(recurring_gift_id)
        price_data["recurring"] = {"interval": "month"}
        params["mode"] = "subscription"
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["mode"] = "payment"
        params["submit_type"] = "donate"
        params["payment_intent_data"] = {"metadata": metadata}
    params["line_items"] = [{"price_data": price_data, "quantity": 1}]
    params = {key: value for key, value in params.items() if value is not None}
    try:
        session = _client().v1.checkout.sessions.create(
            params, options={"idempotency_key": idempotency_key}
        )
    except stripe.StripeError as exc:
        raise GatewayUnavailable(str(exc)) from exc
    return CheckoutSession(id=session.id, url=session.url)


def cancel_subscription(subscription_id: str) -> None:
    try:
        _client().v1.subscriptions.cancel(subscription_id)
    except stripe.InvalidRequestError as exc:
        # Already canceled on Stripe's side (for example from its dashboard): nothing to undo.
        if getattr(exc, "code", "") != "resource_missing":
            raise GatewayUnavailable(str(exc)) from exc
    except stripe.StripeError as exc:
        raise GatewayUnavailable(str(exc)) from exc


def verify_webhook(payload: bytes, signature_header: str) -> dict:
    """The event as a plain dict, only if Stripe's signature over this exact payload is valid
    and recent (a replay of an old capture fails the timestamp check) and the body has the
    shape of an event. The signature is checked before anything parses the body."""
    secret = settings.DONATIONS_STRIPE_WEBHOOK_SECRET
    if not secret:
        raise InvalidWebhook("STRIPE_WEBHOOK_SECRET is not set")
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"),
            signature_header or "",
            secret,
            tolerance=WEBHOOK_TOLERANCE_SECONDS,
        )
        return json_shape.parse(payload, STRIPE_EVENT_SHAPE)
    except (stripe.SignatureVerificationError, UnicodeDecodeError, json_shape.BadShape) as exc:
        raise InvalidWebhook(str(exc)) from exc


def allow_checkout_redirect(response):
    """Let a page's form redirect to Stripe's hosted checkout (CSP form-action covers redirects)."""
    response._csp_update = {"form-action": [settings.DONATIONS_STRIPE_CHECKOUT_ORIGIN]}
    return response
