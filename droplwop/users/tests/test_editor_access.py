"""An Editor never reaches supporter data: every admin URL of the people apps is closed."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

SENTINEL_EMAIL = "sentinel.person@example.org"
# Answers that may be 200 for an Editor, provided they show nobody's data:
# - Wagtail's snippet choosers, which let a page link a record (a petition, a fund) by title;
# - the case-support dashboard, which lists only the cases a user's own case team holds
#   (an Editor holds none). Named here so that any other open screen fails the test.
OPEN_IF_EMPTY = ("/admin/snippets/choose/", "/admin/cases/")
PEOPLE_APPS = ("supporters", "mailings", "petitions", "events", "donations", "cases", "inreach")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _concrete(route):
    """A URL for the route: parameters filled with a plausible id, or None if it has regexes."""
    route = route.lstrip("^").rstrip("$")
    if re.search(r"[\\()\[\]?*+|]", route):
        return None
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)


def _people_admin_urls():
    urls = set()
    for route, entry in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        module = getattr(entry.callback, "__module__", "") or ""
        view_class = getattr(entry.callback, "view_class", None)
        initkwargs = getattr(entry.callback, "view_initkwargs", {}) or {}
        model = initkwargs.get("model") or getattr(view_class, "model", None)
        owner = getattr(getattr(model, "_meta", None), "app_label", "")
        if (
            owner in PEOPLE_APPS
            or any(module.startswith(f"droplwop.{app}") for app in PEOPLE_APPS)
            or any(f"/{app}/" in f"/{route}" for app in PEOPLE_APPS)
        ):
            url = _concrete(route)
            if url:
                urls.add(url)
    return sorted(urls)


def test_editor_is_turned_away_from_every_people_admin_url(client, demo, editor):
    from django.apps import apps

    from droplwop.supporters.models import Supporter

    Supporter.objects.create(email=SENTINEL_EMAIL, first_name="Sentinelia")
    installed = [app for app in PEOPLE_APPS if apps.is_installed(f"droplwop.{app}")]
    urls = _people_admin_urls()
    client.force_login(editor)
    client.raise_request_exception = False
    opened = []
    for url in urls:
        response = client.get(url)
        parameterless = "1" not in url
        allowed = {302, 403} if parameterless else {302, 403, 404, 405}
        if response.status_code == 200 and url.startswith(OPEN_IF_EMPTY):
            if (
                SENTINEL_EMAIL in response.content.decode()
                or "Sentinelia" in response.content.decode()
            ):
                opened.append(f"{url} shows a supporter")
        elif response.status_code not in allowed:
            opened.append(f"{url} -> {response.status_code}")
    assert installed
    assert opened == []
