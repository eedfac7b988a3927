"""Small write now, filed later in batches: how a public form stays fast under a spike.

Filing a public action (find or create the person, the action's own row, counts, timeline,
list consent, emails) takes a dozen statements that all need the database's write lock. Under
a viral spike the person's request makes only one short insert here (a PendingSubmission row
on the main database, in its own transaction, so it is durable before the answer leaves) and
the task queue files the waiting rows a batch at a time, moments later, through the app's own
service. Petition signatures are the first user; registrations, list signups, letters and
pledges are meant to follow.

The interface, all of it:

    register(kind, filer)        In the app's AppConfig.ready. `kind` is "<app>.<what>";
                                 filer(rows: list[PendingSubmission]) -> None files the rows
                                 (each has .payload, the dict given to submit, .email and
                                 .created_at) inside the batch's transaction. It must be
                                 idempotent: a batch may be filed twice after a kill -9.
    submit(kind, *, email, payload)
                                 In the request: one insert, and a filing task queued (at most
                                 one per DEFERRED_FLAG_SECONDS). `payload` must be JSON.
    file_pending(kind=None)      The task's body (file_pending_task); tests call it directly.
    forget(email) / list_pending(email)
                                 Privacy: a person's waiting rows, for erasure and export.

Settings: DEFERRED_BATCH (rows per transaction), DEFERRED_LINGER (seconds the worker waits for
a batch to fill when fewer are waiting), DEFERRED_FLAG_SECONDS. A filer that raises on a batch
is tried row by row; a row it still refuses is kept with failed_at and the error, for staff,
and never claimed again. A database error (lock, lost connection) leaves the batch waiting.
Each filed batch forgets the cached pages that show live counts (page_cache.forget_live_counts).
"""

import logging
import time
import traceback
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from droplwop.core import page_cache
from droplwop.core.models import PendingSubmission
from droplwop.core.sqlite_writer import writing_default_db

__all__ = ["file_pending", "forget", "list_pending", "register", "submit"]

FILING_QUEUED = "core:deferred:filing-queued"
Filer = Callable[[list[PendingSubmission]], None]
_filers: dict[str, Filer] = {}
logger = logging.getLogger(__name__)


def register(kind: str, filer: Filer) -> None:
    _filers[kind] = filer


def submit(kind: str, *, email: str, payload: dict) -> None:
    """Store one submission durably (committed when this returns, unless the caller holds a
    transaction) and make sure a filing task is on its way."""
    if kind not in _filers:
        raise LookupError(f"no filer registered for {kind!r}")
    with writing_default_db():
        PendingSubmission.objects.create(kind=kind, email=email[:254], payload=payload)
    from .tasks import file_pending_task

    # The flag keeps a spike from queueing a task per submission. It expires, so a task lost
    # with a killed worker is queued again by the next submission. The task's row commits with
    # the caller's transaction, if any (the database task backend).
    if cache.add(FILING_QUEUED, 1, timeout=settings.DEFERRED_FLAG_SECONDS):
        file_pending_task.enqueue()


def file_pending(*, kind: str | None = None, batch_size: int | None = None) -> int:
    """File every waiting submission, one batch per transaction; returns how many left the
    queue (filed, or dropped by their filer as moot).

    A batch costs about the same for 5 rows as for 100, and the worker shares the server's
    cores: when fewer than a batch wait, it first lingers (DEFERRED_LINGER) for them to come.
    """
    cache.delete(FILING_QUEUED)
    size = batch_size or settings.DEFERRED_BATCH
    waiting_rows = PendingSubmission.objects.filter(failed_at__isnull=True).order_by("pk")
    if kind:
        waiting_rows = waiting_rows.filter(kind=kind)
    filed = 0
    while True:
        waiting = waiting_rows[:size].count()
        if not waiting:
            return filed
        if waiting < size and settings.DEFERRED_LINGER:
            time.sleep(settings.DEFERRED_LINGER)
        with writing_default_db(), transaction.atomic():
            batch = list(waiting_rows.select_for_update(skip_locked=True)[:size])
            if not batch:
                return filed
            done = _file_batch(batch)
            PendingSubmission.objects.filter(pk__in=done).delete()
            if done:
                # Filing is the write that moves counts and places left: once per batch.
                page_cache.forget_live_counts()
        filed += len(done)


def forget(email: str) -> int:
    """Delete a person's waiting submissions (privacy erasure); returns how many."""
    deleted, _ = PendingSubmission.objects.filter(email__iexact=email).delete()
    return deleted


def list_pending(email: str) -> list[PendingSubmission]:
    """A person's waiting submissions (privacy export)."""
    return list(PendingSubmission.objects.filter(email__iexact=email).order_by("pk"))


def _file_batch(batch: list[PendingSubmission]) -> list[int]:
    """Hand each kind's rows to its filer; the ids filed (or refused for good)."""
    by_kind = defaultdict(list)
    for row in batch:
        by_kind[row.kind].append(row)
    done = []
    for kind, rows in by_kind.items():
        filer = _filers.get(kind)
        if filer is None:
            _fail(rows, f"no filer registered for {kind!r}")
            continue
        try:
            with transaction.atomic():
                filer(rows)
            done.extend(row.pk for row in rows)
            continue
        except IntegrityError:
            logger.exception("Filing a batch of %s failed; filing it row by row", kind)
        except DatabaseError:
            raise
        except Exception:  # noqa: BLE001 - one bad row must not hold up the others
            logger.exception("Filing a batch of %s failed; filing it row by row", kind)
        done.extend(_file_one_by_one(filer, rows))
    return done


def _file_one_by_one(filer: Filer, rows: list[PendingSubmission]) -> list[int]:
    done = []
    for row in rows:
        try:
            with transaction.atomic():
                filer([row])
            done.append(row.pk)
        except IntegrityError:
            logger.exception("Filing %s #%s failed", row.kind, row.pk)
            _fail([row], traceback.format_exc())
        except DatabaseError:
            raise
        except Exception:  # noqa: BLE001 - kept for staff, the others are filed
            logger.exception("Filing %s #%s failed", row.kind, row.pk)
            _fail([row], traceback.format_exc())
    return done


def _fail(rows: list[PendingSubmission], error: str) -> None:
    PendingSubmission.objects.filter(pk__in=[row.pk for row in rows]).update(
        failed_at=timezone.now(), error=error[-4000:]
    )
