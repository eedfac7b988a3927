"""Monthly gifts cancelled, and offline gifts (a check or cash) recorded by an organizer."""

from django.db import transaction
from django.utils import timezone

from droplwop.core.audit import record_audit
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import find_or_create_supporter, record_activity

from .. import gateway
from ..models import Donation, Fund, RecurringGift
from ..money import format_money
from ..tasks import send_receipt_task


def mark_canceled(gift: RecurringGift) -> None:
    gift.status = RecurringGift.Status.CANCELED
    gift.canceled_at = timezone.now()
    gift.save(update_fields=["status", "canceled_at"])
    record_activity(
        supporter=gift.supporter,
        kind="donations.monthly_canceled",
        summary=f"Monthly gift of {format_money(gift.amount_cents)} canceled",
        obj=gift,
    )


def cancel_recurring_gift(*, gift: RecurringGift, actor=None) -> bool:
    """Stop a monthly gift at Stripe and here. False when it was already canceled.

    Called from the donor's signed link, so Stripe is asked at once: the donor must know it
    worked. Raises gateway.GatewayUnavailable when Stripe does not answer (nothing changes).
    """
    if gift.status == RecurringGift.Status.CANCELED:
        return False
    if gift.subscription_id:
        gateway.cancel_subscription(gift.subscription_id)
    with transaction.atomic():
        mark_canceled(gift)
        if actor is not None:
            record_audit(actor=actor, action="donations.monthly_canceled", obj=gift)
    return True


# --- offline gifts --------------------------------------------------------------------------


def record_offline_gift(
    *,
    actor,
    fund: Fund,
    amount_cents: int,
    received_on,
    method: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    note: str = "",
    send_receipt: bool = True,
) -> Donation:
    """A check or cash received by an organizer: confirmed at once, audited, in the totals."""
    with transaction.atomic():
        supporter = None
        if email:
            supporter, _created = find_or_create_supporter(
                email=email,
                first_name=first_name,
                last_name=last_name,
                language=language,
                source="donations: offline gift",
            )
        donation = Donation.objects.create(
            fund=fund,
            supporter=supporter,
            amount_cents=amount_cents,
            source=Donation.Source.OFFLINE,
            method=method,
            language=language,
            received_on=received_on,
            note=note,
            recorded_by=actor,
            status=Donation.Status.CONFIRMED,
            confirmed_at=timezone.now(),
        )
        record_audit(
            actor=actor,
            action="donations.offline_gift_recorded",
            obj=donation,
            summary=f"{format_money(amount_cents)} by {method} to {fund.name_en}",
            data={
                "fund": fund.slug,
                "amount_cents": amount_cents,
                "method": method,
                "received_on": received_on.isoformat(),
                "supporter_id": supporter.pk if supporter else None,
            },
        )
        if supporter is not None:
            record_activity(
                supporter=supporter,
                kind="donations.given",
                summary=f"{format_money(amount_cents)} to {fund.name_en} ({method})",
                obj=donation,
                data={"fund": fund.slug, "amount_cents": amount_cents, "source": "offline"},
            )
            if send_receipt:
                enqueue_on_commit(send_receipt_task, donation.pk)
    return donation
