"""Answer anonymous visitors from the page cache before sessions, locale and auth do any work."""

from django.core.exceptions import BadRequest

from . import page_cache


class PageCacheMiddleware:
    """Placed right after SecurityMiddleware and WhiteNoise: a hit skips the rest of the stack,
    a miss goes through it and the finished response (with its CSP and frame headers) is kept
    when `page_cache.store` judges it safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cached = page_cache.fetch(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        page_cache.store(request, response)
        return response


class RejectNulBytesMiddleware:
    """A NUL byte is never part of a real address or search, and databases choke on it
    (SQLite full-text search fails, PostgreSQL refuses it in text): answer 400 at the door so
    no view has to remember."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.path:
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)
