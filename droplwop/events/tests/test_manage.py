from django.core import mail
from django.urls import reverse
from django.utils import translation

from droplwop.events import links
from droplwop.events.models import Registration, RegistrationStatus

from .conftest import ZOOM, form_data, register_url


def _register(client, event, **overrides):
    client.post(
        register_url(event.page_en), form_data(event, **overrides), HTTP_ORIGIN="http://testserver"
    )
    return Registration.objects.get(event=event)


def _manage_url(registration, language="en"):
    with translation.override(language):
        return reverse("events:manage", kwargs={"token": links.manage_token(registration)})


def test_my_registration_shows_details_and_changes_sessions(client, make_event):
    event = make_event(sessions=3)
    first, second, third = event.sessions.all()
    registration = _register(client, event, sessions=[str(first.pk)])
    url = _manage_url(registration)

    html = client.get(url).content.decode()
    assert ZOOM in html and "hush-1234" in html
    assert "Session 1" in html and "Session 2" not in html.split("Change your sessions")[0]

    mail.outbox.clear()
    response = client.post(url, {"action": "sessions", "sessions": [str(second.pk), str(third.pk)]})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert sorted(s.pk for s in registration.sessions.all()) == [second.pk, third.pk]
    assert len(mail.outbox) == 1  # an updated confirmation


def test_changing_to_a_foreign_session_is_refused(client, make_event):
    event, other = make_event(), make_event()
    registration = _register(client, event)
    response = client.post(
        _manage_url(registration, "es"),
        {"action": "sessions", "sessions": [str(other.sessions.first().pk)]},
    )
    assert response.status_code == 400
    assert "no es parte de este evento" in response.content.decode()
    registration.refresh_from_db()
    assert registration.all_sessions


def test_cancel_from_my_registration(client, make_event):
    event = make_event()
    registration = _register(client, event)
    url = _manage_url(registration)
    response = client.post(url, {"action": "cancel"}, follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert ZOOM not in response.content.decode()


def test_tampered_and_expired_links_are_refused_in_the_language(client, make_event, monkeypatch):
    event = make_event()
    registration = _register(client, event)
    url = _manage_url(registration, "es")
    tampered = url.rstrip("/")[:-3] + "abc/"
    response = client.post(tampered, {"action": "cancel"})
    assert response.status_code == 400
    assert "Este enlace no funciona" in response.content.decode()
    monkeypatch.setattr(links, "MANAGE_MAX_AGE", -1)
    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_registering_again_after_cancelling_restores_the_place(client, make_event):
    event = make_event()
    registration = _register(client, event)
    client.post(_manage_url(registration), {"action": "cancel"})
    registration = _register(client, event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(event=event).count() == 1
