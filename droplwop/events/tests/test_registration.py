import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from droplwop.events.models import Registration, RegistrationStatus
from droplwop.supporters.models import Activity, EmailList, Subscription, Supporter

from .conftest import ORIGIN, ZOOM, form_data, register_url


def post(client, event, page=None, **overrides):
    page = page or event.page_en
    return client.post(register_url(page), form_data(event, **overrides), **ORIGIN)


def test_register_all_sessions_links_supporter_and_mails_joining_details(client, make_event):
    event = make_event()
    EmailList.objects.get_or_create(
        slug=settings.EVENTS_OPT_IN_LIST_SLUG, defaults={"name_en": "U", "name_es": "N"}
    )

    response = post(
        client, event, phone="(559) 555-0123", needs="Spanish interpretation", opt_in="on"
    )

    assert response.status_code == 302
    assert "/en/events/registered/" in response["Location"]
    supporter = Supporter.objects.get(email="ana.reyes@example.org")
    assert supporter.phone == "(559) 555-0123"
    registration = Registration.objects.get(event=event, supporter=supporter)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.all_sessions and registration.needs == "Spanish interpretation"
    assert Activity.objects.filter(supporter=supporter, kind="events.registered").exists()
    subscription = Subscription.objects.get(
        supporter=supporter, email_list__slug=settings.EVENTS_OPT_IN_LIST_SLUG
    )
    assert "Drop LWOP" in subscription.consent_text
    [message] = [m for m in mail.outbox if m.subject.startswith("You are registered")]
    assert message.to == ["ana.reyes@example.org"]
    assert ZOOM in message.body and "hush-1234" in message.body
    assert "/en/events/my/" in message.body
    [(filename, ics, mimetype)] = message.attachments
    assert filename == "event.ics" and mimetype == "text/calendar"
    assert ZOOM in ics.replace("\r\n ", "")


def test_spanish_registration_gets_a_spanish_email(client, make_event):
    event = make_event()
    response = post(client, event, page=event.page_es, language="es", email="luz@example.org")
    assert response.status_code == 302 and response["Location"].startswith("/es/")
    [message] = [m for m in mail.outbox if "luz@example.org" in m.to]
    assert message.subject == f"Tu registro está confirmado: {event.title_es}"
    assert "/es/events/my/" in message.body


def test_registering_someone_again_changes_nothing_and_mails_them_their_link(client, make_event):
    event = make_event(sessions=3)
    first, second, _third = event.sessions.all()
    post(client, event, sessions=[str(first.pk)], needs="Captions", organization="Own Org")
    mail.outbox.clear()

    again = post(
        client, event, sessions=[str(second.pk)], needs="None", organization="Someone Else"
    )
    stranger = post(client, event, email="new.person@example.org", sessions=[str(second.pk)])

    assert again.status_code == stranger.status_code == 302
    assert again["Location"] == stranger["Location"]
    registration = Registration.objects.get(event=event, supporter__email="ana.reyes@example.org")
    assert [s.pk for s in registration.sessions.all()] == [first.pk]
    assert (registration.needs, registration.organization) == ("Captions", "Own Org")
    [message] = [m for m in mail.outbox if m.to == ["ana.reyes@example.org"]]
    assert "/en/events/my/" in message.body
    assert Supporter.objects.filter(email="ana.reyes@example.org").count() == 1


def test_repeats_mail_the_person_a_few_times_an_hour_at_most(client, make_event, settings):
    event = make_event()
    settings.FORM_LIMITS = {**settings.FORM_LIMITS, "change_link_email": (2, 3600)}
    for _attempt in range(5):
        post(client, event)
    assert len([m for m in mail.outbox if m.to == ["ana.reyes@example.org"]]) == 3


def test_a_repeat_on_a_full_event_answers_as_a_newcomer_would(client, make_event):
    event = make_event(capacity=1, waitlist_enabled=True)
    post(client, event)
    again = post(client, event)
    newcomer = post(client, event, email="late@example.org")
    assert again["Location"] == newcomer["Location"]
    assert again["Location"].endswith("?waitlist=1")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"phone": "call me maybe"}, "phone", "Enter a phone number with its area code"),
        ({"phone": "12345"}, "phone", "Enter a phone number with its area code"),
        ({"first_name": ""}, "first_name", "This field is required."),
    ],
)
def test_bad_input_is_refused_kept_and_nothing_stored(
    client, make_event, overrides, field, message
):
    event = make_event()
    response = post(client, event, **{"first_name": "Keep Me", **overrides})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"', html)
    if field != "first_name":
        assert 'value="Keep Me"' in html
    assert not Registration.objects.filter(event=event).exists()
    assert not Supporter.objects.filter(email="ana.reyes@example.org").exists()
    assert mail.outbox == []


def test_session_of_another_event_is_refused_in_spanish(client, make_event):
    event, other = make_event(), make_event()
    foreign = other.sessions.first()
    response = post(client, event, page=event.page_es, sessions=[str(foreign.pk)])
    assert response.status_code == 400
    assert "Una de las sesiones elegidas no es parte de este evento." in response.content.decode()
    assert (
        not Registration.objects.exists() or not Registration.objects.filter(event=event).exists()
    )


@pytest.mark.parametrize("state", ["closed", "past", "full"])
def test_closed_past_or_full_event_refuses(client, make_event, state):
    if state == "closed":
        event = make_event(registration_open=False)
        expected = "Registration for this event is closed."
    elif state == "past":
        event = make_event(days=-10)
        expected = "This event is over"
    else:
        event = make_event(capacity=0, waitlist_enabled=False)
        expected = "This event is full."
    response = post(client, event)
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Registration.objects.filter(event=event).exists()
    assert mail.outbox == []


def test_cross_site_post_and_honeypot_store_nothing(client, make_event):
    event = make_event()
    response = client.post(
        register_url(event.page_en), form_data(event), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    response = post(client, event, website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.filter(event=event).exists()


def test_full_event_waitlists_and_promotes_when_a_place_frees(client, make_event):
    from droplwop.events import services

    event = make_event(capacity=1)
    post(client, event, email="first@example.org")
    response = post(client, event, email="second@example.org")
    assert response["Location"].endswith("?waitlist=1")
    first = Registration.objects.get(supporter__email="first@example.org")
    second = Registration.objects.get(supporter__email="second@example.org")
    assert second.status == RegistrationStatus.WAITLISTED
    [waitlisted_mail] = [m for m in mail.outbox if "second@example.org" in m.to]
    assert ZOOM not in waitlisted_mail.body and not waitlisted_mail.attachments

    services.cancel_registration(registration=first)

    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    promoted = [m for m in mail.outbox if "second@example.org" in m.to][-1]
    assert "A place freed up" in promoted.subject and ZOOM in promoted.body
    assert Activity.objects.filter(supporter=second.supporter, kind="events.promoted").exists()


def test_rate_limit_refuses_a_flood(client, make_event):
    event = make_event()
    for i in range(10):
        post(client, event, email=f"p{i}@example.org")
    response = post(client, event, email="flood@example.org")
    assert response.status_code == 429
    assert not Supporter.objects.filter(email="flood@example.org").exists()


def test_event_page_never_shows_joining_details(client, make_event):
    event = make_event(join_instructions_en="Secret instructions here")
    for page in (event.page_en, event.page_es):
        html = client.get(page.url).content.decode()
        assert event.title_en in html or event.title_es in html
        for secret in (ZOOM, "hush-1234", "555 0199", "Secret instructions"):
            assert secret not in html


def test_date_to_be_decided_event_accepts_interest(client, make_event):
    event = make_event(sessions=0, date_to_be_decided=True, kind="facility", facility="VSP")
    html = client.get(event.page_en.url).content.decode()
    assert "Date to be decided" in html
    assert post(client, event).status_code == 302
    assert Registration.objects.filter(event=event).count() == 1


def test_home_page_lists_the_next_events(client, demo):
    html = client.get("/en/").content.decode()
    assert "Statewide monthly meeting" in html
    assert "Strategy Week" in html
    assert "Semana de estrategia" in client.get("/es/").content.decode()


def test_index_filters_and_archive(client, demo):
    index = client.get("/en/events/").content.decode()
    assert "Strategy Week" in index and "Shoes of the Forgotten" not in index
    assert "Walk for Life" in index
    archive = client.get("/en/events/archive/").content.decode()
    assert "Shoes of the Forgotten" in archive and "Strategy Week" not in archive
    online = client.get("/en/events/?kind=facility").content.decode()
    assert "Walk for Life" in online and "Strategy Week" not in online
    spanish_only = client.get("/en/events/?language=es").content.decode()
    assert "Legislative workgroup" not in spanish_only and "Strategy Week" in spanish_only


def test_strategy_week_session_times_are_pacific(demo):
    from droplwop.events.models import Event

    event = Event.objects.get(slug="strategy-week")
    local_hours = [timezone.localtime(s.starts_at).hour for s in event.sessions.all()]
    assert local_hours == [18, 18, 18, 18, 18, 9]
    days = [timezone.localtime(s.starts_at).weekday() for s in event.sessions.all()]
    assert days == [0, 1, 2, 3, 4, 5]
    assert all(s.starts_at > timezone.now() + timedelta(days=1) for s in event.sessions.all())
