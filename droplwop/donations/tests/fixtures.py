"""Fixtures for the donation tests and the browser journeys (tests/e2e imports them)."""

import pytest

from .fake_stripe import FakeStripe

WEBHOOK_SECRET = "whsec_test_droplwop_secret"
WEBHOOK_PATH = "/donations/stripe/webhook/"


@pytest.fixture
def fake_stripe(settings):
    """The SDK pointed at a local fake of Stripe; its webhooks go to the Django test client
    (tests may set `fake_stripe.webhook_url` to a live server and `deliver` back to HTTP)."""
    fake = FakeStripe(webhook_secret=WEBHOOK_SECRET).start()
    settings.DONATIONS_STRIPE_SECRET_KEY = "sk_test_fake"
    settings.DONATIONS_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.DONATIONS_STRIPE_API_BASE = fake.url
    settings.DONATIONS_STRIPE_CHECKOUT_ORIGIN = fake.url
    settings.DONATIONS_STRIPE_TIMEOUT_SECONDS = 5
    try:
        yield fake
    finally:
        fake.stop()
