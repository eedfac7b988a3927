from datetime import timedelta

from django.utils import timezone

from droplwop.core.holidays import is_holiday
from droplwop.events.models import Event, OccurrenceException
from droplwop.events.recurrence import occurrences, upcoming
from droplwop.events.services import opt_in_list


def test_no_demo_date_falls_on_a_us_holiday(demo):
    for event in Event.objects.all():
        for occurrence in occurrences(event):
            day = occurrence.starts_at.astimezone(timezone.get_current_timezone()).date()
            assert not is_holiday(day), (event.slug, day)


def test_demo_meeting_skips_every_december(demo):
    event = Event.objects.get(slug="statewide-monthly-meeting")
    skipped = [e for e in event.exceptions.all() if e.is_skip]
    assert skipped and {e.original_start.month for e in skipped} == {12}
    assert all(o.starts_at.month != 12 for o in occurrences(event))


def test_a_cancelled_date_of_a_series_shows_as_cancelled(client, make_event):
    event = make_event(sessions=1, days=3, recurrence_rule="FREQ=WEEKLY")
    cancelled = upcoming(event)[1]
    OccurrenceException.objects.create(event=event, original_start=cancelled.starts_at)
    for page, word in ((event.page_en, "Cancelled"), (event.page_es, "Cancelada")):
        html = client.get(page.url).content.decode()
        assert html.count(f"<strong>{word}</strong>") == 1, page.url
    # The cancelled date offers no calendar link; the dates around it keep theirs.
    html = client.get(event.page_en.url).content.decode()
    item = html.split("event-date--cancelled")[1].split("</li>")[0]
    assert "calendar.google.com" not in item
    assert html.count("calendar.google.com") >= 2


def test_event_signups_go_to_the_one_public_updates_list(demo):
    assert opt_in_list().slug == "campaign-updates"


def test_cancelled_dates_stay_out_of_what_reminders_and_feeds_read(make_event):
    event = make_event(sessions=1, days=3, recurrence_rule="FREQ=WEEKLY")
    second = upcoming(event)[1]
    OccurrenceException.objects.create(event=event, original_start=second.starts_at)
    starts = [o.starts_at for o in occurrences(event, end=timezone.now() + timedelta(days=30))]
    assert second.starts_at not in starts
