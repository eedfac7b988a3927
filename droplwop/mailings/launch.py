"""Starting a mailing: its audience taken at once, one queued Send per recipient.

Below `services.py` and `tasks.py`: both start mailings (the service when staff press send, the
scheduled task when the time comes), and each then queues delivery through `tasks.py`.
"""

from django.core.exceptions import ValidationError
from django.db import connection as db
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from droplwop.core.audit import record_audit

from .models import Mailing, MailingStatus, Send, SendStatus
from .selectors import get_audience


def snapshot_audience(*, mailing: Mailing) -> int:
    """Write one queued Send per recipient, in one statement; running it again adds nobody twice."""
    audience_sql, params = (
        get_audience(mailing).values("id", "preferred_language").query.sql_with_params()
    )
    table = db.ops.quote_name(Send._meta.db_table)
    with db.cursor() as cursor:
        cursor.execute(
            # The table name is quoted and the audience SQL comes from the ORM with its params.
            f"INSERT INTO {table} "  # noqa: S608
            "(mailing_id, supporter_id, language, status, claim_token, error) "
            f"SELECT %s, audience.id, audience.preferred_language, %s, '', '' "
            f"FROM ({audience_sql}) audience "
            # SQLite needs a WHERE here, or it reads ON CONFLICT as a join condition. Sends are
            # numbered in the audience's order, so batches go out in a stable order on both
            # databases (PostgreSQL's plan may otherwise insert in any order).
            "WHERE 1 = 1 ORDER BY audience.id ON CONFLICT (mailing_id, supporter_id) DO NOTHING",
            [mailing.pk, SendStatus.QUEUED, *params],
        )
        return cursor.rowcount


@transaction.atomic
def take_audience(*, mailing: Mailing, actor=None) -> int:
    """Write the recipients now and mark the mailing as sending; the caller queues delivery."""
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status not in (MailingStatus.DRAFT, MailingStatus.SCHEDULED):
        raise ValidationError(_("This mailing has already been sent or is being sent."))
    mailing.full_clean()
    count = snapshot_audience(mailing=mailing)
    mailing.status = MailingStatus.SENDING
    mailing.started_at = timezone.now()
    mailing.last_error = ""
    mailing.save(update_fields=["status", "started_at", "last_error", "updated_at"])
    record_audit(
        actor=actor,
        action="mailing.started",
        obj=mailing,
        summary=f"{mailing.title}: {count} recipients",
    )
    return count


def get_due_mailing(mailing_id: int) -> Mailing | None:
    """A scheduled mailing whose time has come; None if it was moved, stopped or started."""
    mailing = Mailing.objects.filter(pk=mailing_id, status=MailingStatus.SCHEDULED).first()
    if mailing is None or mailing.scheduled_at is None:
        return None
    if mailing.scheduled_at > timezone.now() + timezone.timedelta(seconds=5):
        return None
    return mailing
