""" "Add to calendar" links for Google and Outlook (Apple opens the event's .ics feed)."""

from datetime import UTC
from urllib.parse import urlencode

from .ical import location_text


def _utc(value, fmt):
    return value.astimezone(UTC).strftime(fmt)


def google_url(occurrence, *, details: str = "") -> str:
    event = occurrence.event
    params = {
        "action": "TEMPLATE",
        "text": occurrence.title,
        "dates": f"{_utc(occurrence.starts_at, '%Y%m%dT%H%M%SZ')}/{_utc(occurrence.ends_at, '%Y%m%dT%H%M%SZ')}",
        "ctz": event.time_zone,
        "details": details,
        "location": location_text(event),
    }
    if event.is_recurring and not occurrence.moved:
        params["recur"] = "RRULE:" + event.recurrence_rule.removeprefix("RRULE:")
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def outlook_url(occurrence, *, details: str = "") -> str:
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": occurrence.title,
        "startdt": _utc(occurrence.starts_at, "%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(occurrence.ends_at, "%Y-%m-%dT%H:%M:%SZ"),
        "body": details,
        "location": location_text(occurrence.event),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(params)
