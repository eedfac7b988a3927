"""The form's fast path: a signature is taken in one insert and filed moments later.

`take_signature` runs in the signer's request: one lookup and one insert, so a viral spike
queues on a write that lasts microseconds. `file_pending` runs in the task queue and files
what was taken through `services.sign_petition`, the same path every other signature takes.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from droplwop.supporters.models import Supporter
from droplwop.supporters.services import normalize_email

from . import services
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
) -> str:
    """Store the signature durably and say what the signer sees: "signed", "confirm" (counted
    once the emailed link is clicked) or "already". Raises services.PetitionClosed."""
    if not petition.is_open():
        raise services.PetitionClosed
    email = normalize_email(email)
    if _has_signed(petition.pk, email):
        return "already"
    utm = utm or {}
    taken = _insert_once(
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
        }
    )
    if not taken:
        return "already"
    schedule_filing()
    return "confirm" if petition.confirmation_required else "signed"


def _has_signed(petition_id: int, email: str) -> bool:
    # Plain SQL: compiling the ORM query cost more than running it. Both lookups are unique
    # indexes (the person's email, then one signature per person and petition).
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {quote(Signature._meta.db_table)} s "  # noqa: S608 - quoted names only
            f"JOIN {quote(Supporter._meta.db_table)} p ON p.id = s.supporter_id "
            "WHERE p.email = %s AND s.petition_id = %s LIMIT 1",
            [email, petition_id],
        )
        return cursor.fetchone() is not None


def _insert_once(values: dict) -> bool:
    """Insert unless this email is already waiting for this petition; True when inserted.

    Plain SQL: ON CONFLICT DO NOTHING tells a repeat without an exception and a savepoint, and
    both SQLite and PostgreSQL speak it.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in values)
    placeholders = ", ".join(["%s"] * len(values))
    table = quote(PendingSignature._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608 - quoted names only
            "ON CONFLICT (petition_id, email) DO NOTHING",
            list(values.values()),
        )
        return cursor.rowcount == 1


def schedule_filing() -> None:
    """Queue one filing task for everything taken since the last one started.

    The flag keeps a spike from queueing a task per signature. It expires, so a task lost with
    a killed worker is queued again by the next signature; filing tolerates two tasks at once.
    """
    from .tasks import file_pending_signatures_task

    if cache.add(FILING_QUEUED, 1, timeout=settings.PETITIONS_FILING_FLAG_SECONDS):
        file_pending_signatures_task.enqueue()


def file_pending(*, batch_size: int | None = None) -> int:
    """File every pending signature, one batch per transaction; returns how many were filed."""
    cache.delete(FILING_QUEUED)
    size = batch_size or settings.PETITIONS_FILING_BATCH
    filed = 0
    while True:
        with transaction.atomic():
            batch = list(
                PendingSignature.objects.select_related("petition")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:size]
            )
            if not batch:
                return filed
            for pending in batch:
                _file(pending)
            PendingSignature.objects.filter(pk__in=[p.pk for p in batch]).delete()
        filed += len(batch)


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
