"""No 500 from any input: every URL pattern of the site, with hostile values in its path
parameters, its query string and a POST body; public routes as a visitor, admin routes as each
role (Administrator, Organizer, Editor)."""

import time

import pytest

from droplwop.users.models import User

from .url_patterns import all_routes

pytestmark = pytest.mark.slow

HOSTILE_QUERY = (
    "q=%22&page=99999999999999999999&p=-1&ordering=%22&id=99999999999999999999&pk=%22"
    "&next=%2F%2Fevil.example&locale=zz&status=%22&kind=%22&year=99999&month=13"
    "&date=2024-13-45&tag=%25&language=%00x"
)
HOSTILE_BODY = {
    "q": '"',
    "email": '"@',
    "name": "x" * 1000,
    "first_name": "\u202e\U0001f4a5",
    "last_name": "a\nb",
    "amount": "1e309",
    "amount_cents": "99999999999999999999",
    "page": "-1",
    "count": "99999999999999999999",
    "paper_count": "-99999999999999999999",
    "id": "99999999999999999999",
    "ids": ["1", "x", "99999999999999999999"],
    "pk": '"',
    "status": '"',
    "date": "2024-13-45",
    "year": "99999",
    "language": "zz",
    "title": '"',
    "body": "<script>alert(1)</script>",
    "next": "//evil.example",
    "action": '"',
    "file": "not a file",
    "zip_code": "=cmd|' /C calc'!A0",
}
# The values each kind of path parameter gets: an existing-looking id and a hostile string.
PATH_VALUES = {
    "id": "1",
    "int": "1",
    "str": "%22%3Cx%3E",
    "slug": "x-",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "..%2F%22",
}
ROLES = ["editor", "organizer", "admin"]  # the Administrator last: its POSTs change the most
# Wagtail's own page that raises on purpose, to show the 500 page.
SKIPPED = {"/admin/failwhale/"}
# Routes this sweep found answering 500 to staff and not yet fixed (issue 16, item 7), with the
# cause. Each is a staff-only screen; a new 500 anywhere else fails the sweep.
KNOWN_500S = {
    "/admin/pages/<int:page_id>/lock/": "Wagtail: POST on the tree root (page 1)",
    "/admin/pages/<int:page_id>/unlock/": "Wagtail: POST on the tree root (page 1)",
    "/admin/pages/<int:page_to_move_id>/set_position/": "Wagtail: the tree root (page 1)",
    "/admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": "Wagtail: root",
    "/admin/choose-external-link/": "Wagtail chooser: a hostile POST",
    "/admin/redirects/import/process/": "Wagtail: POST without the upload step (KeyError)",
    "/admin/snippets/choose/pages/resource/create/": "Wagtail snippet chooser: create form None",
    "/admin/snippets/choose/petitions/petition/create/": "Wagtail snippet chooser: same",
    "/admin/snippets/choose/petitions/petitionupdate/create/": "Wagtail snippet chooser: same",
    "/admin/snippets/choose/petitions/target/create/": "Wagtail snippet chooser: same",
    "/admin/snippets/choose/petitions/signonletter/create/": "Wagtail snippet chooser: same",
    **{
        f"/admin/snippets/petitions/signonletter/{view}/<str:pk>/": "ValueError: pk not a number"
        for view in ("edit", "delete", "usage", "history", "history-results", "copy")
    },
}


def _routes(*, admin: bool):
    for route in all_routes():
        if route.is_regex or "logout" in route.template or route.template in SKIPPED:
            continue
        if route.template.startswith("/admin/") == admin and route.template not in KNOWN_500S:
            yield route.fill(PATH_VALUES.__getitem__)


def _sweep(client, urls):
    failures = []
    for url in urls:
        joiner = "&" if "?" in url else "?"
        for method, call in (
            ("GET", lambda u=url, j=joiner: client.get(f"{u}{j}{HOSTILE_QUERY}")),
            ("POST", lambda u=url: client.post(u, HOSTILE_BODY)),
        ):
            status = call().status_code
            if status >= 500:
                failures.append(f"{method} {url} -> {status}")
    return failures


def test_no_public_route_answers_500_to_hostile_input(client, demo):
    client.raise_request_exception = False
    urls = list(_routes(admin=False))
    assert len(urls) > 30
    assert _sweep(client, urls) == []


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_route_answers_500_to_hostile_input(client, demo, role):
    client.raise_request_exception = False
    user = User.objects.get(username=role)
    urls = list(_routes(admin=True))
    assert len(urls) > 300
    started = time.monotonic()
    failures = []
    for url in urls:
        # A POST may end the session (a password change, a user edit): log in again each time.
        client.force_login(user)
        failures += _sweep(client, [url])
    print(f"{role}: {len(urls)} admin routes in {time.monotonic() - started:.0f} s")
    assert failures == []
