import pytest
from django.core import mail
from django.urls import reverse

from droplwop.events.models import Registration

from .conftest import form_data, register_url


@pytest.fixture
def registered(client, make_event):
    event = make_event(sessions=2)
    client.post(
        register_url(event.page_en),
        form_data(event, first_name='=HYPERLINK("http://x")', email="csv@example.org"),
        HTTP_ORIGIN="http://testserver",
    )
    return event


def test_organizer_sees_registrants_counts_and_exports_safe_csv(client, organizer, registered):
    client.force_login(organizer)
    url = reverse("events_admin:registrants", args=[registered.pk])
    html = client.get(url, {"q": "csv@"}).content.decode()
    assert "csv@example.org" in html and "Per session" in html
    response = client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body


def test_check_in_and_walk_in(client, organizer, registered):
    client.force_login(organizer)
    registration = Registration.objects.get(event=registered)
    client.post(
        reverse("events_admin:check_in", args=[registered.pk, registration.pk]), {"attended": "1"}
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    client.post(
        reverse("events_admin:walk_in", args=[registered.pk]),
        {"first_name": "Walk", "email": "walkin@example.org"},
    )
    walk_in = Registration.objects.get(event=registered, supporter__email="walkin@example.org")
    assert walk_in.walk_in and walk_in.checked_in_at


def test_notify_registrants_sends_each_person_once(client, organizer, registered):
    client.force_login(organizer)
    mail.outbox.clear()
    url = reverse("events_admin:notify", args=[registered.pk])
    client.post(url, {"subject": "The link changed", "body": "Use the new link."})
    assert [m.subject for m in mail.outbox] == ["The link changed"]
    assert "/en/events/my/" in mail.outbox[0].body
    from droplwop.events.services import send_organizer_message

    message = registered.organizer_messages.get()
    assert send_organizer_message(message_id=message.pk) == 0


def test_organizer_opens_the_event_editor_with_private_details(client, organizer, registered):
    client.force_login(organizer)
    html = client.get(reverse("event_records:edit", args=[registered.pk])).content.decode()
    assert "Private joining details" in html and "hush-1234" in html


def test_editor_cannot_see_registrants(client, editor, registered):
    client.force_login(editor)
    response = client.get(reverse("events_admin:registrants", args=[registered.pk]))
    assert response.status_code in (302, 403)
