"""Search queries are normalised in one place: hostile ones never reach the database's query
language, public or admin, on SQLite and PostgreSQL alike."""

from urllib.parse import quote

import pytest

from droplwop.core.search_query import MAX_LENGTH, MAX_TERMS, normalise
from droplwop.users.models import User

HOSTILE = [
    '"',
    '"parole',
    'parole"',
    "AND",
    "NEAR(",
    "*",
    "-",
    "^",
    "parole OR",
    "(",
    "'",
    "\\",
    "title:x",
    "{title}",
    "x" * 5000,
    " ".join(["w"] * 3000),
    "\u202e💥",
]
ADMIN_SEARCHES = [
    "/admin/pages/search/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/pages/resource/",
    "/admin/snippets/pages/comment/",
    "/admin/supporters_people/",
    "/admin/images/chooser/",
    "/admin/documents/chooser/",
    "/admin/choose-page/search/",
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('"', ""),
        ('"felony murder', "felony murder"),
        ("NEAR(parole, 2)", "NEAR parole 2"),
        ("-parole *^", "parole"),
        ("peña  O'Brien", "peña O Brien"),
        (None, ""),
    ],
)
def test_normalise_keeps_words_and_drops_query_syntax(raw, expected):
    assert normalise(raw) == expected


def test_normalise_caps_terms_and_length():
    assert len(normalise(" ".join(["w"] * 3000)).split()) == MAX_TERMS
    assert len(normalise("x" * 5000)) == MAX_LENGTH


def test_public_search_answers_every_hostile_query(client, demo):
    for query in HOSTILE:
        assert client.get(f"/en/search/?q={quote(query)}").status_code == 200, query


def test_quotes_around_a_word_find_what_the_word_finds(client, demo):
    plain = client.get("/en/search/?q=parole")
    quoted = client.get("/en/search/?q=%22parole%22")
    assert plain.context["results"].paginator.count > 0
    assert quoted.context["results"].paginator.count == plain.context["results"].paginator.count


@pytest.mark.parametrize("url", ADMIN_SEARCHES)
def test_admin_searches_answer_every_hostile_query(client, demo, url):
    client.force_login(User.objects.get(username="admin"))
    failures = [
        query[:20] for query in HOSTILE if client.get(f"{url}?q={quote(query)}").status_code != 200
    ]
    assert failures == []


def test_the_resources_library_admin_search_finds_a_resource(client, demo):
    from droplwop.pages.models import Resource

    resource = Resource.objects.first()
    client.force_login(User.objects.get(username="admin"))
    word = resource.title.split()[0]
    response = client.get(f"/admin/snippets/pages/resource/?q={quote(word)}")
    assert response.status_code == 200
    assert resource.title in response.content.decode()
