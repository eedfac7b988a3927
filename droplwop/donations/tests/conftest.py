import pytest

from .fixtures import WEBHOOK_PATH, fake_stripe  # noqa: F401


@pytest.fixture
def webhook_client(client, fake_stripe):  # noqa: F811
    """Deliver the fake's signed events through Django's test client, in this test's transaction."""

    def deliver(payload, signature):
        response = client.post(
            WEBHOOK_PATH,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )
        return response.status_code

    fake_stripe.deliver = deliver
    return fake_stripe


@pytest.fixture
def walk(demo):
    from droplwop.donations.models import Fund, FundraiserPage

    fund = Fund.objects.get(slug="lwop-walk-for-life")
    pages = {p.locale.language_code: p for p in FundraiserPage.objects.filter(fund=fund)}
    return fund, pages


@pytest.fixture
def donate_pages(demo):
    from droplwop.donations.models import DonatePage

    return {p.locale.language_code: p for p in DonatePage.objects.filter(fund__slug="general")}
