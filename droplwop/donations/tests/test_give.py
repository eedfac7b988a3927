"""The donate form: amounts, double clicks, hostile input, the processor being down, monthly
gifts and cancelling them by signed link."""

import pytest
from django.urls import reverse

from droplwop.donations.models import Donation, RecurringGift
from droplwop.supporters.models import Supporter

from .helpers import completed_session, make_event, post_event

pytestmark = pytest.mark.django_db


def give_url(page):
    return f"/{page.locale.language_code}/donate/give/{page.pk}/"


def form(**overrides):
    data = {
        "amount": "50",
        "other_amount": "",
        "frequency": "one_time",
        "first_name": "Dana",
        "last_name": "Rivera",
        "email": "dana@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, page, data):
    return client.post(give_url(page), data, HTTP_ORIGIN="http://testserver")


@pytest.mark.parametrize("language", ["en", "es"])
def test_donate_page_shows_suggestions_thermometer_and_form(
    client, donate_pages, fake_stripe, language
):
    page = donate_pages[language]
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    for amount in ("$25", "$50", "$100"):
        assert amount in html
    assert 'class="thermometer' in html
    assert f'action="{give_url(page)}"' in html
    expected = "Donar" if language == "es" else "Donate"
    assert f">{expected}</button>" in html
    # The form redirects to the hosted checkout, so the page's CSP must allow that target.
    assert fake_stripe.url in response["Content-Security-Policy"]


def test_fundraiser_page_also_allows_the_checkout_redirect(client, walk, fake_stripe):
    _fund, pages = walk
    for page in pages.values():
        assert fake_stripe.url in client.get(page.url)["Content-Security-Policy"]


def test_a_suggested_amount_opens_one_checkout_and_a_pending_gift(
    client, donate_pages, fake_stripe
):
    response = post(client, donate_pages["en"], form(amount="100"))
    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.url + "/pay/")
    donation = Donation.objects.get(supporter__email="dana@example.org")
    assert (donation.status, donation.amount_cents) == (Donation.Status.PENDING, 10000)
    session = fake_stripe.created_sessions[-1]
    assert session["amount_total"] == 10000
    assert session["metadata"] == {"donation_id": str(donation.pk)}
    assert session["success_url"].startswith("http://testserver/en/donate/thanks/")


def test_a_double_click_makes_one_gift_and_one_checkout(client, donate_pages, fake_stripe):
    first = post(client, donate_pages["en"], form())
    second = post(client, donate_pages["en"], form())
    assert first["Location"] == second["Location"]
    assert Donation.objects.filter(supporter__email="dana@example.org").count() == 1
    assert len(fake_stripe.created_sessions) == 1


def test_a_custom_amount_wins_over_the_suggested_one(client, donate_pages, fake_stripe):
    post(client, donate_pages["es"], form(amount="other", other_amount="$1,000.50"))
    donation = Donation.objects.get(supporter__email="dana@example.org")
    assert donation.amount_cents == 100050
    assert donation.language == "es"
    assert fake_stripe.created_sessions[-1]["locale"] == "es"


@pytest.mark.parametrize(
    ("typed", "language", "message"),
    [
        ("2", "en", "The smallest amount we can take online is $5."),
        ("50000", "en", "Online gifts are limited to $10,000."),
        ("fifty", "en", "Enter an amount in dollars using numbers"),
        ("1.000,50 $", "en", "Write cents after a period, not a comma"),
        ("25,50", "es", "Escribe los centavos después de un punto, no de una coma"),
        ("2", "es", "La cantidad más pequeña que podemos recibir en línea es $5."),
        ("<script>", "es", "Escribe una cantidad en dólares con números"),
    ],
)
def test_bad_amounts_get_a_clear_message_keep_the_text_and_store_nothing(
    client, donate_pages, fake_stripe, typed, language, message
):
    before = Donation.objects.count()
    response = post(client, donate_pages[language], form(amount="other", other_amount=typed))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_other_amount_error"' in html
    from django.utils.html import escape

    assert f'value="{escape(typed)}"' in html
    assert Donation.objects.count() == before
    assert fake_stripe.created_sessions == []


def test_missing_name_and_bad_email_are_explained(client, donate_pages, fake_stripe):
    response = post(client, donate_pages["en"], form(first_name="", email="not-an-email"))
    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter a valid email address." in html
    assert not Supporter.objects.filter(email="not-an-email").exists()


def test_a_post_from_another_site_is_refused(client, donate_pages, fake_stripe):
    response = client.post(give_url(donate_pages["en"]), form(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Donation.objects.filter(supporter__email="dana@example.org").exists()


def test_a_bot_filling_the_honeypot_is_sent_back_with_nothing_stored(
    client, donate_pages, fake_stripe
):
    response = post(client, donate_pages["en"], form(website="http://spam.example"))
    assert response.status_code == 303
    assert not Donation.objects.filter(supporter__email="dana@example.org").exists()


def test_when_the_processor_is_down_the_donor_is_told_and_nothing_is_charged(
    client, donate_pages, settings
):
    settings.DONATIONS_STRIPE_SECRET_KEY = "sk_test_fake"
    settings.DONATIONS_STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    settings.DONATIONS_STRIPE_TIMEOUT_SECONDS = 2
    response = post(client, donate_pages["en"], form())
    assert response.status_code == 200
    assert "We could not reach our card processor, so nothing was charged." in (
        response.content.decode()
    )


def test_without_stripe_keys_the_form_says_giving_is_unavailable(client, donate_pages, settings):
    settings.DONATIONS_STRIPE_SECRET_KEY = ""
    response = post(client, donate_pages["en"], form())
    assert "Online giving is not available right now." in response.content.decode()


def test_thank_you_page_follows_the_webhook(client, donate_pages, fake_stripe):
    response = post(client, donate_pages["en"], form())
    donation = Donation.objects.get(supporter__email="dana@example.org")
    thanks = fake_stripe.created_sessions[-1]["success_url"].replace("http://testserver", "")
    assert "waiting for the card processor" in client.get(thanks).content.decode()
    post_event(client, make_event("checkout.session.completed", completed_session(donation)))
    html = client.get(thanks).content.decode()
    assert "Thank you, Dana!" in html
    assert "Your gift of $50 to General fund is confirmed." in html
    assert response.status_code == 303


def test_a_tampered_thank_you_link_is_not_found(client, demo):
    assert client.get("/en/donate/thanks/1:forged/").status_code == 404


def test_monthly_gift_becomes_a_subscription_and_the_donor_can_cancel_it(
    client, donate_pages, fake_stripe
):
    from droplwop.donations import links

    post(client, donate_pages["en"], form(frequency="monthly", amount="25"))
    donation = Donation.objects.get(supporter__email="dana@example.org")
    session = fake_stripe.created_sessions[-1]
    assert session["mode"] == "subscription" and session["recurring"]
    fake_stripe.deliver = lambda payload, signature: (
        client.post(
            "/donations/stripe/webhook/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        ).status_code
    )
    for event in fake_stripe.pay(session["id"]):
        assert fake_stripe.send(event) == 200
    gift = RecurringGift.objects.get(pk=donation.recurring_gift_id)
    assert gift.status == RecurringGift.Status.ACTIVE
    url = links.monthly_path(gift)
    page = client.get(url).content.decode()
    assert "$25 each month to General fund." in page
    canceled = client.post(url)
    assert "Your monthly gift is canceled." in canceled.content.decode()
    gift.refresh_from_db()
    assert gift.status == RecurringGift.Status.CANCELED
    assert fake_stripe.canceled_subscriptions == [gift.subscription_id]
    # Cancelling again, or Stripe's own deletion event afterwards, changes nothing.
    client.post(url)
    assert fake_stripe.canceled_subscriptions == [gift.subscription_id]


def test_a_forged_cancel_link_opens_nothing(client, demo):
    assert (
        client.get(reverse("donations:monthly", kwargs={"token": "12:forged"})).status_code == 404
    )


@pytest.mark.parametrize(
    ("path", "get_status"),
    [
        # An id past the databases' integer matches no route (core.converters): no such page.
        ("/en/donate/give/99999999999999999999999/", 404),
        ("/en/donate/give/1/", 405),
        ("/en/donate/pledge/99999999999999999999999/miguel/", 404),
    ],
)
def test_hostile_addresses_are_not_found_never_a_500(client, demo, path, get_status):
    response = client.post(path, {"amount": "50"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 404
    assert client.get(path).status_code == get_status
