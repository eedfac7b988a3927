"""A person finds Strategy Week, registers for two sessions, reads the email, changes, cancels."""

import re
from urllib.parse import urlsplit

import pytest

from droplwop.events.models import Registration, RegistrationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "menu": "Events",
        "event": "Strategy Week",
        "thanks": "You are registered",
        "subject": "You are registered",
        "saved": "Your sessions are saved",
        "cancel": "Cancel my registration",
        "cancelled": "Your registration is cancelled",
    },
    "es": {
        "menu": "Eventos",
        "event": "Semana de estrategia",
        "thanks": "Tu registro está confirmado",
        "subject": "Tu registro está confirmado",
        "saved": "Tus sesiones están guardadas",
        "cancel": "Cancelar mi registro",
        "cancelled": "Tu registro está cancelado",
    },
}


def _link_path(body: str, language: str) -> str:
    url = re.search(rf"https?://\S+/{language}/events/my/[^/\s]+/(?=\s)", body).group(0)
    return urlsplit(url).path


@pytest.mark.parametrize("language", ["en", "es"])
def test_register_read_email_change_and_cancel(
    live_server, demo, page, smtp_server, axe_violations, language
):
    text = TEXT[language]
    email = f"journey-{language}@example.org"
    page.goto(f"{live_server.url}/{language}/")
    page.get_by_role("navigation").get_by_role("link", name=text["menu"]).first.click()
    page.get_by_role("link", name=text["event"]).first.click()
    assert text["event"] in page.locator("h1").inner_text()
    assert axe_violations(page) == []

    page.fill("input[name=first_name]", "Dana")
    page.fill("input[name=email]", email)
    boxes = page.locator("input[name=sessions]")
    assert boxes.count() == 6
    for i in range(2, 6):
        boxes.nth(i).uncheck()
    page.locator("form[action*='/register/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/registered/"))
    assert text["thanks"] in page.locator("h1").inner_text()

    [message] = smtp_server.to(email)
    assert text["subject"] in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "zoom.example.org/j/strategy-week" in body
    assert any(part.get_filename() == "event.ics" for part in message.iter_attachments())

    page.goto(live_server.url + _link_path(body, language))
    assert "zoom.example.org/j/strategy-week" in page.content()
    assert axe_violations(page) == []
    boxes = page.locator("input[name=sessions]")
    assert [boxes.nth(i).is_checked() for i in range(6)] == [True, True] + [False] * 4
    boxes.nth(0).uncheck()
    boxes.nth(3).check()
    page.locator("button[value=sessions]").click()
    assert text["saved"] in page.locator(".messages").inner_text()
    registration = Registration.objects.get(supporter__email=email)
    sessions = list(registration.event.sessions.all())
    assert {s.pk for s in registration.sessions.all()} == {sessions[1].pk, sessions[3].pk}

    page.get_by_role("button", name=text["cancel"]).click()
    assert text["cancelled"] in page.locator(".messages").inner_text()
    assert "zoom.example.org" not in page.content()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
