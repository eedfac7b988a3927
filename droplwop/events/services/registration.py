"""Registering, changing, cancelling, the waitlist, check-in and walk-ins."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from droplwop.core import page_cache
from droplwop.core.audit import record_audit
from droplwop.core.form_guard import allow
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.models import EmailList
from droplwop.supporters.services import find_or_create_supporter, record_activity, subscribe

from ..models import (
    Event,
    Registration,
    RegistrationStatus,
)
from ..recurrence import is_past
from ..selectors import has_session_choice, list_future_sessions
from .reminders import ensure_reminder_dispatcher


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
    if not has_session_choice(event) or session_ids is None:
        return True, []
    open_sessions = {s.pk: s for s in list_future_sessions(event, now=now)}
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
        from ..tasks import send_confirmation_task

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
    from ..tasks import send_confirmation_task

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
        from ..tasks import send_confirmation_task

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
        page_cache.forget_live_counts()
    return registration


def promote_from_waitlist(*, event: Event, now=None) -> list[Registration]:
    """Give freed places to the waitlist, first come first served, and tell each person."""
    from ..tasks import send_promotion_task

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
