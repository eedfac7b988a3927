"""Answer anonymous visitors from the page cache before sessions, locale and auth do any work."""

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
