from django.utils import translation

from droplwop.events.formatting import format_occurrence
from droplwop.events.recurrence import occurrences

from .conftest import ORIGIN, form_data, register_url


def test_thank_you_page_shows_the_dates_and_calendar_links(client, make_event):
    event = make_event(sessions=2)
    for page, language, heading, add in (
        (event.page_en, "en", "You are registered", "Add to:"),
        (event.page_es, "es", "Tu registro está confirmado", "Agregar a:"),
    ):
        response = client.post(
            register_url(page),
            form_data(event, language=language, email=f"{language}@example.org"),
            follow=True,
            **ORIGIN,
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert heading in html, language
        assert html.count("https://calendar.google.com/calendar/render?action=TEMPLATE") == 2
        assert f"/{language}/" in html and ".ics" in html
        assert add in html
        with translation.override(language):
            for occurrence in occurrences(event):
                assert format_occurrence(occurrence) in html
