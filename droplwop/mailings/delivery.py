"""Delivery: claim a batch, hand each message to the mail server, record it. Never twice.

One `Send` row per recipient moves through these states:

    queued    --claim: one UPDATE sets a batch to "claimed" with a fresh token-->  claimed
    claimed   --MAIL, RCPT, DATA answered "354 go ahead"; nothing of the body sent yet-->
              --one conditional UPDATE (only while our claim still holds)-->       inflight
    inflight  --body and final "." in one write; the server answers 250-->         sent
              (written together with the next message's "inflight" UPDATE, or at batch end)
    claimed   --refused recipient, unusable address-->                             failed
    inflight  --server refuses the message after "."-->                            failed
    claimed   --unsubscribed or suppressed since the audience was taken-->         skipped

A worker renews its claim (SendClaim.heartbeat_at) while it works. A claim not renewed within
MAILINGS_CLAIM_LEASE_SECONDS belongs to a dead worker, and recovery resolves its rows:
"claimed" goes back to "queued" (its body never left, so the server discarded the transaction:
sending it again cannot duplicate), and "inflight" becomes "uncertain" (the body and its final "."
may have reached the server: it is never sent again). A worker whose claim was taken away notices
at its next UPDATE (it matches no row) and stops before sending another body.

Guarantee: at most once per recipient and mailing, also across crashes, restarts, dropped
connections and several workers. The one window in which a recipient can be missed: the worker
dies after its "inflight" commit returns and before the kernel takes the body (the next Python
statement, tens of microseconds; the payload is built before the commit so nothing else runs
in between); that recipient is then "uncertain" and not mailed. A worker that dies after the
write but before recording the 250 leaves an "uncertain" row for a delivered message, counted
as "probably sent". With an HTTP email provider (anymail) instead of SMTP the
"inflight" window covers the whole API call; the guarantee stays at most once.
"""

import logging
import secrets
import smtplib
import socket
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection as db
from django.db import transaction
from django.utils import timezone

from droplwop.supporters.models import Supporter

from .mime import build_raw, sender_header
from .models import Mailing, MailingStatus, Send, SendClaim, SendStatus
from .rendering import LinkMaker, personalize, prepare_version
from .selectors import get_batch_recipients, has_unfinished_sends

logger = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 2.0


class ClaimLost(Exception):
    """Recovery gave this worker's batch to someone else: stop sending it."""


@dataclass
class BatchReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    connection_error: str = ""


@dataclass
class DeliveryReport:
    batches: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)


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


class _Ledger:
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


def _reply_text(reply) -> str:
    code, text = reply
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}"


def _data_payload(raw: bytes) -> bytes:
    """The message as DATA carries it: leading dots doubled, ended by a line holding one dot."""
    payload = smtplib._quote_periods(raw)
    return payload + (b".\r\n" if payload.endswith(b"\r\n") else b"\r\n.\r\n")


def _envelope(sender: str, recipient: str) -> bytes:
    return f"MAIL FROM:<{sender}>\r\nRCPT TO:<{recipient}>\r\nDATA\r\n".encode("ascii")


def _smtp_hand_over(smtp: smtplib.SMTP, sender: str, recipient: str, raw: bytes, commit) -> str:
    """Send one message to a server without PIPELINING, one command at a time; `commit()` runs
    between the server's "354 go ahead" and the one write of the body with its final ".".

    Returns "" when the server accepted it, else the server's refusal.
    """
    for reply in (smtp.mail(sender), smtp.rcpt(recipient)):
        if reply[0] not in (250, 251):
            smtp.rset()
            return _reply_text(reply)
    smtp.putcmd("data")
    reply = smtp.getreply()
    if reply[0] != 354:
        smtp.rset()
        return _reply_text(reply)
    commit()
    smtp.send(_data_payload(raw))
    reply = smtp.getreply()
    return "" if reply[0] == 250 else _reply_text(reply)


class _Pipeline:
    """Hand-over to a server with PIPELINING (RFC 2920; Postfix and every provider offer it).

    A message's body and final "." go out in the same write as the next message's MAIL, RCPT and
    DATA, so each message costs one round trip instead of two. A body is still written only
    after its "inflight" commit, and only once the server has answered its DATA with 354.
    """

    def __init__(self, smtp: smtplib.SMTP, sender: str, *, ledger, accepted, refused):
        self.smtp = smtp
        self.sender = sender
        self.ledger = ledger
        self.accepted = accepted
        self.refused = refused
        self.open = None  # (send_id, payload): DATA answered 354, body not written yet
        self.needs_reset = False

    def _write_open_body_and(self, tail: bytes):
        """Write the open message's body (after its inflight commit) followed by `tail`; returns
        the send id whose reply comes first, if a body went out."""
        head = b""
        written = None
        if self.open is not None:
            written, payload = self.open
            self.ledger.mark_inflight(written)
            head = payload
            self.open = None
        self.smtp.send(head + tail)
        return written

    def _read_body_reply(self, send_id) -> None:
        if send_id is None:
            return
        reply = self.smtp.getreply()
        if reply[0] == 250:
            self.accepted(send_id)
        else:
            self.refused(send_id, _reply_text(reply))

    def send(self, send_id: int, recipient: str, raw: bytes) -> None:
        reset = self.needs_reset and self.open is None
        written = self._write_open_body_and(
            (b"RSET\r\n" if reset else b"") + _envelope(self.sender, recipient)
        )
        self._read_body_reply(written)
        if reset:
            self.smtp.getreply()
        replies = (self.smtp.getreply(), self.smtp.getreply(), self.smtp.getreply())
        self.needs_reset = False
        if replies[2][0] == 354:
            if replies[0][0] != 250 or replies[1][0] not in (250, 251):
                # A server that opens DATA after refusing the envelope: hang up, send nothing.
                raise smtplib.SMTPResponseException(replies[2][0], b"DATA opened after a refusal")
            self.open = (send_id, _data_payload(raw))
            return
        self.needs_reset = True
        self.refused(send_id, _reply_text(next(r for r in replies if r[0] not in (250, 251))))

    def finish(self) -> None:
        if self.open is not None:
            self._read_body_reply(self._write_open_body_and(b""))


def _close(connection, hard: bool) -> None:
    """QUIT politely; after an interruption drop the socket, so a half-sent DATA is discarded."""
    if hard and getattr(connection, "connection", None) is not None:
        connection.connection.close()
        connection.connection = None
        return
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        pass


class MailingSender:
    """Sends one mailing batch by batch; built once per task so templates are rendered once."""

    def __init__(self, mailing: Mailing):
        self.mailing = mailing
        self.versions = {language: prepare_version(mailing, language) for language in ("en", "es")}
        self.links = LinkMaker()
        self.from_email = settings.DEFAULT_FROM_EMAIL
        self.from_header = sender_header(self.from_email)
        self.envelope_sender = self.from_header.rsplit("<", 1)[-1].rstrip(">")
        self.domain = self.envelope_sender.rsplit("@", 1)[-1] or "localhost"
        self.boundary = f"=_droplwop_{secrets.token_hex(8)}"
        self.list_id = f"<{mailing.email_list.slug}.{self.domain}>" if mailing.email_list_id else ""
        # Offered only when set: the mailbox must reach the inbound webhook, or a reader who
        # picks "unsubscribe by email" would be ignored.
        self.mailto = settings.MAILINGS_UNSUBSCRIBE_MAILTO

    def headers(self, send_id: int, unsubscribe_url: str) -> list[tuple[str, str]]:
        token = unsubscribe_url.rstrip("/").rsplit("/", 1)[-1]
        links = f"<{unsubscribe_url}>"
        if self.mailto:
            links = f"<mailto:{self.mailto}?subject=unsubscribe-{token}>,\r\n {links}"
        headers = [
            ("List-Unsubscribe", links),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("Feedback-ID", f"m{self.mailing.pk}:mailings:droplwop"),
        ]
        if self.list_id:
            headers.append(("List-Id", self.list_id))
        return headers

    def message_id(self, send_id: int) -> str:
        # Stable per recipient: a receiver that dedupes by Message-ID drops any second copy too.
        return f"<m{self.mailing.pk}.s{send_id}@{self.domain}>"

    def _content(self, row):
        send_id, language, supporter_id, email, first_name, last_name, city = row[:7]
        supporter = Supporter(
            pk=supporter_id,
            email=email,
            first_name=first_name,
            last_name=last_name,
            city=city,
            preferred_language=language,
        )
        version = self.versions.get(language) or self.versions["en"]
        return personalize(version, supporter=supporter, send_id=send_id, links=self.links)

    def deliver_batch(self, token: str) -> BatchReport:
        report = BatchReport()
        ledger = _Ledger(token)
        rows = list(get_batch_recipients(self.mailing, token))
        skip = {row[0] for row in rows if row[7] is not None or not row[8] or row[9]}
        if skip:
            Send.objects.filter(pk__in=skip, claim_token=token).update(status=SendStatus.SKIPPED)
            report.skipped = len(skip)
        to_send = [row for row in rows if row[0] not in skip]
        connection = get_connection(fail_silently=False)
        fast = isinstance(connection, SmtpBackend)
        interrupted = True

        def accepted(send_id):
            ledger.accepted(send_id)
            report.sent += 1

        def refused(send_id, reason):
            ledger.failed(send_id, reason)
            report.failed += 1

        pipeline = None
        try:
            if to_send:
                connection.open()
                if fast:
                    smtp = connection.connection
                    # A body and what follows it go out as separate writes before one read:
                    # without this, Nagle's algorithm holds them until the server's delayed ACK.
                    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    smtp.ehlo_or_helo_if_needed()
                    if smtp.does_esmtp and smtp.has_extn("pipelining"):
                        pipeline = _Pipeline(
                            smtp,
                            self.envelope_sender,
                            ledger=ledger,
                            accepted=accepted,
                            refused=refused,
                        )
            for row in to_send:
                ledger.heartbeat()
                send_id, email = row[0], row[3]
                try:
                    recipient = sender_header(email)
                except (ValueError, TypeError):
                    recipient = ""
                if not recipient or not recipient.isascii():
                    refused(send_id, "address cannot be used")
                    continue
                content = self._content(row)
                if not fast:
                    refusal = self._generic_hand_over(connection, ledger, send_id, email, content)
                elif pipeline is not None:
                    pipeline.send(send_id, recipient, self._raw(send_id, recipient, content))
                    continue
                else:
                    refusal = _smtp_hand_over(
                        connection.connection,
                        self.envelope_sender,
                        recipient,
                        self._raw(send_id, recipient, content),
                        lambda send_id=send_id: ledger.mark_inflight(send_id),
                    )
                if refusal:
                    refused(send_id, refusal)
                else:
                    accepted(send_id)
            if pipeline is not None:
                pipeline.finish()
            interrupted = False
        except ClaimLost:
            logger.warning(
                "mailing %s: batch %s was taken over; stopping it", self.mailing.pk, token
            )
        except (smtplib.SMTPException, OSError) as error:
            report.connection_error = f"{type(error).__name__}: {error}"[:255]
            logger.warning("mailing %s: %s", self.mailing.pk, report.connection_error)
        finally:
            ledger.flush()
            release_claim(token)
            _close(connection, fast and interrupted)
        return report

    def _raw(self, send_id: int, recipient: str, content) -> bytes:
        return build_raw(
            from_header=self.from_header,
            to=recipient,
            subject=content.subject,
            text=content.text,
            html=content.html,
            message_id=self.message_id(send_id),
            headers=self.headers(send_id, content.unsubscribe_url),
            boundary=self.boundary,
        )

    def _generic_hand_over(self, connection, ledger, send_id, email, content) -> str:
        """Any other email backend (an anymail provider): the whole call is the risky window."""
        message = EmailMultiAlternatives(
            subject=content.subject,
            body=content.text,
            from_email=self.from_email,
            to=[email],
            headers={
                "Message-ID": self.message_id(send_id),
                **{
                    name: value.replace("\r\n", "")
                    for name, value in self.headers(send_id, content.unsubscribe_url)
                },
            },
        )
        message.attach_alternative(content.html, "text/html")
        message.metadata = {"mailing_id": str(self.mailing.pk), "send_id": str(send_id)}
        ledger.mark_inflight(send_id)
        return "" if connection.send_messages([message]) else "not accepted"


def deliver_mailing(mailing_id: int, *, batch_size: int | None = None) -> DeliveryReport:
    """Send everything still queued for a mailing, batch after batch, until nothing is left."""
    report = DeliveryReport()
    mailing = Mailing.objects.select_related("email_list").filter(pk=mailing_id).first()
    if mailing is None or mailing.status != MailingStatus.SENDING:
        return report
    recover_stale_claims(mailing_id)
    sender = MailingSender(mailing)
    size = batch_size or settings.MAILINGS_BATCH_SIZE
    failures_in_a_row = 0
    while Mailing.objects.filter(pk=mailing_id, status=MailingStatus.SENDING).exists():
        token = claim_batch(mailing_id, size)
        if token is None:
            break
        batch = sender.deliver_batch(token)
        report.batches += 1
        report.sent += batch.sent
        report.failed += batch.failed
        report.skipped += batch.skipped
        if batch.connection_error:
            report.errors.append(batch.connection_error)
            Mailing.objects.filter(pk=mailing_id).update(last_error=batch.connection_error)
            failures_in_a_row += 1
            if failures_in_a_row >= settings.MAILINGS_MAX_CONNECTION_FAILURES:
                break
        else:
            failures_in_a_row = 0
    finish_if_complete(mailing_id)
    return report


def has_live_claims(mailing_id: int) -> bool:
    return SendClaim.objects.filter(mailing_id=mailing_id).exists()
