"""Every Stripe event type the app handles, signed the way Stripe signs, plus forged, stale,
replayed, malformed and out-of-order deliveries."""

import time

import pytest
from django.core import mail

from droplwop.donations import selectors
from droplwop.donations.models import Donation, ProcessedEvent, RecurringGift, Refund
from droplwop.supporters.models import Activity

from .helpers import (
    completed_session,
    invoice,
    make_event,
    new_id,
    pending_gift,
    post_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stripe_settings(fake_stripe):
    return fake_stripe


def general_total():
    from droplwop.donations.models import Fund

    return selectors.get_fund_progress(Fund.objects.get(slug="general")).total_cents


def test_a_forged_signature_is_rejected_and_changes_nothing(client, demo):
    gift = pending_gift()
    before = general_total()
    event = make_event("checkout.session.completed", completed_session(gift))
    response = post_event(client, event, secret="whsec_not_the_real_one")
    assert response.status_code == 400
    gift.refresh_from_db()
    assert gift.status == Donation.Status.PENDING
    assert general_total() == before
    assert not ProcessedEvent.objects.filter(event_id=event["id"]).exists()


@pytest.mark.parametrize("signature", ["", "t=1,v1=deadbeef", "garbage"])
def test_missing_or_garbled_signatures_are_rejected(client, demo, signature):
    gift = pending_gift()
    event = make_event("checkout.session.completed", completed_session(gift))
    assert post_event(client, event, signature=signature).status_code == 400


def test_an_old_captured_event_is_rejected_even_with_a_valid_signature(client, demo):
    gift = pending_gift()
    event = make_event("checkout.session.completed", completed_session(gift))
    response = post_event(client, event, timestamp=int(time.time()) - 3600)
    assert response.status_code == 400


def test_a_body_that_is_not_json_is_a_400_not_a_500(client, demo):
    from .fake_stripe import sign
    from .fixtures import WEBHOOK_PATH, WEBHOOK_SECRET

    payload = b"not json at all"
    response = client.post(
        WEBHOOK_PATH,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, WEBHOOK_SECRET),
    )
    assert response.status_code == 400


def test_checkout_completed_confirms_counts_and_receipts(
    client, demo, django_capture_on_commit_callbacks
):
    gift = pending_gift(cents=7500)
    before = general_total()
    assert before == general_total()  # pending gifts never count
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(
            client, make_event("checkout.session.completed", completed_session(gift))
        )
    assert response.status_code == 200
    gift.refresh_from_db()
    assert gift.status == Donation.Status.CONFIRMED
    assert gift.payment_intent_id.startswith("pi_")
    assert general_total() == before + 7500
    assert Activity.objects.filter(
        supporter=gift.supporter, kind="donations.given", object_id=str(gift.pk)
    ).exists()
    assert [m.to for m in mail.outbox] == [["donor@example.org"]]
    assert "$75" in mail.outbox[0].body


def test_a_replayed_event_is_ignored(client, demo, django_capture_on_commit_callbacks):
    gift = pending_gift(cents=5000)
    event = make_event("checkout.session.completed", completed_session(gift))
    before = general_total()
    with django_capture_on_commit_callbacks(execute=True):
        first = post_event(client, event)
        second = post_event(client, event)
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == b"replay"
    assert general_total() == before + 5000
    assert len(mail.outbox) == 1
    assert ProcessedEvent.objects.filter(event_id=event["id"]).count() == 1


def test_the_same_payment_reported_twice_under_two_event_ids_counts_once(client, demo):
    gift = pending_gift(cents=5000)
    session = completed_session(gift)
    before = general_total()
    post_event(client, make_event("checkout.session.completed", session))
    again = post_event(client, make_event("checkout.session.async_payment_succeeded", session))
    assert again.content == b"already_confirmed"
    assert general_total() == before + 5000


def test_an_unpaid_completion_waits_then_async_success_confirms(client, demo):
    gift = pending_gift()
    session = completed_session(gift, payment_status="unpaid")
    post_event(client, make_event("checkout.session.completed", session))
    gift.refresh_from_db()
    assert gift.status == Donation.Status.PENDING
    session["payment_status"] = "paid"
    post_event(client, make_event("checkout.session.async_payment_succeeded", session))
    gift.refresh_from_db()
    assert gift.status == Donation.Status.CONFIRMED


def test_async_payment_failure_marks_the_gift_failed_and_uncounted(client, demo):
    gift = pending_gift()
    before = general_total()
    session = completed_session(gift, payment_status="unpaid")
    response = post_event(client, make_event("checkout.session.async_payment_failed", session))
    assert response.content == b"failed"
    gift.refresh_from_db()
    assert gift.status == Donation.Status.FAILED
    assert general_total() == before
    # Trying the same gift again right away starts a new one instead of finding the failed one.
    assert pending_gift().pk != gift.pk


def test_an_expired_session_abandons_a_pending_gift_but_never_a_confirmed_one(client, demo):
    abandoned, paid = pending_gift(cents=1000), pending_gift(cents=2000, client_key="other")
    post_event(client, make_event("checkout.session.completed", completed_session(paid)))
    post_event(client, make_event("checkout.session.expired", completed_session(abandoned)))
    late = post_event(client, make_event("checkout.session.expired", completed_session(paid)))
    abandoned.refresh_from_db()
    paid.refresh_from_db()
    assert abandoned.status == Donation.Status.EXPIRED
    assert paid.status == Donation.Status.CONFIRMED
    assert late.content == b"already_confirmed"


def test_an_event_for_a_gift_we_never_made_is_acknowledged_and_ignored(client, demo):
    session = {"id": "cs_unknown", "metadata": {}, "payment_status": "paid"}
    response = post_event(client, make_event("checkout.session.completed", session))
    assert (response.status_code, response.content) == (200, b"unknown_donation")


def test_an_unhandled_event_type_is_acknowledged(client, demo):
    response = post_event(client, make_event("customer.created", {"id": "cus_1"}))
    assert (response.status_code, response.content) == (200, b"ignored")


def test_a_signed_event_with_missing_fields_is_a_400_and_can_be_retried(client, demo):
    event = make_event("charge.refunded", {"id": "ch_1"})
    assert post_event(client, event).status_code == 400
    assert not ProcessedEvent.objects.filter(event_id=event["id"]).exists()


def monthly_gift(client):
    gift = pending_gift(cents=2000, frequency="monthly")
    subscription = new_id("sub")
    return gift, subscription


def test_monthly_first_invoice_before_checkout_completion_counts_once(client, demo):
    donation, subscription = monthly_gift(client)
    recurring = donation.recurring_gift
    before = general_total()
    first = invoice(
        subscription=subscription,
        gift=recurring,
        donation=donation,
        reason="subscription_create",
    )
    assert post_event(client, make_event("invoice.paid", first)).content == b"confirmed"
    session = completed_session(donation, subscription=subscription, invoice=first["id"])
    late = post_event(client, make_event("checkout.session.completed", session))
    assert late.content == b"already_confirmed"
    recurring.refresh_from_db()
    assert recurring.status == RecurringGift.Status.ACTIVE
    assert recurring.subscription_id == subscription
    assert general_total() == before + 2000


def test_monthly_renewals_add_gifts_and_failed_renewals_are_recorded(client, demo):
    donation, subscription = monthly_gift(client)
    recurring = donation.recurring_gift
    post_event(
        client,
        make_event(
            "checkout.session.completed",
            completed_session(donation, subscription=subscription, invoice=new_id("in")),
        ),
    )
    before = general_total()
    renewal = invoice(subscription=subscription, gift=recurring)
    assert post_event(client, make_event("invoice.payment_failed", renewal)).content == (
        b"renewal_failed"
    )
    failed = Donation.objects.get(invoice_id=renewal["id"])
    assert failed.status == Donation.Status.FAILED
    recurring.refresh_from_db()
    assert recurring.failed_renewals == 1
    assert general_total() == before
    assert Activity.objects.filter(kind="donations.renewal_failed").exists()
    # Stripe retries the card and it goes through: the same row is confirmed, once.
    assert post_event(client, make_event("invoice.paid", renewal)).content == b"confirmed"
    assert post_event(client, make_event("invoice.payment_failed", renewal)).content == (
        b"already_confirmed"
    )
    failed.refresh_from_db()
    assert failed.status == Donation.Status.CONFIRMED
    assert general_total() == before + 2000
    assert recurring.donations.count() == 2


def test_subscription_deleted_cancels_the_monthly_gift(client, demo):
    donation, subscription = monthly_gift(client)
    recurring = donation.recurring_gift
    post_event(
        client,
        make_event(
            "checkout.session.completed",
            completed_session(donation, subscription=subscription),
        ),
    )
    deleted = {"id": subscription, "object": "subscription", "metadata": {}}
    assert post_event(client, make_event("customer.subscription.deleted", deleted)).content == (
        b"canceled"
    )
    recurring.refresh_from_db()
    assert recurring.status == RecurringGift.Status.CANCELED
    again = post_event(client, make_event("customer.subscription.deleted", deleted))
    assert again.content == b"already_canceled"


def test_cancellation_arriving_before_activation_keeps_the_gift_canceled(
    client, demo, django_capture_on_commit_callbacks, fake_stripe
):
    donation, subscription = monthly_gift(client)
    recurring = donation.recurring_gift
    deleted = {
        "id": subscription,
        "object": "subscription",
        "metadata": {"recurring_gift_id": str(recurring.pk)},
    }
    post_event(client, make_event("customer.subscription.deleted", deleted))
    post_event(
        client,
        make_event(
            "checkout.session.completed", completed_session(donation, subscription=subscription)
        ),
    )
    recurring.refresh_from_db()
    assert recurring.status == RecurringGift.Status.CANCELED


def charge(donation, refunded, charge_id="ch_test_1"):
    return {
        "id": charge_id,
        "object": "charge",
        "payment_intent": donation.payment_intent_id,
        "amount": donation.amount_cents,
        "amount_refunded": refunded,
        "refunded": refunded == donation.amount_cents,
    }


def test_refunds_are_recorded_and_taken_out_of_totals(client, demo):
    gift = pending_gift(cents=10000)
    post_event(client, make_event("checkout.session.completed", completed_session(gift)))
    gift.refresh_from_db()
    before = general_total()
    partial = post_event(client, make_event("charge.refunded", charge(gift, 2500)))
    assert partial.content == b"refund_recorded"
    assert general_total() == before - 2500
    # A later, full refund; then the older partial event arrives late: the total never goes back.
    post_event(client, make_event("charge.refunded", charge(gift, 10000)))
    post_event(client, make_event("charge.refunded", charge(gift, 2500)))
    gift.refresh_from_db()
    assert gift.refunded_cents == 10000
    assert general_total() == before - 10000
    assert Refund.objects.get(charge_id="ch_test_1").amount_cents == 10000
    assert Activity.objects.filter(supporter=gift.supporter, kind="donations.refunded").exists()


def test_a_refund_that_arrives_before_the_payment_waits_for_it(client, demo):
    gift = pending_gift(cents=4000)
    session = completed_session(gift)
    early = {
        "id": "ch_early",
        "payment_intent": session["payment_intent"],
        "amount_refunded": 4000,
    }
    before = general_total()
    assert post_event(client, make_event("charge.refunded", early)).content == b"refund_waiting"
    post_event(client, make_event("checkout.session.completed", session))
    gift.refresh_from_db()
    assert gift.status == Donation.Status.CONFIRMED
    assert gift.refunded_cents == 4000
    assert general_total() == before
