"""Dates and times as people read them, in the active language, in the event's time zone."""

from zoneinfo import ZoneInfo

from django.utils import dateformat
from django.utils.translation import gettext as _


def _zone(event):
    return ZoneInfo(event.time_zone)


def format_day(value, event) -> str:
    # Translators: a date format for Django's date filter (weekday, month, day, year).
    return dateformat.format(value.astimezone(_zone(event)), _("l, F j, Y"))


def format_time(value, event) -> str:
    # Translators: a time format for Django's date filter (e.g. 7:00 PM; Spanish uses 19:00).
    return dateformat.format(value.astimezone(_zone(event)), _("g:i A"))


def format_when(starts, ends, event) -> str:
    """'Monday, October 19, 2026, 7:00 PM – 9:00 PM Pacific time' (end day shown if it differs)."""
    zone = _zone(event)
    same_day = starts.astimezone(zone).date() == ends.astimezone(zone).date()
    end_text = (
        format_time(ends, event)
        if same_day
        else f"{format_day(ends, event)}, {format_time(ends, event)}"
    )
    return _("%(day)s, %(start)s – %(end)s Pacific time") % {
        "day": format_day(starts, event),
        "start": format_time(starts, event),
        "end": end_text,
    }


def format_occurrence(occurrence) -> str:
    return format_when(occurrence.starts_at, occurrence.ends_at, occurrence.event)
