"""Claims on batches of sends, their leases and recovery: the bookkeeping that keeps delivery
at most once per recipient (the states and the guarantee are described in delivery.py).
"""

import secrets
import time

from django.conf import settings
from django.db import connection as db
from django.db import transaction
from django.utils import timezone

from .models import Mailing, MailingStatus, Send, SendClaim, SendStatus
from .selectors import has_unfinished_sends

HEARTBEAT_SECONDS = 2.0


class ClaimLost(Exception):
    """Recovery gave this worker's batch to someone else: stop sending it."""


def _table():
    return db.ops.quote_name(Send._meta.db_table)


def claim_batch(mailing_id: int, size: int) -> str | None:
    """Take up to `size` queued sends for this worker in one UPDATE; None when none are left."""
    token = secrets.token_hex(16)
    table = _table()
    skip_locked = " FOR UPDATE SKIP LOCKED" if db.features.has_select_for_update_skip_locked else ""
    with transaction.atomic():
        SendClaim.objects.create(token=token, mailing_id=mailing_id, heartbeat_at=timezone.now())
        with db.cursor() as cursor:
            cursor.execute(
                # Only the quoted table name is interpolated; every value is a parameter.
                f"UPDATE {table} SET status = %s, claim_token = %s WHERE status = %s AND id IN "  # noqa: S608
                f"(SELECT id FROM {table} WHERE mailing_id = %s AND status = %s "
                f"ORDER BY id LIMIT %s{skip_locked})",
                [SendStatus.CLAIMED, token, SendStatus.QUEUED, mailing_id, SendStatus.QUEUED, size],
            )
            claimed = cursor.rowcount
        if not claimed:
            transaction.set_rollback(True)
            return None
    return token


def release_claim(token: str) -> None:
    """End a claim: untouched rows go back to the queue, a row caught mid-hand-over is uncertain."""
    with transaction.atomic():
        Send.objects.filter(claim_token=token, status=SendStatus.CLAIMED).update(
            status=SendStatus.QUEUED, claim_token=""
        )
        Send.objects.filter(claim_token=token, status=SendStatus.INFLIGHT).update(
            status=SendStatus.UNCERTAIN
        )
        SendClaim.objects.filter(token=token).delete()


def recover_stale_claims(mailing_id: int | None = None) -> int:
    """Resolve the batches of workers that stopped renewing their lease. Returns how many."""
    cutoff = timezone.now() - timezone.timedelta(seconds=settings.MAILINGS_CLAIM_LEASE_SECONDS)
    stale = SendClaim.objects.filter(heartbeat_at__lt=cutoff)
    if mailing_id is not None:
        stale = stale.filter(mailing_id=mailing_id)
    tokens = list(stale.values_list("token", flat=True))
    for token in tokens:
        release_claim(token)
    return len(tokens)


def finish_if_complete(mailing_id: int) -> bool:
    if has_unfinished_sends(mailing_id):
        return False
    Mailing.objects.filter(pk=mailing_id, status=MailingStatus.SENDING).update(
        status=MailingStatus.SENT, finished_at=timezone.now()
    )
    return True


class Ledger:
    """The per-message writes of one batch, as few and as small as the guarantee allows."""

    def __init__(self, token: str):
        self.token = token
        self.pending_sent = None
        self.last_beat = time.monotonic()

    def _now(self):
        return db.ops.adapt_datetimefield_value(timezone.now())

    def mark_inflight(self, send_id: int) -> None:
        table = _table()
        with db.cursor() as cursor:
            if self.pending_sent is None:
                cursor.execute(
                    f"UPDATE {table} SET status = %s "  # noqa: S608 - quoted table name only
                    "WHERE id = %s AND claim_token = %s AND status = %s",
                    [SendStatus.INFLIGHT, send_id, self.token, SendStatus.CLAIMED],
                )
                expected = 1
            else:
                cursor.execute(
                    f"UPDATE {table} SET "  # noqa: S608 - quoted table name only
                    "status = CASE WHEN id = %s THEN %s ELSE %s END, "
                    "sent_at = CASE WHEN id = %s THEN sent_at ELSE %s END "
                    "WHERE claim_token = %s AND ((id = %s AND status = %s) OR (id = %s AND status = %s))",
                    [
                        send_id,
                        SendStatus.INFLIGHT,
                        SendStatus.SENT,
                        send_id,
                        self._now(),
                        self.token,
                        send_id,
                        SendStatus.CLAIMED,
                        self.pending_sent,
                        SendStatus.INFLIGHT,
                    ],
                )
                expected = 2
            if cursor.rowcount != expected:
                raise ClaimLost(self.token)
        self.pending_sent = None

    def accepted(self, send_id: int) -> None:
        self.pending_sent = send_id

    def flush(self) -> None:
        if self.pending_sent is None:
            return
        Send.objects.filter(
            pk=self.pending_sent, claim_token=self.token, status=SendStatus.INFLIGHT
        ).update(status=SendStatus.SENT, sent_at=timezone.now())
        self.pending_sent = None

    def failed(self, send_id: int, reason: str) -> None:
        self.flush()
        Send.objects.filter(
            pk=send_id,
            claim_token=self.token,
            status__in=[SendStatus.CLAIMED, SendStatus.INFLIGHT],
        ).update(status=SendStatus.FAILED, error=reason[:255])

    def heartbeat(self) -> None:
        if time.monotonic() - self.last_beat < HEARTBEAT_SECONDS:
            return
        if not SendClaim.objects.filter(token=self.token).update(heartbeat_at=timezone.now()):
            raise ClaimLost(self.token)
        self.last_beat = time.monotonic()


def has_live_claims(mailing_id: int) -> bool:
    return SendClaim.objects.filter(mailing_id=mailing_id).exists()
