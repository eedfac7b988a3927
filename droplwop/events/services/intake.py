"""A registration posted to an event's public form: checked at once, filed moments later.

The request checks what it can cheaply (the form, the event open, the sessions, a full event
without a waitlist) and makes one small insert (core.deferred); the task queue files the
waiting registrations a batch at a time through register_for_event, which keeps every rule
(identity, consent, capacity and the waitlist, a repeat changing nothing). Capacity is decided
at filing time, under the event's lock, so the page can only say what is likely: see
`likely_state`.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from droplwop.core import deferred
from droplwop.core.models import PendingSubmission
from droplwop.supporters.services import normalize_email

from ..models import Event, RegistrationStatus
from .registration import RegistrationError, _check_open, _chosen_sessions, register_for_event

KIND = "events.registration"
CONFIRMED, WAITLISTED, PENDING = "confirmed", "waitlisted", "pending"


def check_registration(*, event: Event, session_ids: list | None, now=None) -> str:
    """What the form can refuse at once (RegistrationError), else the likely outcome.

    CONFIRMED only when every registration still waiting to be filed could take a place before
    this one and a place would still be left; WAITLISTED when the event is full now (it can only
    stay full until someone cancels, and then the waitlist is promoted); PENDING otherwise.
    """
    now = now or timezone.now()
    _check_open(event, now)
    _chosen_sessions(event, session_ids, now)
    if event.capacity is None:
        return CONFIRMED
    taken = event.registrations.aggregate(
        n=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED))
    )["n"]
    if taken >= event.capacity:
        if not event.waitlist_enabled:
            raise RegistrationError("full", _("This event is full."))
        return WAITLISTED
    waiting = PendingSubmission.objects.filter(kind=KIND, failed_at__isnull=True).count()
    return CONFIRMED if taken + waiting < event.capacity else PENDING


def submit_registration(*, event_id: int, email: str, **fields) -> None:
    """Take one registration to be filed by `file_registrations`; `fields` are
    register_for_event's arguments (JSON values only), without event, email and now."""
    email = normalize_email(email)
    deferred.submit(KIND, email=email, payload={"event": event_id, "email": email, **fields})


def file_registrations(rows) -> None:
    """core.deferred's filer for KIND. Each row is registered as of the moment it was taken
    (open, sessions to come, its place in the waitlist), so a registration taken just before
    the event closed still counts. Filing a row twice is a repeat, which changes nothing.

    A row the service refuses now (the event filled up without a waitlist, or was closed
    meanwhile) raises, so core.deferred keeps it for staff instead of losing it.
    """
    events = Event.objects.in_bulk({row.payload["event"] for row in rows})
    for row in rows:
        fields = dict(row.payload)
        event = events.get(fields.pop("event"))
        if event is None:
            continue  # the event was deleted meanwhile, with its registrations
        register_for_event(event=event, now=row.created_at, **fields)
