"""The petition form's POSTs, answered through a short stack when they only need a redirect.

In a viral spike nearly every request is a signature whose answer is a 303 to the thank-you
step. Django's full stack (sessions, auth, messages, CSRF, the URL resolver and a dozen
middleware) added nothing to that answer and cost about a quarter of the server's time per
signature (bench/sign.py: 1.9 to 2.6 ms of server CPU per signature before, 1.4 to 1.5 after).
This WSGI layer, in front of Django (droplwop.wsgi), runs `signing.attempt` inside the few
middleware that shape a redirect's headers (security headers, language, frame and CSP), so the
answer is the one the full stack gives. Any other outcome (an error to show, a limit, a closed
petition) goes on to the full stack with the outcome attached (`DECIDED`), and the view renders
it: nothing is counted or stored twice.
"""

import io
import re

from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.module_loading import import_string

from . import signing

DECIDED = "droplwop.petitions.signing_outcome"
PAGE_ID = "droplwop.petitions.signing_page_id"
# Only these shape a signer's redirect (security headers, language, host check and length,
# frame and CSP); the others add nothing to it (no session, cookie, message or CSRF token is
# touched on this path). They run in MIDDLEWARE's order.
SHORT_STACK = frozenset(
    {
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "droplwop.core.csp.CSPMiddleware",
    }
)
MAX_BODY = 16 * 1024
_ANY_ID = 987654321


class _Undecided(HttpResponse):
    """The short stack's answer when the full stack must render the outcome."""


class _ShortStackHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        missing = SHORT_STACK.difference(settings.MIDDLEWARE)
        if missing:
            raise ValueError(f"quick_sign would add what MIDDLEWARE lacks: {sorted(missing)}")
        handler = convert_exception_to_response(self._get_response)
        for path in reversed([path for path in settings.MIDDLEWARE if path in SHORT_STACK]):
            handler = convert_exception_to_response(import_string(path)(handler))
        self._middleware_chain = handler

    def _get_response(self, request):
        page_id = int(request.META[PAGE_ID])
        outcome = signing.attempt(request, page_id)
        if not outcome.is_redirect:
            request.META[DECIDED] = outcome
            return _Undecided()
        response = HttpResponseRedirect(outcome.redirect_to, status=303)
        add_never_cache_headers(response)  # as the view's never_cache does
        return response


class QuickSign:
    """WSGI middleware: the petition form's POSTs through the short stack when it can answer."""

    def __init__(self, application):
        self.application = application
        self.short_stack = _ShortStackHandler()
        self.path = _sign_path()

    def __call__(self, environ, start_response):
        match = _form_post(environ) and self.path.match(environ.get("PATH_INFO", ""))
        if not match:
            return self.application(environ, start_response)
        length = int(environ["CONTENT_LENGTH"])
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        if len(body) != length:
            return self.application(environ, start_response)
        environ[PAGE_ID] = match.group(match.lastindex)
        answer = {}

        def hold(status, headers, exc_info=None):
            answer["start"] = (status, headers, exc_info)

        result = self.short_stack(environ, hold)
        try:
            # A list lets the server send the answer in one write, not chunk by chunk.
            content = b"".join(result)
        finally:
            result.close()
        if DECIDED not in environ:
            start_response(*answer["start"])
            return [content]
        environ["wsgi.input"] = io.BytesIO(body)
        return self.application(environ, start_response)


def _sign_path() -> re.Pattern:
    """The form's address in each of the site's languages (as i18n_patterns serves it)."""
    addresses = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            address = re.escape(reverse("petitions:sign", args=[_ANY_ID]))
            addresses.append(address.replace(str(_ANY_ID), r"(\d+)"))
    return re.compile("|".join(f"(?:^{a}\\Z)" for a in addresses))


def _form_post(environ) -> bool:
    """A plain, small form POST (anything else goes through the full stack)."""
    if environ.get("REQUEST_METHOD") != "POST" or "%00" in environ.get("QUERY_STRING", ""):
        return False
    if environ.get("CONTENT_TYPE", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return False
    try:
        return 0 < int(environ.get("CONTENT_LENGTH") or 0) <= MAX_BODY
    except ValueError:
        return False
