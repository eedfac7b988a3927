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
        form_data(event, first_name='=HYPERLINK("x")', email="csv@example.org"),
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
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def _form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    """The fields a browser would submit from the page's main form (inputs, selects, textareas)."""
    from html.parser import HTMLParser

    class Fields(HTMLParser):
        def __init__(self):
            super().__init__()
            self.fields, self._textarea, self._select, self._selected = [], None, None, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            name = attrs.get("name")
            if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
                if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                    return
                self.fields.append(
                    (name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
                )
            elif tag == "textarea" and name:
                self._textarea = [name, ""]
            elif tag == "select" and name:
                self._select, self._selected = name, None
            elif tag == "option" and self._select and "selected" in attrs:
                self._selected = attrs.get("value", "")

        def handle_data(self, data):
            if self._textarea is not None:
                self._textarea[1] += data

        def handle_endtag(self, tag):
            if tag == "textarea" and self._textarea is not None:
                self.fields.append(tuple(self._textarea))
                self._textarea = None
            elif tag == "select" and self._select:
                self.fields.append((self._select, self._selected or ""))
                self._select = None

    parser = Fields()
    parser.feed(html)
    return parser.fields


def test_changing_the_joining_link_offers_to_notify_registrants(client, organizer, registered):
    client.force_login(organizer)
    edit = reverse("event_records:edit", args=[registered.pk])
    fields = [
        (name, value)
        for name, value in _form_fields(client.get(edit).content.decode())
        if not name.startswith(("q", "locale"))
    ]
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data["join_url"] = ["https://zoom.example.org/j/new-room"]
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith(
        reverse("events_admin:notify", args=[registered.pk]) + "?changed=1"
    )
    registered.refresh_from_db()
    assert registered.join_url == "https://zoom.example.org/j/new-room"
    html = client.get(response["Location"]).content.decode()
    assert "Update: " in html


def test_facility_attendance_counts_show_without_names(client, organizer, make_event):
    from droplwop.events.models import FacilityAttendance

    event = make_event(kind="facility", facility="CCWF", sessions=1)
    FacilityAttendance.objects.create(event=event, group="People inside", people=40)
    FacilityAttendance.objects.create(
        event=event, group="Families United", people=3, resource_table=True
    )
    client.force_login(organizer)
    html = client.get(reverse("events_admin:registrants", args=[event.pk])).content.decode()
    assert "People inside" in html and "Families United" in html and ">40<" in html
