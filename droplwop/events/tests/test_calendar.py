"""Feeds against RFC 5545: our iCal parsed with `icalendar`, expanded by `recurring_ical_events`
(a second implementation of RRULE), must give exactly the dates the site computes (dateutil)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from django.urls import reverse
from django.utils import translation

from droplwop.events import links
from droplwop.events.models import Event, OccurrenceException, Registration, Session
from droplwop.events.recurrence import occurrences

from .conftest import ZOOM, form_data, register_url

PACIFIC = ZoneInfo("America/Los_Angeles")
UTC = ZoneInfo("UTC")


def _monthly(**fields):
    event = Event.objects.create(
        slug="test-monthly",
        title_en="Test monthly",
        recurrence_rule="FREQ=MONTHLY;BYDAY=+3MO",
        join_url=ZOOM,
        passcode="hush-1234",
        **fields,
    )
    Session.objects.create(
        event=event,
        starts_at=datetime(2027, 1, 18, 19, tzinfo=PACIFIC),
        ends_at=datetime(2027, 1, 18, 20, 30, tzinfo=PACIFIC),
    )
    return event


def test_third_monday_stays_at_7pm_pacific_across_daylight_saving(db):
    event = _monthly()
    found = occurrences(
        event,
        start=datetime(2027, 1, 1, tzinfo=UTC),
        end=datetime(2027, 12, 31, tzinfo=UTC),
    )
    local = [o.starts_at.astimezone(PACIFIC) for o in found]
    assert [d.day for d in local[:4]] == [18, 15, 15, 19]  # Jan, Feb, Mar (after DST), Apr
    assert {(d.hour, d.minute, d.weekday()) for d in local} == {(19, 0, 0)}
    # 7 PM is 03:00 UTC in winter and 02:00 UTC in summer.
    assert found[1].starts_at.astimezone(UTC).hour == 3
    assert found[2].starts_at.astimezone(UTC).hour == 2
    assert found[10].starts_at.astimezone(UTC).hour == 3  # November, after DST ends
    assert all(o.ends_at - o.starts_at == timedelta(minutes=90) for o in found)


def test_skip_and_move_one_occurrence(db):
    event = _monthly()
    OccurrenceException.objects.create(
        event=event, original_start=datetime(2027, 2, 15, 19, tzinfo=PACIFIC)
    )
    OccurrenceException.objects.create(
        event=event,
        original_start=datetime(2027, 3, 15, 19, tzinfo=PACIFIC),
        new_starts_at=datetime(2027, 3, 22, 18, tzinfo=PACIFIC),
        new_ends_at=datetime(2027, 3, 22, 19, 30, tzinfo=PACIFIC),
    )
    found = occurrences(
        event, start=datetime(2027, 1, 1, tzinfo=UTC), end=datetime(2027, 4, 30, tzinfo=UTC)
    )
    assert [o.starts_at.astimezone(PACIFIC).strftime("%m-%d %H") for o in found] == [
        "01-18 19",
        "03-22 18",
        "04-19 19",
    ]
    assert found[1].moved


def _expand_feed(content: bytes, start, end):
    calendar = icalendar.Calendar.from_ical(content)
    return sorted(
        (
            component.decoded("dtstart").astimezone(UTC),
            component.decoded("dtend").astimezone(UTC),
        )
        for component in recurring_ical_events.of(calendar).between(start, end)
    )


def test_event_feed_expands_to_the_same_dates_in_a_second_implementation(client, demo):
    event = _monthly()
    OccurrenceException.objects.create(
        event=event, original_start=datetime(2027, 12, 20, 19, tzinfo=PACIFIC)
    )
    OccurrenceException.objects.create(
        event=event,
        original_start=datetime(2028, 1, 17, 19, tzinfo=PACIFIC),
        new_starts_at=datetime(2028, 1, 24, 19, tzinfo=PACIFIC),
        new_ends_at=datetime(2028, 1, 24, 20, 30, tzinfo=PACIFIC),
    )
    from droplwop.events.ical import build_calendar

    content = build_calendar([(event, "https://example.org/e/", False, None)], name="t")
    start, end = datetime(2027, 1, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC)
    ours = [
        (o.starts_at.astimezone(UTC), o.ends_at.astimezone(UTC))
        for o in occurrences(event, start=start, end=end)
    ]
    assert len(ours) == 23  # two years, one skipped
    assert _expand_feed(content, start, end) == ours


def test_demo_monthly_meeting_feed_matches_site_dates(client, demo):
    event = Event.objects.get(slug="statewide-monthly-meeting")
    with translation.override("en"):
        url = reverse("events:event_feed", kwargs={"slug": event.slug})
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    end = datetime(2028, 1, 1, tzinfo=UTC)
    ours = [
        (o.starts_at.astimezone(UTC), o.ends_at.astimezone(UTC))
        for o in occurrences(event, start=start, end=end)
    ]
    assert _expand_feed(response.content, start, end) == ours


def _unfolded(content: bytes) -> str:
    return content.decode().replace("\r\n ", "")


def test_public_feeds_carry_no_joining_details(client, make_event):
    event = make_event(join_instructions_en="Secret instructions here")
    for language in ("en", "es"):
        with translation.override(language):
            urls = [
                reverse("events:all_feed"),
                reverse("events:event_feed", kwargs={"slug": event.slug}),
            ]
        for url in urls:
            text = _unfolded(client.get(url).content)
            assert "BEGIN:VEVENT" in text
            for secret in (ZOOM, "hush-1234", "555 0199", "Secret instructions"):
                assert secret not in text, (url, secret)
    sessions = icalendar.Calendar.from_ical(client.get(urls[1]).content).walk("VEVENT")
    assert len(sessions) == 3


def test_private_feed_has_joining_details_only_for_chosen_sessions(client, make_event):
    event = make_event(sessions=3)
    first = event.sessions.first()
    client.post(
        register_url(event.page_en),
        form_data(event, sessions=[str(first.pk)]),
        HTTP_ORIGIN="http://testserver",
    )
    registration = Registration.objects.get(event=event)
    with translation.override("en"):
        url = reverse("events:private_feed", kwargs={"token": links.feed_token(registration)})
    response = client.get(url)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    text = _unfolded(response.content)
    assert ZOOM in text and "hush-1234" in text
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 1
    # The feed link cannot open (or cancel) the registration.
    with translation.override("en"):
        manage = reverse("events:manage", kwargs={"token": links.feed_token(registration)})
    assert client.get(manage).status_code == 400


def test_tampered_feed_link_is_refused(client, make_event):
    response = client.get("/es/events/my/123:forged/calendar.ics")
    assert response.status_code == 400
    assert "Este enlace no funciona" in response.content.decode()


def test_add_to_calendar_links_on_the_page(client, demo):
    html = client.get("/en/events/strategy-week/").content.decode()
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    assert "/en/events/calendar/strategy-week.ics" in html
    monthly = client.get("/en/events/statewide-monthly-meeting/").content.decode()
    assert "RRULE%3AFREQ%3DMONTHLY%3BBYDAY%3D%2B3MO" in monthly
