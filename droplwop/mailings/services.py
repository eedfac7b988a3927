"""Every write about mailings: start, schedule, cancel, unsubscribe, suppress."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from droplwop.core.audit import record_audit
from droplwop.core.signed_links import read_token
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.models import Subscription, SubscriptionStatus, Supporter
from droplwop.supporters.services import normalize_email, record_activity

from .launch import take_audience
from .models import Mailing, MailingStatus, Send, SendStatus, Suppression, SuppressionReason
from .rendering import UNSUBSCRIBE_PURPOSE
from .tasks import enqueue_delivery, start_scheduled_mailing_task

_MESSAGE_ID = re.compile(r"<m(\d+)\.s(\d+)@")


@transaction.atomic
def start_mailing(*, mailing: Mailing, actor=None) -> int:
    """Take the audience now and hand the sending to the task queue. Returns the recipients."""
    count = take_audience(mailing=mailing, actor=actor)
    enqueue_delivery(mailing.pk)
    return count


@transaction.atomic
def schedule_mailing(*, mailing: Mailing, send_at, actor) -> Mailing:
    if send_at <= timezone.now():
        raise ValidationError(_("Choose a time in the future."))
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status not in (MailingStatus.DRAFT, MailingStatus.SCHEDULED):
        raise ValidationError(_("This mailing has already been sent or is being sent."))
    mailing.full_clean()
    mailing.status = MailingStatus.SCHEDULED
    mailing.scheduled_at = send_at
    mailing.save(update_fields=["status", "scheduled_at", "updated_at"])
    record_audit(
        actor=actor, action="mailing.scheduled", obj=mailing, data={"at": send_at.isoformat()}
    )
    enqueue_on_commit(start_scheduled_mailing_task.using(run_after=send_at), mailing.pk)
    return mailing


@transaction.atomic
def cancel_mailing(*, mailing: Mailing, actor) -> Mailing:
    """Stop a scheduled mailing (back to draft) or a send in progress (the rest is skipped)."""
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status == MailingStatus.SCHEDULED:
        mailing.status = MailingStatus.DRAFT
        mailing.scheduled_at = None
    elif mailing.status == MailingStatus.SENDING:
        mailing.status = MailingStatus.CANCELLED
        mailing.finished_at = timezone.now()
        Send.objects.filter(mailing=mailing, status=SendStatus.QUEUED).update(
            status=SendStatus.SKIPPED, error="cancelled"
        )
    else:
        raise ValidationError(_("Only a scheduled mailing or one being sent can be stopped."))
    mailing.save()
    record_audit(actor=actor, action="mailing.cancelled", obj=mailing)
    return mailing


def send_for_token(token: str) -> Send | None:
    value = read_token(UNSUBSCRIBE_PURPOSE, token, max_age=None)
    if not value or not value.isdigit():
        return None
    return Send.objects.select_related("mailing__email_list", "supporter").filter(pk=value).first()


@transaction.atomic
def unsubscribe_by_token(*, token: str, one_click: bool) -> Send | None:
    """Leave the mailing's list (every list, for a segment mailing). None when the link is bad."""
    send = send_for_token(token)
    if send is None:
        return None
    subscriptions = Subscription.objects.filter(
        supporter=send.supporter,
        status__in=[SubscriptionStatus.SUBSCRIBED, SubscriptionStatus.PENDING],
    )
    if send.mailing.email_list_id:
        subscriptions = subscriptions.filter(email_list_id=send.mailing.email_list_id)
    now = timezone.now()
    left = list(subscriptions.select_related("email_list"))
    subscriptions.update(status=SubscriptionStatus.UNSUBSCRIBED, unsubscribed_at=now)
    if send.unsubscribed_at is None:
        Send.objects.filter(pk=send.pk).update(unsubscribed_at=now)
        send.unsubscribed_at = now
    for subscription in left:
        record_activity(
            supporter=send.supporter,
            kind="mailings.unsubscribed",
            summary=f"{subscription.email_list.name_en}: unsubscribed from a mailing",
            obj=send.mailing,
            data={"list": subscription.email_list.slug, "one_click": one_click},
        )
    if left:
        record_audit(
            actor=None,
            action="supporter.unsubscribed",
            obj=send.supporter,
            summary=f"from mailing {send.mailing_id}",
            data={"lists": [s.email_list.slug for s in left], "one_click": one_click},
        )
    return send


def _send_for_event(supporter: Supporter, message_id: str, metadata: dict) -> Send | None:
    send_id = str((metadata or {}).get("send_id", ""))
    match = _MESSAGE_ID.search(message_id or "")
    if not send_id and match:
        send_id = match.group(2)
    sends = Send.objects.filter(supporter=supporter)
    if send_id.isdigit():
        return sends.filter(pk=int(send_id)).first()
    return sends.exclude(sent_at=None).order_by("-sent_at").first()


@transaction.atomic
def suppress_address(
    *, email: str, reason: str, detail: str = "", message_id: str = "", metadata=None, event_id=""
) -> Suppression | None:
    """A bounce or a spam complaint: no mailing reaches this address again, on any list."""
    supporter = Supporter.objects.filter(email=normalize_email(email)).first()
    if supporter is None:
        return None
    status = (
        SubscriptionStatus.BOUNCED
        if reason == SuppressionReason.BOUNCED
        else SubscriptionStatus.COMPLAINED
    )
    now = timezone.now()
    Subscription.objects.filter(supporter=supporter).update(status=status, unsubscribed_at=now)
    suppression, created = Suppression.objects.get_or_create(
        supporter=supporter,
        reason=reason,
        defaults={"detail": detail[:255], "provider_event_id": (event_id or "")[:120]},
    )
    send = _send_for_event(supporter, message_id, metadata)
    if send is not None:
        stamp = "bounced_at" if reason == SuppressionReason.BOUNCED else "complained_at"
        Send.objects.filter(pk=send.pk, **{f"{stamp}__isnull": True}).update(**{stamp: now})
    if created:
        record_activity(
            supporter=supporter,
            kind=f"mailings.{reason}",
            summary=f"Email address suppressed: {suppression.get_reason_display()}",
            obj=send.mailing if send else None,
            data={"detail": detail[:255]},
        )
        record_audit(
            actor=None, action=f"supporter.suppressed.{reason}", obj=supporter, summary=detail
        )
    return suppression
