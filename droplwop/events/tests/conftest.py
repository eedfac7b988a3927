from datetime import timedelta

import pytest
from django.utils import timezone

from droplwop.events.models import Event, EventIndexPage, EventPage, Session

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
ZOOM = "https://zoom.example.org/j/secret-room-42"


@pytest.fixture(autouse=True)
def _run_on_commit_now(monkeypatch):
    """A test runs inside one transaction that never commits, so after-commit work (emails,
    promotions) would never happen: run it at once. The browser journeys commit for real."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def make_event(demo):
    """An event with `n` sessions starting `days` from now, and its EN and ES pages."""
    counter = {"n": 0}

    def make(*, sessions=3, days=7, **fields):
        counter["n"] += 1
        defaults = {
            "slug": f"test-event-{counter['n']}",
            "title_en": f"Test gathering {counter['n']}",
            "title_es": f"Encuentro de prueba {counter['n']}",
            "summary_en": "A public description.",
            "kind": "online",
            "join_url": ZOOM,
            "passcode": "hush-1234",
            "dial_in": "+1 669 555 0199",
        }
        event = Event.objects.create(**{**defaults, **fields})
        start = timezone.now() + timedelta(days=days)
        for i in range(sessions):
            Session.objects.create(
                event=event,
                starts_at=start + timedelta(days=i),
                ends_at=start + timedelta(days=i, hours=2),
                title_en=f"Session {i + 1}",
                title_es=f"Sesión {i + 1}",
            )
        index_en = EventIndexPage.objects.get(locale__language_code="en")
        page_en = EventPage(title=event.title_en, slug=event.slug, event=event)
        index_en.add_child(instance=page_en)
        page_en.save_revision().publish()
        from wagtail.models import Locale

        page_es = page_en.copy_for_translation(Locale.objects.get(language_code="es"))
        page_es.title = event.title_es
        page_es.save_revision().publish()
        event.page_en, event.page_es = page_en, page_es.specific
        return event

    return make


def form_data(event=None, **overrides):
    data = {
        "first_name": "Ana",
        "last_name": "Reyes",
        "email": "ana.reyes@example.org",
        "phone": "",
        "language": "en",
        "organization": "",
        "needs": "",
        "website": "",
    }
    if event is not None and event.sessions.count() > 1:
        data["sessions"] = [str(s.pk) for s in event.sessions.all()]
    data.update(overrides)
    return data


def register_url(page):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(page.locale.language_code):
        return reverse("events:register", kwargs={"page_id": page.pk})
