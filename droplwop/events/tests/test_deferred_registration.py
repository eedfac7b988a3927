"""Registrations are taken with one small insert and filed in batches (core.deferred)."""

from django.core import mail

from droplwop.core import deferred
from droplwop.core.models import PendingSubmission
from droplwop.events import services
from droplwop.events.models import Registration, RegistrationStatus

from .conftest import ORIGIN, form_data, register_url


def post(client, event, **overrides):
    return client.post(register_url(event.page_en), form_data(event, **overrides), **ORIGIN)


def waiting_registration(event, email):
    return PendingSubmission.objects.create(
        kind=services.KIND,
        email=email,
        payload={"event": event.pk, "email": email, "first_name": "Early", "language": "en"},
    )


def test_last_places_promise_nothing_and_the_first_taken_gets_the_place(client, make_event):
    event = make_event(capacity=1, waitlist_enabled=True)
    waiting_registration(event, "early@example.org")

    response = post(client, event)

    assert response.status_code == 302
    assert response["Location"].endswith("?pending=1")
    html = client.get(response["Location"]).content.decode()
    assert "We are registering you" in html and "You are registered" not in html
    early = Registration.objects.get(event=event, supporter__email="early@example.org")
    late = Registration.objects.get(event=event, supporter__email="ana.reyes@example.org")
    assert early.status == RegistrationStatus.CONFIRMED
    assert late.status == RegistrationStatus.WAITLISTED
    assert not PendingSubmission.objects.exists()


def test_the_pending_page_speaks_spanish(client, make_event):
    event = make_event(capacity=1, waitlist_enabled=True)
    waiting_registration(event, "early@example.org")
    response = client.post(register_url(event.page_es), form_data(event, language="es"), **ORIGIN)
    html = client.get(response["Location"]).content.decode()
    assert "Te estamos registrando" in html


def test_a_batch_filed_twice_after_a_crash_registers_once(client, make_event):
    event = make_event(capacity=5)
    rows = [waiting_registration(event, f"p{i}@example.org") for i in range(3)]

    services.file_registrations(rows)
    services.file_registrations(rows)

    assert Registration.objects.filter(event=event).count() == 3
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 3
    )


def test_a_registration_the_event_closed_on_meanwhile_is_kept_for_staff(client, make_event):
    event = make_event()
    row = waiting_registration(event, "just.in.time@example.org")
    event.registration_open = False
    event.save()

    deferred.file_pending(kind=services.KIND)

    assert not Registration.objects.filter(event=event).exists()
    kept = PendingSubmission.objects.get(pk=row.pk)
    assert kept.failed_at is not None and "closed" in kept.error
    assert mail.outbox == []
