"""One guard in front of every public form: same origin, honeypot, then the rate limit.

Public forms sit on pages cached for everyone, so most cannot carry a per-visitor CSRF token;
their POST views are csrf_exempt and the guard asks the browser's Origin (or Referer) instead.
A filled honeypot gets the view's own "it worked" answer, so a bot learns nothing and nothing
is stored. An address over its limit gets 429 with Retry-After and one translated message
from every form: on the form's own page, with what was typed, when the view says how to show it
(`show_form`), else on a page of its own. Limits are declared once, in settings.FORM_LIMITS
(name -> (attempts, seconds)).

    @csrf_exempt
    @require_POST
    @public_form("events.register", on_bot=registered_redirect, show_form=show_event_page)
    def register(request, page_id): ...
"""

import functools
import time
from collections.abc import Callable

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import rate_limit
from .client_ip import request_ip_hash
from .origin_check import is_same_origin

HONEYPOT_FIELD = "website"


def limit_for(name: str) -> tuple[int, int]:
    """(attempts, window in seconds) for the limit `name`; an unknown name is a programming
    error, so it fails loudly rather than guessing a default."""
    return settings.FORM_LIMITS[name]


def allow(name: str, key: str) -> bool:
    """Count one attempt against the limit `name` for `key`; True while within it."""
    attempts, seconds = limit_for(name)
    return rate_limit.hit(name, key, limit=attempts, window_seconds=seconds)


def too_many_message() -> str:
    return _(
        "Many forms came from your connection just now, so we did not save this one. "
        "Please try again later."
    )


def foreign_origin_message() -> str:
    return _(
        "Your browser did not say this form came from our site, so nothing was saved. "
        "Reload the page and try again."
    )


def too_many_requests(request, name: str, show_form=None, *args, **kwargs):
    """The one answer to a form over its limit: 429, with when to try again."""
    response = _refusal(
        request, "core/too_many_requests.html", too_many_message(), 429, show_form, args, kwargs
    )
    _attempts, seconds = limit_for(name)
    response["Retry-After"] = str(max(1, rate_limit.end_of_window(seconds) - int(time.time())))
    # The limiter logged the first refusal of the window; a flood's others would bury the log.
    response._has_been_logged = True
    return response


def foreign_origin(request, show_form=None, *args, **kwargs):
    """The answer to a form posted from another site (or by a client that names no origin)."""
    return _refusal(
        request, "core/foreign_origin.html", foreign_origin_message(), 403, show_form, args, kwargs
    )


def _refusal(request, template, message, status, show_form, args, kwargs):
    if show_form is None:
        response = render(request, template, {"message": message}, status=status)
    else:
        response = show_form(request, message, *args, **kwargs)
        response.status_code = status
    response["Cache-Control"] = "private, no-store"
    return response


def public_form(
    name: str,
    *,
    on_bot: Callable | None = None,
    show_form: Callable | None = None,
    same_origin: bool = True,
    methods: tuple[str, ...] = ("POST",),
):
    """Decorate a view that receives a public form.

    name: its limit in settings.FORM_LIMITS, counted per (hashed) client address.
    on_bot: called with the view's arguments when the honeypot is filled; it returns what a
        person would see after success. None: the form has no honeypot.
    show_form: called with (request, message, *the view's arguments) to show the posted form
        again with `message` as its error; the guard sets the status. None: a page of its own.
    same_origin: False for views protected by Django's CSRF token or reached from outside the
        site (an unsubscribe link posted by a mail client).
    methods: the methods guarded; others go straight to the view (a form's own GET page).
    """

    def decorate(view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            if request.method not in methods:
                return view(request, *args, **kwargs)
            if same_origin and not is_same_origin(request):
                return foreign_origin(request, show_form, *args, **kwargs)
            if on_bot is not None and request.POST.get(HONEYPOT_FIELD, "").strip():
                return on_bot(request, *args, **kwargs)
            if not allow(name, request_ip_hash(request)):
                return too_many_requests(request, name, show_form, *args, **kwargs)
            return view(request, *args, **kwargs)

        return guarded

    return decorate
