"""iCalendar (RFC 5545) feeds: public ones without joining details, and one per registrant with them."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils.translation import gettext

from .models import EventKind
from .recurrence import occurrences, series_base


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event, session=None) -> str:
    if event.is_recurring or session is None:
        return f"event-{event.pk}@{_host()}"
    return f"event-{event.pk}-session-{session.pk}@{_host()}"


def location_text(event) -> str:
    if event.kind == EventKind.ONLINE:
        return gettext("Online")
    if event.kind == EventKind.FACILITY:
        return event.facility or event.venue_name
    return ", ".join(part for part in (event.venue_name, event.address) if part)


def private_details(event) -> str:
    lines = []
    if event.join_url:
        lines.append(event.join_url)
    if event.dial_in:
        lines.append(event.dial_in)
    if event.passcode:
        lines.append(gettext("Passcode: %(passcode)s") % {"passcode": event.passcode})
    if event.join_instructions:
        lines.append(event.join_instructions)
    return "\n".join(lines)


def _description(event, page_url, private):
    parts = [event.summary]
    if page_url:
        parts.append(page_url)
    if private:
        parts.append(private_details(event))
    return "\n\n".join(part for part in parts if part)


def _local(value, event):
    return value.astimezone(ZoneInfo(event.time_zone))


def _vevent(event, *, uid, starts, ends, summary, description, page_url, private):
    vevent = icalendar.Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    vevent.add("dtstart", _local(starts, event))
    vevent.add("dtend", _local(ends, event))
    vevent.add("summary", summary)
    vevent.add("description", description)
    # An online event's place is its joining link, which only a registrant's feed may carry.
    location = event.join_url if private and event.join_url else location_text(event)
    if location:
        vevent.add("location", location)
    if page_url:
        vevent.add("url", page_url)
    return vevent


def _series_components(event, *, page_url, private):
    """The master VEVENT with RRULE and EXDATEs, plus one VEVENT per moved date."""
    base = series_base(event)
    if base is None:
        return []
    description = _description(event, page_url, private)
    master = _vevent(
        event,
        uid=event_uid(event),
        starts=base.starts_at,
        ends=base.ends_at,
        summary=event.title,
        description=description,
        page_url=page_url,
        private=private,
    )
    master.add("rrule", icalendar.vRecur.from_ical(event.recurrence_rule.removeprefix("RRULE:")))
    components = [master]
    for exception in event.exceptions.all():
        if exception.is_skip:
            master.add("exdate", _local(exception.original_start, event))
            continue
        moved = _vevent(
            event,
            uid=event_uid(event),
            starts=exception.new_starts_at,
            ends=exception.new_ends_at,
            summary=event.title,
            description=description,
            page_url=page_url,
            private=private,
        )
        moved.add("recurrence-id", _local(exception.original_start, event))
        components.append(moved)
    return components


def event_components(event, *, page_url="", private=False, sessions=None):
    """VEVENTs for one event. `sessions` (ids) limits a one-off event to a registrant's choice."""
    if event.date_to_be_decided:
        return []
    if event.is_recurring:
        return _series_components(event, page_url=page_url, private=private)
    description = _description(event, page_url, private)
    components = []
    for occurrence in occurrences(event):
        if sessions is not None and occurrence.session.pk not in sessions:
            continue
        title = event.title
        if occurrence.session.title:
            title = f"{event.title}: {occurrence.session.title}"
        components.append(
            _vevent(
                event,
                uid=event_uid(event, occurrence.session),
                starts=occurrence.starts_at,
                ends=occurrence.ends_at,
                summary=title,
                description="\n\n".join(p for p in (occurrence.topic, description) if p),
                page_url=page_url,
                private=private,
            )
        )
    return components


def build_calendar(entries, *, name: str) -> bytes:
    """`entries`: (event, page_url, private, session_ids or None) tuples; returns the .ics bytes."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Drop LWOP Coalition//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "America/Los_Angeles")
    for event, page_url, private, sessions in entries:
        for component in event_components(
            event, page_url=page_url, private=private, sessions=sessions
        ):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
