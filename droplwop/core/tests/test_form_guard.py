"""Every public form answers a flood, a foreign origin and a bot the same way (core.form_guard),
posted through its real view on the demo site."""

import pytest
from django.urls import reverse
from django.utils import translation

from droplwop.core import form_guard
from droplwop.settings.env import env_limits

ORIGIN = "http://testserver"


def _event_form(event_page):
    return reverse("events:register", kwargs={"page_id": event_page.pk}), {
        "first_name": "Flo",
        "last_name": "Od",
        "email": "flood@example.org",
        "language": "en",
    }


def _forms():
    """(limit name, URL, a valid-looking POST, whether the form sits behind a CSRF token, the
    status a bot filling the honeypot gets: what a person gets after success)."""
    from droplwop.cases.models import CasePage
    from droplwop.donations.models import FundraiserPage, Participant
    from droplwop.events.models import EventPage
    from droplwop.pages.models.news import NewsPage

    event = EventPage.objects.live().filter(locale__language_code="en").first()
    fundraiser = FundraiserPage.objects.live().filter(locale__language_code="en").first()
    walker = Participant.objects.filter(fund=fundraiser.fund, is_published=True).first()
    case = CasePage.objects.live().filter(locale__language_code="en").first()
    post = NewsPage.objects.live().filter(comments_enabled=True).first()
    person = {"first_name": "Flo", "last_name": "Od", "email": "flood@example.org"}
    return [
        ("events.register", *_event_form(event), False, 302),
        (
            "supporters.signup",
            reverse("supporters:signup"),
            {**person, "zip_code": "94110"},
            False,
            302,
        ),
        (
            "donations.give",
            reverse("donations:give", kwargs={"page_id": fundraiser.pk}),
            {**person, "amount": "25", "frequency": "one_time"},
            False,
            303,
        ),
        (
            "donations.pledge",
            reverse("donations:pledge", kwargs={"page_id": fundraiser.pk, "slug": walker.slug}),
            {**person, "kind": "flat", "rate": "10"},
            False,
            303,
        ),
        ("donations.summary", reverse("donations:summary"), {"email": person["email"]}, True, 200),
        (
            "cases.letter",
            reverse("cases:submit_letter", kwargs={"page_id": case.pk}),
            {"writer_name": "Flo Od", "email": person["email"], "body": "Words kept here"},
            True,
            302,
        ),
        (
            "pages.comment",
            reverse("pages:comment", kwargs={"post_id": post.pk}),
            {"name": "Flo Od", "email": person["email"], "body": "Words kept here"},
            False,
            302,
        ),
    ]


@pytest.fixture
def forms(demo):
    return _english_forms()


def _english_forms():
    with translation.override("en"):
        return _forms()


def test_every_public_form_over_its_limit_answers_429_with_retry_after(client, forms, settings):
    for name, url, data, _csrf, _bot in forms:
        settings.FORM_LIMITS = {**settings.FORM_LIMITS, name: (0, 600)}
        response = client.post(url, data, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 429, name
        assert 0 < int(response["Retry-After"]) <= 600, name
        assert form_guard.too_many_message() in response.content.decode(), name


def test_the_refused_form_keeps_what_was_typed(client, forms, settings):
    for name, url, data, _csrf, _bot in forms:
        settings.FORM_LIMITS = {**settings.FORM_LIMITS, name: (0, 600)}
        html = client.post(url, data, HTTP_ORIGIN=ORIGIN).content.decode()
        assert "flood@example.org" in html, name


def test_the_limit_message_is_translated(client, forms, settings):
    name, url, data, _csrf, _bot = forms[0]
    settings.FORM_LIMITS = {**settings.FORM_LIMITS, name: (0, 600)}
    html = client.post(url.replace("/en/", "/es/"), data, HTTP_ORIGIN=ORIGIN).content.decode()
    assert "intenta de nuevo más tarde" in html


def test_forms_without_a_csrf_token_refuse_another_site(client, forms):
    for name, url, data, csrf, _bot in forms:
        if csrf:
            continue
        response = client.post(url, data, HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403, name


def test_a_filled_honeypot_is_not_counted_and_stores_nothing(client, forms, settings):
    from droplwop.supporters.models import Supporter

    for name, url, data, _csrf, bot in forms:
        settings.FORM_LIMITS = {**settings.FORM_LIMITS, name: (0, 600)}
        response = client.post(url, {**data, "website": "x"}, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == bot, name
    assert not Supporter.objects.filter(email="flood@example.org").exists()


def test_a_limit_is_changed_from_the_environment(monkeypatch):
    monkeypatch.setenv("FORM_LIMIT_EVENTS_REGISTER", "50/60")
    limits = env_limits({"events.register": (10, 600), "cases.letter": (10, 3600)})
    assert limits == {"events.register": (50, 60), "cases.letter": (10, 3600)}


def test_a_flood_is_refused_without_reading_the_site(client, demo, settings):
    """The shared 429 page stands alone: a flood costs one counter update, not a page render
    with the site's settings and menus (that cost other signers most of their rate)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from droplwop.petitions.models import PetitionPage

    page = PetitionPage.objects.live().filter(locale__language_code="en").first()
    settings.FORM_LIMITS = {**settings.FORM_LIMITS, "petitions.sign": (0, 600)}
    url = reverse("petitions:sign", kwargs={"page_id": page.pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"email": "flood@example.org"}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 429
    assert "Too many tries from your connection" in response.content.decode()
    read = [q["sql"] for q in queries if "rate" not in q["sql"].lower()]
    assert read == []
