"""Ids in routes are parsed in one place: an id outside 1..2**63-1 is no match, so a 404."""

from pathlib import Path

import pytest
from django.urls import resolve

from droplwop.core.converters import MAX_ID
from droplwop.users.models import User

from .url_patterns import all_routes

TOO_BIG = str(2**64)


def test_no_route_of_the_project_takes_an_unbounded_int():
    """Django's `int` converter takes any length of digits; the project's routes use `id`."""
    root = Path(__file__).resolve().parents[2]
    unbounded = [
        str(source.relative_to(root))
        for source in root.rglob("*.py")
        if "tests" not in source.parts and "<int:" in source.read_text()
    ]
    assert unbounded == []


@pytest.mark.parametrize("value", ["0", str(MAX_ID + 1), TOO_BIG, "9" * 5000])
def test_an_id_out_of_range_matches_no_route(value):
    # The path then falls through to Wagtail's page route, which answers 404.
    assert resolve(f"/en/events/registered/{value}/").url_name != "registered"


def test_the_largest_id_still_matches():
    assert resolve(f"/en/events/registered/{MAX_ID}/").kwargs == {"page_id": MAX_ID}


def test_every_route_with_an_id_answers_404_to_a_huge_one(client, demo):
    """Public routes as a visitor, admin routes as an Administrator; GET and POST."""
    client.force_login(User.objects.get(username="admin"))
    routes = [
        route
        for route in all_routes()
        if any(type(converter).__name__ == "IdConverter" for _name, converter in route.converters)
    ]
    assert len(routes) > 50
    failures = []
    for route in routes:
        url = route.fill(lambda kind: TOO_BIG if kind == "id" else "x")
        for method in ("get", "post"):
            # An unknown admin path is sent on to the same path under /en/ (Django's
            # LocaleMiddleware), where no page has it either.
            status = getattr(client, method)(url, follow=True).status_code
            if status != 404:
                failures.append(f"{method.upper()} {url} -> {status}")
    assert failures == []
