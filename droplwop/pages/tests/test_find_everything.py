"""Issue 18 item 4: every card and link leads somewhere; search finds every kind of public page
in both languages, and nothing a case's consent does not allow; the icon and the manifest."""

import datetime
import json
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.staticfiles import finders

from droplwop.cases import services as case_services
from droplwop.cases.models import CasePage
from droplwop.donations.models import DonatePage, FundraiserPage
from droplwop.events.models import EventPage
from droplwop.petitions.models import PetitionIndexPage, PetitionPage

HOMES = {"en": "/en/", "es": "/es/"}
GET_INVOLVED = {"en": "/en/get-involved/", "es": "/es/participa/"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def _internal(hrefs):
    """The site's own addresses, without their #fragment."""
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("pages", [HOMES, GET_INVOLVED], ids=["home", "get-involved"])
def test_every_link_on_the_page_answers_200(client, demo, language, pages):
    response = client.get(pages[language])
    assert response.status_code == 200
    targets = sorted(set(_internal(_links(response.content.decode()))))
    assert targets
    broken = {url: client.get(url).status_code for url in targets}
    assert {url: code for url, code in broken.items() if code != 200} == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_get_involved_links_each_way_to_act_in_its_own_language(client, demo, language):
    hrefs = set(_internal(_links(client.get(GET_INVOLVED[language]).content.decode())))

    def url_of(model, **filters):
        return model.objects.live().get(locale__language_code=language, **filters).url

    assert url_of(PetitionIndexPage) in hrefs
    assert url_of(EventPage, event__slug="statewide-monthly-meeting") in hrefs
    assert url_of(DonatePage) in hrefs
    assert url_of(CasePage) in hrefs


def _search(client, language, query):
    """The addresses listed as results (not the header's and footer's links)."""
    response = client.get(f"/{language}/search/?q={quote(query)}")
    assert response.status_code == 200
    html = response.content.decode()
    if '<ul class="search-results">' not in html:
        return set()
    results = html.split('<ul class="search-results">', 1)[1].split("</ul>", 1)[0]
    return set(_internal(_links(results)))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("model", [PetitionPage, EventPage, FundraiserPage, CasePage])
def test_search_finds_each_kind_of_page_by_its_title(client, demo, language, model):
    for page in model.objects.live().filter(locale__language_code=language):
        assert page.url in _search(client, language, page.title), page.title


@pytest.mark.parametrize(
    ("language", "query", "model"),
    [
        ("en", "Shriners", FundraiserPage),
        ("es", "Shriners", FundraiserPage),
        ("en", "workgroup reports", EventPage),
        ("es", "informes de los grupos", EventPage),
        ("en", "peer literacy tutor", CasePage),
        ("es", "alfabetización", CasePage),
        ("en", "Thousands of people", PetitionPage),
        ("es", "Miles de personas", PetitionPage),
    ],
)
def test_search_finds_pages_by_their_summary_and_text(client, demo, language, query, model):
    urls = {p.url for p in model.objects.live().filter(locale__language_code=language)}
    assert urls & _search(client, language, query)


def test_search_never_finds_a_case_by_its_private_record(client, demo):
    case_page = CasePage.objects.get(locale__language_code="en")
    case = case_page.case
    for query in ("ZZ0001", case.county_of_conviction, case.housing):
        assert case_page.url not in _search(client, "en", query)


def _withdraw(organizer, case, **consent):
    case_services.record_consent(
        actor=organizer,
        case=case,
        recorded_on=datetime.date.today() + datetime.timedelta(days=1),
        **consent,
    )


def test_search_drops_the_story_once_its_consent_is_withdrawn(client, demo, organizer):
    case_page = CasePage.objects.get(locale__language_code="en")
    assert case_page.url in _search(client, "en", "peer literacy tutor")
    _withdraw(organizer, case_page.case, public_page=True, name=True, story=False)
    assert case_page.url not in _search(client, "en", "peer literacy tutor")
    assert case_page.url in _search(client, "en", case_page.title)


def test_search_drops_a_case_page_once_page_consent_is_withdrawn(client, demo, organizer):
    case_page = CasePage.objects.get(locale__language_code="es")
    _withdraw(organizer, case_page.case, public_page=False)
    assert case_page.url not in _search(client, "es", case_page.title)


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_language_links_its_own_manifest_and_the_icons(client, demo, language):
    html = client.get(HOMES[language]).content.decode()
    assert f'<link rel="manifest" href="/{language}/manifest.webmanifest">' in html
    assert 'rel="icon" href="/static/core/icons/icon.svg" type="image/svg+xml"' in html
    response = client.get(f"/{language}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == f"/{language}/"
    assert manifest["lang"] == language
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_favicon_ico_leads_to_the_png_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/core/icons/icon-32.png"
