from datetime import timedelta

from django.core import mail
from django.utils import timezone

from droplwop.events import services
from droplwop.events.models import Registration, ReminderLog

from .conftest import ZOOM, form_data, register_url


def _registered(client, event, email):
    client.post(
        register_url(event.page_en),
        form_data(event, email=email),
        HTTP_ORIGIN="http://testserver",
    )
    return Registration.objects.get(event=event, supporter__email=email)


def test_day_before_and_hour_before_reminders_go_out_once(client, make_event):
    event = make_event(sessions=1, days=3)
    registration = _registered(client, event, "rem@example.org")
    start = event.sessions.first().starts_at
    mail.outbox.clear()

    assert services.send_due_reminders(now=start - timedelta(hours=30)) == 0
    day = start - timedelta(hours=23)
    assert services.send_due_reminders(now=day) == 1
    assert services.send_due_reminders(now=day + timedelta(minutes=5)) == 0
    hour = start - timedelta(minutes=50)
    assert services.send_due_reminders(now=hour) == 1
    assert services.send_due_reminders(now=hour) == 0

    subjects = [m.subject for m in mail.outbox]
    assert subjects[0].startswith("Tomorrow") and subjects[1].startswith("Starting in one hour")
    assert ZOOM in mail.outbox[1].body
    assert ReminderLog.objects.filter(registration=registration, sent_at__isnull=False).count() == 2


def test_a_claimed_reminder_is_never_sent_again(client, make_event):
    """A worker that died after claiming (and perhaps sending) leaves the claim: no second copy."""
    event = make_event(sessions=1, days=3)
    registration = _registered(client, event, "claim@example.org")
    start = event.sessions.first().starts_at
    ReminderLog.objects.create(registration=registration, occurrence_start=start, kind="day")
    mail.outbox.clear()
    assert services.send_due_reminders(now=start - timedelta(hours=20)) == 0
    assert mail.outbox == []


def test_cancelled_and_other_session_registrations_get_no_reminder(client, make_event):
    event = make_event(sessions=2, days=3)
    first, second = event.sessions.all()
    cancelled = _registered(client, event, "gone@example.org")
    services.cancel_registration(registration=cancelled)
    client.post(
        register_url(event.page_en),
        form_data(event, email="second-only@example.org", sessions=[str(second.pk)]),
        HTTP_ORIGIN="http://testserver",
    )
    mail.outbox.clear()
    assert services.send_due_reminders(now=first.starts_at - timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_reminders_for_a_series_in_the_persons_language(client, demo):
    from droplwop.events.models import Event
    from droplwop.events.recurrence import next_occurrence

    event = Event.objects.get(slug="statewide-monthly-meeting")
    registration = Registration.objects.get(event=event, supporter__email="rosa.demo@example.org")
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    occurrence = next_occurrence(event)
    mail.outbox.clear()
    services.send_due_reminders(now=occurrence.starts_at - timedelta(hours=23))
    [message] = [m for m in mail.outbox if "rosa.demo@example.org" in m.to]
    assert message.subject.startswith("Mañana")


def test_one_dispatcher_chain_at_a_time(db, settings):
    from droplwop.events.models import ReminderClock

    now = timezone.now()
    assert services.claim_dispatch_slot(now=now) is not None
    # A duplicate chain running at the same moment finds the clock already moved on.
    assert services.claim_dispatch_slot(now=now) is None
    assert ReminderClock.objects.count() == 1
    later = now + services.DISPATCH_INTERVAL
    assert services.claim_dispatch_slot(now=later) is not None


def test_a_burst_of_registrations_starts_one_dispatcher(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    before = DBTaskResult.objects.count()
    assert services.ensure_reminder_dispatcher() is True
    assert services.ensure_reminder_dispatcher() is False
    assert DBTaskResult.objects.count() == before + 1
