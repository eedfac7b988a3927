"""Stripe's events, the one source of truth for online gifts: confirm, fail, expire, refund,
and activate or end a monthly gift. Each event is applied exactly once."""

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import record_activity

from ..models import Donation, Frequency, Pledge, ProcessedEvent, RecurringGift, Refund
from ..money import format_money
from ..tasks import cancel_subscription_task, send_receipt_task
from .gifts import mark_canceled

# Checkout session payment states that mean the money is there.
PAID = ("paid", "no_payment_required")


def handle_stripe_event(event: dict) -> str:
    """Apply one verified Stripe event, exactly once (a replayed event id is a no-op).

    Handlers never move a gift backwards (a confirmed gift stays confirmed, a canceled monthly
    gift stays canceled) and find their rows by ids Stripe echoes back from our metadata, so
    events may arrive in any order. Malformed data raises, rolling everything back.
    """
    handler = _HANDLERS.get(event["type"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = ProcessedEvent.objects.create(
                    event_id=str(event["id"])[:100], event_type=str(event["type"])[:100]
                )
        except IntegrityError:
            return "replay"
        outcome = handler(event["data"]["object"]) if handler else "ignored"
        record.outcome = outcome
        record.save(update_fields=["outcome"])
    return outcome


def _id(value) -> str:
    """Stripe sends a related object as its id, or as the object itself when expanded."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def _donation_by_id(value) -> Donation | None:
    value = str(value or "")
    return Donation.objects.filter(pk=int(value)).first() if value.isdigit() else None


def _donation_for_session(session: dict) -> Donation | None:
    metadata = session.get("metadata") or {}
    return (
        _donation_by_id(metadata.get("donation_id"))
        or _donation_by_id(session.get("client_reference_id"))
        or Donation.objects.filter(checkout_session_id=session["id"]).first()
    )


def _recurring_for(subscription_id: str, metadata: dict) -> RecurringGift | None:
    gift = None
    if subscription_id:
        gift = RecurringGift.objects.filter(subscription_id=subscription_id).first()
    gift_id = str(metadata.get("recurring_gift_id") or "")
    if gift is None and gift_id.isdigit():
        gift = RecurringGift.objects.filter(pk=int(gift_id)).first()
    return gift


def _activate_recurring(gift: RecurringGift, *, subscription_id: str, customer_id: str) -> None:
    changed = []
    if subscription_id and not gift.subscription_id:
        gift.subscription_id = subscription_id
        changed.append("subscription_id")
    if customer_id and not gift.customer_id:
        gift.customer_id = customer_id
        changed.append("customer_id")
    if gift.status == RecurringGift.Status.PENDING:
        gift.status = RecurringGift.Status.ACTIVE
        gift.activated_at = timezone.now()
        changed += ["status", "activated_at"]
    elif gift.status == RecurringGift.Status.CANCELED and "subscription_id" in changed:
        # The donor canceled before Stripe told us the subscription exists: stop it there too.
        enqueue_on_commit(cancel_subscription_task, gift.pk)
    if changed:
        gift.save(update_fields=changed)


def _recompute_refunded(donation: Donation) -> None:
    total = donation.refunds.aggregate(total=Sum("amount_cents"))["total"] or 0
    donation.refunded_cents = min(total, donation.amount_cents)
    donation.save(update_fields=["refunded_cents"])


def _attach_waiting_refunds(donation: Donation) -> None:
    if donation.payment_intent_id and Refund.objects.filter(
        donation=None, payment_intent_id=donation.payment_intent_id
    ).update(donation=donation):
        _recompute_refunded(donation)


def _confirm(donation: Donation, *, payment_intent_id: str = "", invoice_id: str = "") -> str:
    changed = []
    if payment_intent_id and not donation.payment_intent_id:
        donation.payment_intent_id = payment_intent_id
        changed.append("payment_intent_id")
    if invoice_id and not donation.invoice_id:
        donation.invoice_id = invoice_id
        changed.append("invoice_id")
    outcome = "already_confirmed"
    if donation.status != Donation.Status.CONFIRMED:
        donation.status = Donation.Status.CONFIRMED
        donation.confirmed_at = timezone.now()
        donation.received_on = timezone.localdate()
        donation.failure_reason = ""
        changed += ["status", "confirmed_at", "received_on", "failure_reason"]
        outcome = "confirmed"
    if changed:
        donation.save(update_fields=changed)
    _attach_waiting_refunds(donation)
    if outcome == "confirmed":
        _after_confirmation(donation)
    return outcome


def _after_confirmation(donation: Donation) -> None:
    if donation.supporter_id:
        record_activity(
            supporter=donation.supporter,
            kind="donations.given",
            summary=f"{format_money(donation.amount_cents)} to {donation.fund.name_en}",
            obj=donation,
            data={
                "fund": donation.fund.slug,
                "amount_cents": donation.amount_cents,
                "frequency": donation.frequency,
                "source": donation.source,
                "method": donation.method,
            },
        )
        enqueue_on_commit(send_receipt_task, donation.pk)
    if donation.pledge_id:
        Pledge.objects.filter(pk=donation.pledge_id).update(
            status=Pledge.Status.PAID, paid_at=timezone.now()
        )


def _fail(donation: Donation, *, reason: str) -> str:
    if donation.status != Donation.Status.PENDING:
        return f"already_{donation.status}"
    donation.status = Donation.Status.FAILED
    donation.failure_reason = reason[:255]
    # Free the double-submit key, so the donor can try the same gift again at once.
    donation.idempotency_key = None
    donation.save(update_fields=["status", "failure_reason", "idempotency_key"])
    return "failed"


def _on_checkout_completed(session: dict) -> str:
    donation = _donation_for_session(session)
    if donation is None:
        return "unknown_donation"
    if donation.recurring_gift_id and session.get("subscription"):
        _activate_recurring(
            donation.recurring_gift,
            subscription_id=_id(session.get("subscription")),
            customer_id=_id(session.get("customer")),
        )
    if session.get("payment_status") not in PAID:
        # A bank debit that settles later: async_payment_succeeded or _failed follows.
        return "awaiting_payment"
    return _confirm(
        donation,
        payment_intent_id=_id(session.get("payment_intent")),
        invoice_id=_id(session.get("invoice")),
    )


def _on_checkout_async_failed(session: dict) -> str:
    donation = _donation_for_session(session)
    if donation is None:
        return "unknown_donation"
    return _fail(donation, reason="The payment did not go through.")


def _on_checkout_expired(session: dict) -> str:
    donation = _donation_for_session(session)
    if donation is None:
        return "unknown_donation"
    if donation.status != Donation.Status.PENDING:
        return f"already_{donation.status}"
    donation.status = Donation.Status.EXPIRED
    donation.idempotency_key = None
    donation.save(update_fields=["status", "idempotency_key"])
    return "expired"


def _invoice_subscription(invoice: dict) -> tuple[str, dict]:
    # API versions since 2025 put the subscription under parent.subscription_details.
    details = (invoice.get("parent") or {}).get("subscription_details") or invoice.get(
        "subscription_details"
    )
    details = details or {}
    subscription = details.get("subscription") or invoice.get("subscription")
    return _id(subscription), details.get("metadata") or {}


def _invoice_payment_intent(invoice: dict) -> str:
    if invoice.get("payment_intent"):
        return _id(invoice["payment_intent"])
    for payment in (invoice.get("payments") or {}).get("data") or []:
        intent = (payment.get("payment") or {}).get("payment_intent")
        if intent:
            return _id(intent)
    return ""


def _invoice_donation(invoice: dict, metadata: dict) -> Donation | None:
    donation = Donation.objects.filter(invoice_id=invoice["id"]).first()
    if donation is None and invoice.get("billing_reason") == "subscription_create":
        # The first month is the gift made at checkout, whichever event arrives first.
        donation = _donation_by_id(metadata.get("donation_id"))
    return donation


def _on_invoice_paid(invoice: dict) -> str:
    subscription_id, metadata = _invoice_subscription(invoice)
    if not subscription_id:
        return "not_a_subscription"
    gift = _recurring_for(subscription_id, metadata)
    if gift is None:
        return "unknown_subscription"
    _activate_recurring(
        gift, subscription_id=subscription_id, customer_id=_id(invoice.get("customer"))
    )
    donation = _invoice_donation(invoice, metadata)
    if donation is None:
        donation = Donation.objects.create(
            fund=gift.fund,
            supporter=gift.supporter,
            amount_cents=invoice["amount_paid"],
            frequency=Frequency.MONTHLY,
            language=gift.language,
            recurring_gift=gift,
            invoice_id=invoice["id"],
            received_on=timezone.localdate(),
        )
    return _confirm(
        donation, payment_intent_id=_invoice_payment_intent(invoice), invoice_id=invoice["id"]
    )


def _on_invoice_payment_failed(invoice: dict) -> str:
    subscription_id, metadata = _invoice_subscription(invoice)
    gift = _recurring_for(subscription_id, metadata)
    if gift is None:
        return "unknown_subscription"
    donation = _invoice_donation(invoice, metadata)
    if donation is not None:
        return _fail(donation, reason="The card was declined.")
    Donation.objects.create(
        fund=gift.fund,
        supporter=gift.supporter,
        amount_cents=invoice.get("amount_due") or gift.amount_cents,
        frequency=Frequency.MONTHLY,
        language=gift.language,
        recurring_gift=gift,
        invoice_id=invoice["id"],
        status=Donation.Status.FAILED,
        failure_reason="Monthly renewal: the card was declined.",
        received_on=timezone.localdate(),
    )
    RecurringGift.objects.filter(pk=gift.pk).update(failed_renewals=F("failed_renewals") + 1)
    record_activity(
        supporter=gift.supporter,
        kind="donations.renewal_failed",
        summary=f"Monthly gift of {format_money(gift.amount_cents)}: renewal failed",
        obj=gift,
    )
    return "renewal_failed"


def _on_subscription_deleted(subscription: dict) -> str:
    gift = _recurring_for(subscription["id"], subscription.get("metadata") or {})
    if gift is None:
        return "unknown_subscription"
    if gift.status == RecurringGift.Status.CANCELED:
        return "already_canceled"
    mark_canceled(gift)
    return "canceled"


def _on_charge_refunded(charge: dict) -> str:
    amount = int(charge["amount_refunded"])
    refund, created = Refund.objects.get_or_create(
        charge_id=charge["id"],
        defaults={"payment_intent_id": _id(charge.get("payment_intent")), "amount_cents": amount},
    )
    # The figure is the charge's running total, so an older event never lowers it.
    if not created and amount > refund.amount_cents:
        refund.amount_cents = amount
        refund.save(update_fields=["amount_cents", "updated_at"])
    donation = refund.donation
    if donation is None and refund.payment_intent_id:
        donation = Donation.objects.filter(payment_intent_id=refund.payment_intent_id).first()
    if donation is None:
        return "refund_waiting"
    if refund.donation_id is None:
        refund.donation = donation
        refund.save(update_fields=["donation", "updated_at"])
    _recompute_refunded(donation)
    if donation.supporter_id:
        record_activity(
            supporter=donation.supporter,
            kind="donations.refunded",
            summary=f"{format_money(refund.amount_cents)} refunded",
            obj=donation,
            data={"charge": refund.charge_id, "refunded_cents": refund.amount_cents},
        )
    return "refund_recorded"


_HANDLERS = {
    "checkout.session.completed": _on_checkout_completed,
    "checkout.session.async_payment_succeeded": _on_checkout_completed,
    "checkout.session.async_payment_failed": _on_checkout_async_failed,
    "checkout.session.expired": _on_checkout_expired,
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_failed": _on_invoice_payment_failed,
    "customer.subscription.deleted": _on_subscription_deleted,
    "charge.refunded": _on_charge_refunded,
}
HANDLED_EVENT_TYPES = tuple(_HANDLERS)
