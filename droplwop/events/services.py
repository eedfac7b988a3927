"""Every write about events: registering, changing, cancelling, the waitlist, reminders, messages."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from droplwop.core.audit import record_audit
from droplwop.core.form_guard import allow
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.models import EmailList
from droplwop.supporters.services import find_or_create_supporter, record_activity, subscribe

from .models import (
    Event,
    MessageDelivery,
    OrganizerMessage,
    Registration,
    RegistrationStatus,
    ReminderClock,
    ReminderKind,
    ReminderLog,
)
from .recurrence import is_past, occurrences
from .selectors import future_sessions, offers_session_choice

logger = logging.getLogger(__name__)

REMINDER_OFFSETS = {
    ReminderKind.DAY_BEFORE: timedelta(hours=24),
    ReminderKind.HOUR_BEFORE: timedelta(hours=1),
}
DISPATCH_INTERVAL = timedelta(minutes=5)


class RegistrationError(Exception):
    """A registration that cannot be taken, with the message the person sees."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


@dataclass
class RegistrationOutcome:
    registration: Registration
    created: bool
    # What the form tells the person: for a repeat, what a new registration would get now.
    waitlisted: bool


def opt_in_list() -> EmailList | None:
    return EmailList.objects.filter(slug=settings.EVENTS_OPT_IN_LIST_SLUG).first()


def _check_open(event, now):
    if is_past(event, now=now):
        raise RegistrationError("past", _("This event is over; registration is closed."))
    if not event.registration_open:
        raise RegistrationError("closed", _("Registration for this event is closed."))


def _chosen_sessions(event, session_ids, now):
    """(all_sessions, sessions) after checking every id belongs to this event and is to come."""
    if not offers_session_choice(event) or session_ids is None:
        return True, []
    open_sessions = {s.pk: s for s in future_sessions(event, now=now)}
    ids = {int(i) for i in session_ids if str(i).isdigit()}
    if not ids or len(ids) != len(session_ids) or not ids <= set(open_sessions):
        raise RegistrationError(
            "sessions", _("Choose one or more of this event's sessions that are still to come.")
        )
    if ids == set(open_sessions):
        return True, []
    return False, [open_sessions[i] for i in sorted(ids)]


def _has_room(event) -> bool:
    if event.capacity is None:
        return True
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return taken < event.capacity


def _place(registration, event, now):
    """Confirm the registration if there is room, else put it on the waitlist, else refuse."""
    if _has_room(event):
        registration.status = RegistrationStatus.CONFIRMED
        registration.waitlisted_at = None
    elif event.waitlist_enabled:
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlisted_at = now
    else:
        raise RegistrationError("full", _("This event is full."))


def register_for_event(
    *,
    event: Event,
    email: str,
    first_name: str,
    last_name: str = "",
    phone: str = "",
    language: str = "en",
    needs: str = "",
    organization: str = "",
    session_ids: list | None = None,
    opt_in: bool = False,
    consent_text: str = "",
    source: str = "",
    ip_hash: str = "",
    now=None,
) -> RegistrationOutcome:
    """Register a person (found or created by email); never a duplicate.

    Anyone may type anyone's email, so a second registration while the first stands changes
    nothing: the person is mailed their confirmation again, whose signed "my registration" link
    is the only way to change sessions or cancel. The outcome answers as a new registration
    would (waitlisted when the event is full), so the form reveals nothing about who registered.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Taking the event's row lock serializes capacity decisions (PostgreSQL); SQLite's
        # IMMEDIATE transactions already serialize every writer.
        event = (
            Event.objects.select_for_update()
            .prefetch_related("sessions", "exceptions")
            .get(pk=event.pk)
        )
        _check_open(event, now)
        all_sessions, sessions = _chosen_sessions(event, session_ids, now)
        supporter, _created = find_or_create_supporter(
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            language=language,
            source=source or f"event:{event.slug}",
        )
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, supporter=supporter)
            .first()
        )
        if registration is not None and registration.is_active:
            return _repeat_registration(registration, event, now)
        created = registration is None
        if created:
            registration = Registration(event=event, supporter=supporter, source=source[:120])
        # A cancelled registration taken up again is a new one: nothing of the old is kept.
        registration.language = language if language in ("en", "es") else "en"
        registration.needs = needs
        registration.organization = organization
        registration.ip_hash = ip_hash
        registration.cancelled_at = None
        _place(registration, event, now)
        registration.all_sessions = all_sessions
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:
            # Two submissions with one email at the same moment: the first one holds the place.
            raise RegistrationError(
                "duplicate", _("We are already saving this registration. Check your email.")
            ) from exc
        registration.sessions.set(sessions)
        record_activity(
            supporter=supporter,
            kind="events.registered",
            summary=f"{event.title_en}: {registration.get_status_display()}",
            obj=registration,
            data={"event": event.pk, "status": registration.status, "again": not created},
        )
        record_audit(
            actor=None,
            action="events.registration.created" if created else "events.registration.updated",
            obj=registration,
            summary=f"{supporter.email} → {event.slug}",
        )
        email_list = opt_in_list() if opt_in else None
        if email_list is not None:
            subscribe(
                supporter=supporter,
                email_list=email_list,
                source=f"event:{event.slug}",
                consent_text=consent_text,
            )
        from .tasks import send_confirmation_task

        enqueue_on_commit(send_confirmation_task, registration.pk)
        transaction.on_commit(ensure_reminder_dispatcher)
    return RegistrationOutcome(
        registration=registration,
        created=created,
        waitlisted=registration.status == RegistrationStatus.WAITLISTED,
    )


def _repeat_registration(registration, event, now) -> RegistrationOutcome:
    """The answer to registering again while registered: nothing changes; the person gets their
    confirmation (and its "my registration" link) again, a few times an hour at most."""
    from .tasks import send_confirmation_task

    if allow("change_link_email", f"events.registration:{registration.pk}"):
        enqueue_on_commit(send_confirmation_task, registration.pk)
    as_new = Registration(event=event)
    _place(as_new, event, now)
    return RegistrationOutcome(
        registration=registration,
        created=False,
        waitlisted=as_new.status == RegistrationStatus.WAITLISTED,
    )


def change_sessions(*, registration: Registration, session_ids: list, now=None) -> Registration:
    """The person's own choice, from the signed link: exactly these sessions from now on."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        event = Event.objects.prefetch_related("sessions", "exceptions").get(
            pk=registration.event_id
        )
        if not registration.is_active:
            raise RegistrationError("cancelled", _("This registration was cancelled."))
        _check_open(event, now)
        all_sessions, sessions = _chosen_sessions(event, session_ids, now)
        # Sessions already over stay on the record: they are history, not a choice.
        kept = [s for s in registration.sessions.all() if s.ends_at <= now]
        registration.all_sessions = all_sessions
        registration.save(update_fields=["all_sessions", "updated_at"])
        registration.sessions.set([] if all_sessions else kept + sessions)
        record_activity(
            supporter=registration.supporter,
            kind="events.sessions_changed",
            summary=f"{event.title_en}: {len(sessions) or _('all')} sessions",
            obj=registration,
        )
        record_audit(actor=None, action="events.registration.sessions", obj=registration)
        from .tasks import send_confirmation_task

        enqueue_on_commit(send_confirmation_task, registration.pk)
    return registration


def cancel_registration(*, registration: Registration, actor=None, now=None) -> Registration:
    now = now or timezone.now()
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return registration
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "cancelled_at", "waitlisted_at", "updated_at"])
        record_activity(
            supporter=registration.supporter,
            kind="events.cancelled",
            summary=registration.event.title_en,
            obj=registration,
        )
        record_audit(actor=actor, action="events.registration.cancelled", obj=registration)
        promote_from_waitlist(event=registration.event, now=now)
    return registration


def promote_from_waitlist(*, event: Event, now=None) -> list[Registration]:
    """Give freed places to the waitlist, first come first served, and tell each person."""
    from .tasks import send_promotion_task

    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        while _has_room(event):
            waiting = (
                event.registrations.select_for_update()
                .filter(status=RegistrationStatus.WAITLISTED)
                .order_by("waitlisted_at", "id")
                .first()
            )
            if waiting is None:
                break
            waiting.status = RegistrationStatus.CONFIRMED
            waiting.waitlisted_at = None
            waiting.save(update_fields=["status", "waitlisted_at", "updated_at"])
            record_activity(
                supporter=waiting.supporter,
                kind="events.promoted",
                summary=event.title_en,
                obj=waiting,
            )
            record_audit(actor=None, action="events.registration.promoted", obj=waiting)
            enqueue_on_commit(send_promotion_task, waiting.pk)
            promoted.append(waiting)
    return promoted


def check_in(*, registration: Registration, actor, attended: bool = True) -> Registration:
    registration.checked_in_at = timezone.now() if attended else None
    registration.save(update_fields=["checked_in_at", "updated_at"])
    record_audit(
        actor=actor,
        action="events.registration.checked_in" if attended else "events.registration.unchecked",
        obj=registration,
    )
    return registration


def add_walk_in(
    *, event: Event, email: str, first_name: str, last_name: str = "", actor
) -> Registration:
    """Someone who came without registering: recorded as attended, over capacity if need be."""
    with transaction.atomic():
        supporter, _created = find_or_create_supporter(
            email=email, first_name=first_name, last_name=last_name, source=f"event:{event.slug}"
        )
        registration, created = Registration.objects.get_or_create(
            event=event,
            supporter=supporter,
            defaults={"walk_in": True, "language": supporter.preferred_language},
        )
        registration.status = RegistrationStatus.CONFIRMED
        registration.checked_in_at = timezone.now()
        registration.cancelled_at = None
        registration.waitlisted_at = None
        registration.save()
        record_activity(
            supporter=supporter, kind="events.attended", summary=event.title_en, obj=registration
        )
        record_audit(actor=actor, action="events.registration.walk_in", obj=registration)
    return registration


def notify_registrants(
    *, event: Event, subject: str, body: str, actor, include_waitlist: bool = False
) -> OrganizerMessage:
    from .tasks import send_organizer_message_task

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


def _claim(model, **fields) -> object | None:
    """Write the claim row first; a second worker (or a restarted one) finds it and stops."""
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        return None


def send_organizer_message(*, message_id: int) -> int:
    from .emails import send_organizer_message_email

    message = OrganizerMessage.objects.select_related("event").get(pk=message_id)
    statuses = [RegistrationStatus.CONFIRMED]
    if message.include_waitlist:
        statuses.append(RegistrationStatus.WAITLISTED)
    sent = 0
    registrations = message.event.registrations.filter(status__in=statuses).select_related(
        "supporter"
    )
    for registration in registrations:
        delivery = _claim(MessageDelivery, message=message, registration=registration)
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
    from .emails import send_reminder_email

    log = _claim(
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

    from .tasks import dispatch_reminders_task

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
