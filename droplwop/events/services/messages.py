"""Organizers' messages to an event's registrants."""

import logging

from django.db import transaction
from django.utils import timezone

from droplwop.core.audit import record_audit
from droplwop.core.tasks_util import enqueue_on_commit

from ..models import (
    Event,
    MessageDelivery,
    OrganizerMessage,
    RegistrationStatus,
)
from .claims import claim

logger = logging.getLogger(__name__)


def notify_registrants(
    *, event: Event, subject: str, body: str, actor, include_waitlist: bool = False
) -> OrganizerMessage:
    from ..tasks import send_organizer_message_task

    with transaction.atomic():
        message = OrganizerMessage.objects.create(
            event=event,
            subject=subject,
            body=body,
            include_waitlist=include_waitlist,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record_audit(actor=actor, action="events.message.created", obj=message, summary=subject)
        enqueue_on_commit(send_organizer_message_task, message.pk)
    return message


def send_organizer_message(*, message_id: int) -> int:
    from ..emails import send_organizer_message_email

    message = OrganizerMessage.objects.select_related("event").get(pk=message_id)
    statuses = [RegistrationStatus.CONFIRMED]
    if message.include_waitlist:
        statuses.append(RegistrationStatus.WAITLISTED)
    sent = 0
    registrations = message.event.registrations.filter(status__in=statuses).select_related(
        "supporter"
    )
    for registration in registrations:
        delivery = claim(MessageDelivery, message=message, registration=registration)
        if delivery is None:
            continue
        try:
            send_organizer_message_email(message, registration)
        except Exception:
            # Not sent: drop the claim so the next run tries this person again.
            delivery.delete()
            logger.exception(
                "organizer message %s to registration %s failed", message.pk, registration.pk
            )
            continue
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
        sent += 1
    return sent
