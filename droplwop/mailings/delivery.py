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
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

from droplwop.supporters.models import Supporter

from .claims import (  # noqa: F401 - tasks and tests reach the claims through delivery
    ClaimLost,
    Ledger,
    claim_batch,
    finish_if_complete,
    has_live_claims,
    recover_stale_claims,
    release_claim,
)
from .mime import build_raw, sender_header
from .models import Mailing, MailingStatus, Send, SendStatus
from .rendering import LinkMaker, personalize, prepare_version
from .selectors import get_batch_recipients
from .smtp_wire import Pipeline, close_connection, smtp_hand_over

logger = logging.getLogger(__name__)


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
        ledger = Ledger(token)
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
                        pipeline = Pipeline(
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
                    refusal = smtp_hand_over(
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
            close_connection(connection, fast and interrupted)
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
