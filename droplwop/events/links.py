"""Signed links mailed to a registrant: "my registration" and the private calendar feed.

They are separate purposes: a calendar app stores (and may leak) a feed address, which must never
be enough to change or cancel the registration.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from droplwop.core.signed_links import make_token, read_token

MANAGE = "events-registration"
FEED = "events-registration-feed"
# "My registration" links expire; the email with a new one comes from registering again.
MANAGE_MAX_AGE = 60 * 60 * 24 * 365


def manage_token(registration) -> str:
    return make_token(MANAGE, registration.pk)


def feed_token(registration) -> str:
    return make_token(FEED, registration.pk)


def _read_id(purpose, token, max_age):
    value = read_token(purpose, token, max_age=max_age)
    return int(value) if value and value.isdigit() else None


def registration_id_from_manage_token(token: str) -> int | None:
    return _read_id(MANAGE, token, MANAGE_MAX_AGE)


def registration_id_from_feed_token(token: str) -> int | None:
    return _read_id(FEED, token, None)


def manage_url(registration, language: str | None = None) -> str:
    with translation.override(language or registration.language):
        path = reverse("events:manage", kwargs={"token": manage_token(registration)})
    return settings.SITE_URL + path


def feed_url(registration, language: str | None = None) -> str:
    with translation.override(language or registration.language):
        path = reverse("events:private_feed", kwargs={"token": feed_token(registration)})
    return settings.SITE_URL + path
