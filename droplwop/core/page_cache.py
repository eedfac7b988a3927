"""Anonymous full-page cache for public Wagtail pages.

A page is stored only when Wagtail served it (the `before_serve_page` hook marks the request),
the visitor is anonymous (no session or messages cookie), the method is GET, the answer is a
200 that sets no cookie and is not marked private. Entries are keyed by scheme, host, path (it
starts with the language prefix, so each language has its own entries) and the query parameters
some page reads (QUERY_PARAMETERS; any other is ignored, so random query strings, tracking tags
included, are served from the entry without them instead of each costing a full render) under a
site-wide generation number: publishing, unpublishing, moving or deleting any page, or editing
the menu, footer or organization settings, moves to a new generation, so every stored page is
forgotten at once. A page class may set `cache_seconds` (0 = never cache; absent =
settings.PAGE_CACHE_SECONDS). A page class that shows live numbers (signatures, places left,
the home page's cards) sets `shows_live_counts = True`: its entry also carries the "counts"
generation, which moves after every filed batch of signatures, registrations or signups and
after every other write that changes a count (forget_live_counts), so such a page is re-rendered
then and only then, while the other pages stay cached. PAGE_CACHE_SECONDS = 0 turns the whole cache off (the test
settings do, so no test sees a stale page unless it turns the cache on).
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

GENERATION_KEY = "pagecache:generation"
COUNTS_KEY = "pagecache:counts"
MARK = "_droplwop_page_cache_seconds"
LIVE_MARK = "_droplwop_page_cache_live"
# A hostile or accidental flood of distinct query strings should not fill the cache.
MAX_CACHED_PATH = 400
SKIPPED_HEADERS = {"set-cookie"}
# Every query parameter a cached page reads (request.GET in a page model, its template or its
# routes): listings' filters and pagination, and the "sent" notes after a form. A page that
# starts reading another one adds it here (core/tests/test_page_cache.py checks the models).
QUERY_PARAMETERS = frozenset({"page", "kind", "language", "tag", "sent", "comment"})


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def page_cache_seconds(page) -> int:
    seconds = getattr(type(page), "cache_seconds", None)
    if seconds is None:
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
    return max(0, int(seconds))


def mark_cacheable(request, page) -> None:
    """Called when Wagtail serves `page`: remember how long its answer may be kept."""
    seconds = page_cache_seconds(page) if enabled() else 0
    if seconds and not page.get_view_restrictions().exists():
        setattr(request, MARK, seconds)
        setattr(request, LIVE_MARK, getattr(type(page), "shows_live_counts", False))


def is_anonymous_request(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _current(key: str) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key, 0)
    return value


def generation() -> int:
    return _current(GENERATION_KEY)


def bump_generation(**_kwargs) -> None:
    """Forget every cached page (a new generation makes old keys unreachable)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def _bump_counts() -> None:
    cache.set(COUNTS_KEY, time.time_ns(), None)


def forget_live_counts() -> None:
    """Forget the stored pages that show counts or places left. Called once per write that
    changes them (a filed batch, a confirmed signature, a cancelled registration): now, and
    again after commit so that a page re-rendered from the old numbers meanwhile is not kept."""
    _bump_counts()
    transaction.on_commit(_bump_counts)


def cache_path(request) -> str:
    """The path and the query parameters pages read, in a fixed order."""
    kept = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in QUERY_PARAMETERS
        for value in values
    )
    return request.path + ("?" + urlencode(kept) if kept else "")


def cache_key(request, gen: int) -> str | None:
    path = cache_path(request)
    if len(path) > MAX_CACHED_PATH:
        return None
    scheme = "https" if request.is_secure() else "http"
    host = request.META.get("HTTP_HOST", "")
    digest = hashlib.blake2b(f"{scheme}://{host}{path}".encode(), digest_size=20).hexdigest()
    # "v2": entries carry their counts generation; the older two-part entries are never read.
    return f"pagecache:v2:{gen}:{digest}"


def fetch(request) -> HttpResponse | None:
    if not enabled():
        return None
    if not is_anonymous_request(request):
        return None
    key = cache_key(request, generation())
    if key is None:
        return None
    stored = cache.get(key)
    if stored is None:
        return None
    content, headers, counts = stored
    if counts is not None and counts != _current(COUNTS_KEY):
        return None
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Page-Cache"] = "hit"
    return response


def store(request, response) -> None:
    seconds = getattr(request, MARK, 0)
    if not seconds or not is_anonymous_request(request):
        return
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    cache_control = response.headers.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return
    key = cache_key(request, generation())
    if key is None:
        return
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in SKIPPED_HEADERS
    ]
    counts = _current(COUNTS_KEY) if getattr(request, LIVE_MARK, False) else None
    cache.set(key, (response.content, headers, counts), seconds)
