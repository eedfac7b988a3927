"""Public endpoints: the unsubscribe link (a page and RFC 8058 one-click) and provider webhooks."""

import logging

from anymail.exceptions import AnymailError, AnymailImproperlyInstalled
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from droplwop.core import json_shape
from droplwop.core.form_guard import public_form

from . import webhook_bodies
from .services import send_for_token, unsubscribe_by_token

logger = logging.getLogger(__name__)


@csrf_exempt  # a mail client posts here (RFC 8058): no session, no CSRF cookie; the token is the key
@require_http_methods(["GET", "POST"])
@public_form("mailings.unsubscribe", same_origin=False, methods=("GET", "POST"))
def unsubscribe(request, token):
    if request.method == "POST":
        send = unsubscribe_by_token(token=token, one_click="List-Unsubscribe" in request.POST)
        if send is None:
            return _render(request, "mailings/unsubscribe_invalid.html", {}, status=400)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return _render(
            request, "mailings/unsubscribed.html", {"send": send}, language=send.language
        )
    send = send_for_token(token)
    if send is None:
        return _render(request, "mailings/unsubscribe_invalid.html", {}, status=400)
    email_list = send.mailing.email_list
    context = {"send": send, "list_name": email_list.name_in(send.language) if email_list else ""}
    return _render(request, "mailings/unsubscribe.html", context, language=send.language)


def _render(request, template, context, *, language=None, status=200):
    with translation.override(language or translation.get_language()):
        response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _webhooks_configured(provider: str) -> bool:
    config = getattr(settings, "ANYMAIL", {})
    if config.get("WEBHOOK_SECRET"):
        return True
    return bool(config.get(f"{provider.upper()}_WEBHOOK_SIGNING_KEY"))


def _anymail_webhook(request, provider, kind):
    """Fails closed: with no webhook secret set, anymail would accept unsigned posts. The body
    is checked before anymail reads it (webhook_bodies), and what anymail still cannot read is
    a 400: a provider retries a 500 for days."""
    try:
        match = resolve(f"/{provider}/{kind}/", urlconf="anymail.urls")
    except Resolver404 as error:
        raise Http404 from error
    if not _webhooks_configured(provider):
        return HttpResponseForbidden("Webhooks are not configured.")
    if request.method == "POST":
        try:
            webhook_bodies.check(provider, kind, request)
        except json_shape.BadShape as error:
            logger.warning("Refused a %s %s webhook post: %s", provider, kind, error)
            return HttpResponseBadRequest("Malformed webhook body.")
    try:
        return match.func(request)
    except AnymailImproperlyInstalled:
        logger.exception("The %s webhook needs a package this install lacks", provider)
        return HttpResponse("This provider is not available here.", status=501)
    except AnymailError:
        logger.warning("anymail could not read a %s %s post", provider, kind, exc_info=True)
        return HttpResponseBadRequest("Malformed webhook body.")


@csrf_exempt
def tracking_webhook(request, provider):
    return _anymail_webhook(request, provider, "tracking")


@csrf_exempt
def inbound_webhook(request, provider):
    return _anymail_webhook(request, provider, "inbound")
