"""The emails a registrant receives, each in the person's language. Called from tasks only."""

from django.utils import timezone, translation

from droplwop.core.emails import send_templated_email
from droplwop.core.public_urls import absolute_page_url

from .formatting import format_occurrence
from .ical import build_calendar
from .links import feed_url, manage_url
from .models import RegistrationStatus
from .selectors import get_page_for_event, list_registration_sessions

# A series has no end; the confirmation lists the next few dates.
DATES_IN_EMAIL = 8


def _context(registration):
    event = registration.event
    language = registration.language
    now = timezone.now()
    with translation.override(language):
        dates = [
            {"when": format_occurrence(occ), "title": occ.title if not event.is_recurring else ""}
            for occ in list_registration_sessions(registration)
            if occ.ends_at > now
        ][:DATES_IN_EMAIL]
    return {
        "registration": registration,
        "supporter": registration.supporter,
        "event": event,
        "dates": dates,
        "confirmed": registration.status == RegistrationStatus.CONFIRMED,
        "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
        "page_url": absolute_page_url(get_page_for_event(event, language)),
        "manage_url": manage_url(registration),
        "feed_url": feed_url(registration),
    }


def registration_calendar(registration) -> bytes:
    """The person's own dates with the joining details (only once they hold a place)."""
    event = registration.event
    private = registration.status == RegistrationStatus.CONFIRMED
    sessions = None
    if not (registration.all_sessions or event.is_recurring):
        sessions = {s.pk for s in registration.sessions.all()}
    with translation.override(registration.language):
        page_url = absolute_page_url(get_page_for_event(event, registration.language))
        return build_calendar([(event, page_url, private, sessions)], name=event.title)


def _send(template, registration, extra=None, *, with_calendar=False):
    context = {**_context(registration), **(extra or {})}
    attachments = []
    if with_calendar and context["confirmed"] and not registration.event.date_to_be_decided:
        attachments.append(("event.ics", registration_calendar(registration), "text/calendar"))
    return send_templated_email(
        f"events/emails/{template}",
        context,
        to=registration.supporter.email,
        language=registration.language,
        attachments=attachments,
    )


def send_confirmation_email(registration):
    return _send("confirmation", registration, with_calendar=True)


def send_promotion_email(registration):
    return _send("promoted", registration, with_calendar=True)


def send_reminder_email(registration, occurrence, kind):
    with translation.override(registration.language):
        when = format_occurrence(occurrence)
    return _send("reminder", registration, {"kind": kind, "when": when, "occurrence": occurrence})


def send_organizer_message_email(message, registration):
    return _send("organizer_message", registration, {"message": message})
