"""Reminders before each session, and the dispatcher that sends them."""

import logging
from datetime import timedelta

from django.utils import timezone

from ..models import (
    Event,
    Registration,
    RegistrationStatus,
    ReminderClock,
    ReminderKind,
    ReminderLog,
)
from ..recurrence import occurrences
from .claims import claim

logger = logging.getLogger(__name__)

REMINDER_OFFSETS = {
    ReminderKind.DAY_BEFORE: timedelta(hours=24),
    ReminderKind.HOUR_BEFORE: timedelta(hours=1),
}
DISPATCH_INTERVAL = timedelta(minutes=5)


def _covers(registration, occurrence) -> bool:
    if registration.all_sessions or registration.event.is_recurring:
        return True
    return any(s.pk == occurrence.session.pk for s in registration.sessions.all())


def due_reminders(*, now=None):
    """(registration, occurrence, kind) for every reminder whose time has come and not yet sent."""
    now = now or timezone.now()
    events = (
        Event.objects.filter(
            date_to_be_decided=False, registrations__status=RegistrationStatus.CONFIRMED
        )
        .distinct()
        .prefetch_related("sessions", "exceptions")
    )
    due = []
    for event in events:
        soon = occurrences(event, start=now, end=now + timedelta(hours=24, minutes=1))
        if not soon:
            continue
        registrations = list(
            event.registrations.filter(status=RegistrationStatus.CONFIRMED)
            .select_related("supporter", "event")
            .prefetch_related("sessions")
        )
        for occurrence in soon:
            if occurrence.starts_at <= now:
                continue
            for kind, offset in REMINDER_OFFSETS.items():
                send_at = occurrence.starts_at - offset
                # Each kind has its own window: the day-before one stops when the hour-before one starts.
                later = [o for o in REMINDER_OFFSETS.values() if o < offset]
                window_end = occurrence.starts_at - max(later) if later else occurrence.starts_at
                if not (send_at <= now < window_end):
                    continue
                for registration in registrations:
                    # Someone who registered after the moment gets the confirmation instead.
                    if registration.created_at > send_at or not _covers(registration, occurrence):
                        continue
                    due.append((registration, occurrence, kind))
    if not due:
        return []
    claimed = set(
        ReminderLog.objects.filter(registration__in={r.pk for r, _o, _k in due}).values_list(
            "registration_id", "occurrence_start", "kind"
        )
    )
    return [(r, o, k) for r, o, k in due if (r.pk, o.starts_at, k) not in claimed]


def send_reminder(*, registration: Registration, occurrence, kind: str) -> bool:
    from ..emails import send_reminder_email

    log = claim(
        ReminderLog, registration=registration, occurrence_start=occurrence.starts_at, kind=kind
    )
    if log is None:
        return False
    try:
        send_reminder_email(registration, occurrence, kind)
    except Exception:
        log.delete()
        logger.exception("reminder for registration %s failed", registration.pk)
        return False
    log.sent_at = timezone.now()
    log.save(update_fields=["sent_at"])
    return True


def send_due_reminders(*, now=None) -> int:
    sent = 0
    for registration, occurrence, kind in due_reminders(now=now):
        # Re-read: the person may have cancelled since the list was made.
        registration.refresh_from_db(fields=["status"])
        if registration.status != RegistrationStatus.CONFIRMED:
            continue
        sent += send_reminder(registration=registration, occurrence=occurrence, kind=kind)
    return sent


def claim_dispatch_slot(*, now=None):
    """Advance the reminder clock; None when another dispatcher chain already owns this slot."""
    now = now or timezone.now()
    clock = ReminderClock.objects.first()
    if clock is None:
        clock = ReminderClock.objects.create(next_run_at=now)
    if clock.next_run_at > now + timedelta(seconds=30):
        return None
    next_run_at = now + DISPATCH_INTERVAL
    updated = ReminderClock.objects.filter(pk=clock.pk, next_run_at=clock.next_run_at).update(
        next_run_at=next_run_at
    )
    return next_run_at if updated else None


def ensure_reminder_dispatcher(*, now=None) -> bool:
    """Start the self-rescheduling dispatcher if no chain is alive (its clock has gone stale)."""
    from django_tasks import default_task_backend

    from ..tasks import dispatch_reminders_task

    if not default_task_backend.supports_defer:
        return False
    now = now or timezone.now()
    clock = ReminderClock.objects.first()
    if clock is not None and clock.next_run_at > now - 2 * DISPATCH_INTERVAL:
        return False
    # Move the clock to now before enqueuing, so the requests that follow see it fresh and a
    # burst of registrations starts one dispatcher, not one each.
    if clock is None:
        ReminderClock.objects.create(next_run_at=now)
    elif not ReminderClock.objects.filter(pk=clock.pk, next_run_at=clock.next_run_at).update(
        next_run_at=now
    ):
        return False
    dispatch_reminders_task.enqueue()
    return True
