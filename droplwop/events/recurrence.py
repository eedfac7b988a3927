"""Dates of an event: its stored sessions, or its repeating rule expanded in Pacific wall time.

The rule is expanded on naive local times and each date is then placed in the event's time zone,
so a 7 PM meeting stays at 7 PM on both sides of a daylight-saving change (RFC 5545 semantics
for a DTSTART with a TZID).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils import timezone

MAX_RULE_LENGTH = 200
# With no end given, a repeating series is looked at this far ahead.
DEFAULT_HORIZON = timedelta(days=400)
# A moved date may land a little outside the window its original date was in.
_MOVE_MARGIN = timedelta(days=62)


@dataclass(frozen=True)
class Occurrence:
    event: object
    session: object
    starts_at: datetime
    ends_at: datetime
    # For a date of a repeating series: the start the rule gives it (iCal RECURRENCE-ID).
    recurrence_id: datetime | None = None
    moved: bool = False
    # A skipped date of a series, listed only where people should see that it will not happen.
    cancelled: bool = False

    @property
    def title(self) -> str:
        if self.event.is_recurring:
            return self.event.title
        return self.session.title or self.event.title

    @property
    def topic(self) -> str:
        return self.session.topic if not self.event.is_recurring else ""

    @property
    def key(self) -> str:
        return self.starts_at.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")


def parse_rule(rule_text: str, dtstart_naive: datetime):
    return rrulestr(rule_text.strip().removeprefix("RRULE:"), dtstart=dtstart_naive)


def series_base(event):
    """The first stored session of a repeating event: it gives the time and length of all."""
    sessions = list(event.sessions.all())
    return sessions[0] if sessions else None


def occurrences(event, *, start=None, end=None, include_cancelled=False) -> list[Occurrence]:
    """Every occurrence overlapping [start, end), in time order.

    `start` and `end` are aware datetimes; without them, stored sessions are all returned and a
    repeating series is cut at DEFAULT_HORIZON from now. Skipped dates of a series are left out
    unless `include_cancelled`, then they come with `cancelled` set.
    """
    if event.date_to_be_decided:
        return []
    if not event.is_recurring:
        return [
            Occurrence(event, s, s.starts_at, s.ends_at)
            for s in event.sessions.all()
            if (start is None or s.ends_at > start) and (end is None or s.starts_at < end)
        ]
    base = series_base(event)
    if base is None:
        return []
    zone = ZoneInfo(event.time_zone)
    first_local = base.starts_at.astimezone(zone).replace(tzinfo=None)
    length = base.ends_at.astimezone(zone).replace(tzinfo=None) - first_local
    window_start = start or base.starts_at
    window_end = end or (timezone.now() + DEFAULT_HORIZON)
    exceptions = {exc.original_start: exc for exc in event.exceptions.all()}
    rule = parse_rule(event.recurrence_rule, first_local)
    naive_from = (window_start - length - _MOVE_MARGIN).astimezone(zone).replace(tzinfo=None)
    naive_to = (window_end + _MOVE_MARGIN).astimezone(zone).replace(tzinfo=None)
    found = []
    for local in rule.between(naive_from, naive_to, inc=True):
        original = local.replace(tzinfo=zone)
        starts, ends, moved = original, (local + length).replace(tzinfo=zone), False
        exception = exceptions.get(original)
        cancelled = exception is not None and exception.is_skip
        if cancelled and not include_cancelled:
            continue
        if exception is not None and not cancelled:
            starts, ends, moved = exception.new_starts_at, exception.new_ends_at, True
        if ends > window_start and starts < window_end:
            found.append(
                Occurrence(
                    event,
                    base,
                    starts,
                    ends,
                    recurrence_id=original,
                    moved=moved,
                    cancelled=cancelled,
                )
            )
    found.sort(key=lambda occ: occ.starts_at)
    return found


def upcoming(event, *, now=None, limit=None, include_cancelled=False) -> list[Occurrence]:
    now = now or timezone.now()
    found = occurrences(event, start=now, include_cancelled=include_cancelled)
    return found[:limit] if limit else found


def next_occurrence(event, *, now=None) -> Occurrence | None:
    found = upcoming(event, now=now, limit=1)
    return found[0] if found else None


def is_past(event, *, now=None) -> bool:
    """Every date is over (a repeating series without an end never is; a TBD event never is)."""
    if event.date_to_be_decided:
        return False
    if event.is_recurring:
        return next_occurrence(event, now=now) is None
    sessions = list(event.sessions.all())
    return bool(sessions) and all(s.ends_at <= (now or timezone.now()) for s in sessions)
