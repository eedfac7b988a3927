"""The form's fast path: a signature is taken in one insert and filed moments later.

`take_signature` runs in the signer's request: one insert (petitions.intake_store), so a
viral spike queues on a write that lasts microseconds. `file_pending` runs in the task queue
and files a batch at a time with the rules of `services.sign_petition` (person found or
created by the supporters app, one signature per person, count, timeline, list consent,
confirmation email), in a few statements instead of a dozen per signature.
"""

import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from droplwop.core.rate_limit import Attempt
from droplwop.core.sqlite_writer import writing_default_db
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import (
    find_or_create_supporters,
    normalize_email,
    record_activities,
    subscribe_many,
)

from . import intake_store, services
from .models import PendingSignature, Signature

FILING_QUEUED = "petitions:filing-queued"


def take_signature(
    *,
    petition,
    email: str,
    first_name: str,
    last_name: str,
    zip_code: str = "",
    comment: str = "",
    list_publicly: bool = False,
    wants_updates: bool = False,
    consent_text: str = "",
    language: str = "en",
    referrer: str = "",
    utm: dict | None = None,
    ip_hash: str = "",
    counted: Attempt | None = None,
) -> str:
    """Store the signature durably and say what the signer sees: "signed", "confirm" (counted
    once the emailed link is clicked) or "already". With `counted`, that attempt (the signer's
    address) is counted with the insert, and "limited" means it was over its limit and nothing
    was stored. Raises services.PetitionClosed."""
    if not petition.is_open():
        raise services.PetitionClosed
    email = normalize_email(email)
    utm = utm or {}
    taken = intake_store.add(
        {
            "petition_id": petition.pk,
            "email": email[:254],
            "first_name": first_name[:100],
            "last_name": last_name[:100],
            "zip_code": zip_code[:10],
            "comment": comment[:500],
            "list_publicly": bool(list_publicly),
            "wants_updates": bool(wants_updates),
            "consent_text": consent_text,
            "language": language[:2],
            "referrer": referrer[:200],
            "utm_source": utm.get("source", "")[:100],
            "utm_medium": utm.get("medium", "")[:100],
            "utm_campaign": utm.get("campaign", "")[:100],
            "ip_hash": ip_hash[:32],
            "created_at": connection.ops.adapt_datetimefield_value(timezone.now()),
        },
        counted=counted,
    )
    if taken != "taken":
        return taken
    schedule_filing()
    return "confirm" if petition.confirmation_required else "signed"


def schedule_filing() -> None:
    """Queue one filing task for everything taken since the last one started.

    The flag keeps a spike from queueing a task per signature. It expires, so a task lost with
    a killed worker is queued again by the next signature; filing tolerates two tasks at once.
    """
    from .tasks import file_pending_signatures_task

    if cache.add(FILING_QUEUED, 1, timeout=settings.PETITIONS_FILING_FLAG_SECONDS):
        file_pending_signatures_task.enqueue()


def file_pending(*, batch_size: int | None = None) -> int:
    """File every pending signature, one batch per transaction; returns how many were filed.

    A batch costs about the same for 5 signatures as for 100, and the worker shares the
    server's cores: when fewer than a batch are waiting, it first lingers a moment
    (PETITIONS_FILING_LINGER seconds) for a spike to fill the batch.
    """
    cache.delete(FILING_QUEUED)
    size = batch_size or settings.PETITIONS_FILING_BATCH
    filed = 0
    while True:
        waiting = intake_store.count_waiting(up_to=size)
        if not waiting:
            return filed
        if waiting < size and settings.PETITIONS_FILING_LINGER:
            time.sleep(settings.PETITIONS_FILING_LINGER)
        with writing_default_db(), transaction.atomic():
            batch = intake_store.waiting(limit=size)
            if not batch:
                return filed
            _file_batch(batch)
            intake_store.forget_in_transaction(batch)
        intake_store.forget_after_commit(batch)
        filed += len(batch)


def _file_batch(batch: list[PendingSignature]) -> None:
    """What services.sign_petition does for one signature, for a batch in a few statements.

    A person who signed the same petition through another path (the partner API) between the
    check and the insert makes the bulk insert fail: the batch is then filed one by one.
    """
    supporters = find_or_create_supporters(
        [
            {
                "email": p.email,
                "first_name": p.first_name,
                "last_name": p.last_name,
                "zip_code": p.zip_code,
                "language": p.language,
                "source": f"petition:{p.petition_id}",
            }
            for p in batch
        ]
    )
    signed = set(
        Signature.objects.filter(
            petition_id__in={p.petition_id for p in batch},
            supporter_id__in={s.pk for s in supporters.values()},
        ).values_list("petition_id", "supporter_id")
    )
    new = []
    for pending in batch:
        key = (pending.petition_id, supporters[pending.email].pk)
        if key not in signed:
            signed.add(key)
            new.append((pending, _signature(pending, supporters[pending.email])))
    try:
        with transaction.atomic():
            Signature.objects.bulk_create([signature for _, signature in new])
    except IntegrityError:
        for pending in batch:
            _file(pending)
        return
    _after_filing(new)


def _signature(pending: PendingSignature, supporter) -> Signature:
    return Signature(
        petition_id=pending.petition_id,
        supporter=supporter,
        comment=pending.comment,
        list_publicly=pending.list_publicly,
        wants_updates=pending.wants_updates,
        language=pending.language,
        created_at=pending.created_at,
        confirmed_at=None if pending.petition.confirmation_required else pending.created_at,
        channel=Signature.Channel.FORM,
        referrer=pending.referrer,
        utm_source=pending.utm_source,
        utm_medium=pending.utm_medium,
        utm_campaign=pending.utm_campaign,
        ip_hash=pending.ip_hash,
    )


def _after_filing(new) -> None:
    """Counts, timeline lines, list consent and confirmation emails for the new signatures."""
    from .tasks import send_confirmation_task

    counted = Counter(s.petition_id for _, s in new if s.confirmed_at)
    for petition_id, count in counted.items():
        services.bump_counter(petition_id, count)
    record_activities(
        [
            {
                "supporter": signature.supporter,
                "kind": "petitions.signed",
                "summary": pending.petition.title,
                "obj": signature,
                "data": {"petition": pending.petition_id, "channel": signature.channel},
                "occurred_at": signature.created_at,
            }
            for pending, signature in new
        ]
    )
    subscribe_many(
        [
            {
                "supporter": signature.supporter,
                "email_list": pending.petition.email_list,
                "source": f"petition:{pending.petition_id}",
                "consent_text": pending.consent_text,
            }
            for pending, signature in new
            if pending.wants_updates and pending.petition.email_list_id
        ]
    )
    for _, signature in new:
        if not signature.confirmed_at:
            enqueue_on_commit(send_confirmation_task, signature.pk)


def _file(pending: PendingSignature) -> None:
    services.sign_petition(
        petition=pending.petition,
        email=pending.email,
        first_name=pending.first_name,
        last_name=pending.last_name,
        zip_code=pending.zip_code,
        comment=pending.comment,
        list_publicly=pending.list_publicly,
        wants_updates=pending.wants_updates,
        consent_text=pending.consent_text,
        language=pending.language,
        referrer=pending.referrer,
        utm={
            "source": pending.utm_source,
            "medium": pending.utm_medium,
            "campaign": pending.utm_campaign,
        },
        ip_hash=pending.ip_hash,
        signed_at=pending.created_at,
    )
