"""Walk-a-thon pledges and the walk's results that settle them."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from droplwop.core.audit import record_audit
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import find_or_create_supporter, record_activity

from ..models import Participant, Pledge
from ..money import format_money
from ..tasks import send_pledge_confirmation_task, send_pledge_request_task

# Stripe will not charge less than this, so a smaller pledge is marked "nothing due".
STRIPE_MINIMUM_CENTS = 50


def make_pledge(
    *,
    participant: Participant,
    kind: str,
    rate_cents: int,
    cap_cents: int | None,
    email: str,
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
) -> Pledge:
    """One pledge per person per walker: pledging again before the walk updates it."""
    with transaction.atomic():
        supporter, _created = find_or_create_supporter(
            email=email,
            first_name=first_name,
            last_name=last_name,
            language=language,
            source="donations: pledge",
        )
        pledge, created = Pledge.objects.get_or_create(
            participant=participant,
            supporter=supporter,
            defaults={
                "kind": kind,
                "rate_cents": rate_cents,
                "cap_cents": cap_cents,
                "language": language,
            },
        )
        if not created:
            if pledge.status != Pledge.Status.PLEDGED:
                return pledge
            pledge.kind, pledge.rate_cents, pledge.cap_cents = kind, rate_cents, cap_cents
            pledge.language = language
            pledge.save(update_fields=["kind", "rate_cents", "cap_cents", "language"])
        record_activity(
            supporter=supporter,
            kind="donations.pledged",
            summary=f"Pledge for {participant.display_name}: {format_money(rate_cents)} "
            f"{pledge.get_kind_display().lower()}",
            obj=pledge,
            data={"kind": kind, "rate_cents": rate_cents, "cap_cents": cap_cents},
        )
        enqueue_on_commit(send_pledge_confirmation_task, pledge.pk)
    return pledge


def compute_pledge_cents(pledge: Pledge, *, laps, miles) -> int | None:
    """What a pledge comes to after the walk; None while the unit it counts is not entered."""
    if pledge.kind == Pledge.Kind.FLAT:
        amount = Decimal(pledge.rate_cents)
    elif pledge.kind == Pledge.Kind.PER_LAP:
        if laps is None:
            return None
        amount = Decimal(pledge.rate_cents) * Decimal(laps)
    else:
        if miles is None:
            return None
        amount = Decimal(pledge.rate_cents) * Decimal(miles)
    cents = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if pledge.cap_cents is not None:
        cents = min(cents, pledge.cap_cents)
    return cents


def record_walk_results(*, actor, participant: Participant, laps, miles) -> list[Pledge]:
    """The organizer enters how far a walker went; each open pledge gets its amount and its
    pledger an email with a link to pay. Entering the same result again sends nothing new; a
    correction re-sends the changed amounts."""
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        participant.laps_completed = laps
        participant.miles_completed = miles
        participant.results_entered_at = timezone.now()
        participant.save(update_fields=["laps_completed", "miles_completed", "results_entered_at"])
        record_audit(
            actor=actor,
            action="donations.walk_results_entered",
            obj=participant,
            summary=f"{participant.display_name}: laps {laps}, miles {miles}",
            data={"laps": str(laps) if laps is not None else None, "miles": str(miles)},
        )
        updated = []
        open_statuses = [Pledge.Status.PLEDGED, Pledge.Status.DUE, Pledge.Status.NOTHING_DUE]
        for pledge in participant.pledges.select_for_update().filter(status__in=open_statuses):
            cents = compute_pledge_cents(pledge, laps=laps, miles=miles)
            if cents is None:
                continue
            status = (
                Pledge.Status.DUE if cents >= STRIPE_MINIMUM_CENTS else Pledge.Status.NOTHING_DUE
            )
            if pledge.amount_due_cents == cents and pledge.status == status:
                continue
            pledge.amount_due_cents, pledge.status = cents, status
            pledge.save(update_fields=["amount_due_cents", "status"])
            if status == Pledge.Status.DUE:
                enqueue_on_commit(send_pledge_request_task, pledge.pk)
            updated.append(pledge)
    return updated
