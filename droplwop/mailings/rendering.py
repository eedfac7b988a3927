"""A mailing made ready to send: rendered once per language, personalized per recipient by a join."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from droplwop.core.models import OrganizationSettings
from droplwop.core.signed_links import make_token
from droplwop.supporters import links as supporter_links
from droplwop.supporters.models import Supporter

from .merge import CompiledText, compile_text, internal_slot, recipient_values
from .text_version import html_to_text

UNSUBSCRIBE_PURPOSE = "mailing-unsubscribe"
_RELATIVE = re.compile(r'(href|src)="/(?!/)')


@dataclass(frozen=True)
class PreparedVersion:
    language: str
    subject: CompiledText
    text: CompiledText
    html: CompiledText


@dataclass(frozen=True)
class Personalized:
    subject: str
    text: str
    html: str
    unsubscribe_url: str


def absolutize(markup: str) -> str:
    return _RELATIVE.sub(lambda m: f'{m.group(1)}="{settings.SITE_URL}/', markup)


def render_body(body) -> str:
    return absolutize(render_to_string("mailings/emails/_body.html", {"body": body}))


def prepare_version(mailing, language: str) -> PreparedVersion:
    subject, preheader, body = mailing.version(language)
    # The Spanish version falls back to English content; its footer stays in the reader's language.
    with translation.override(language):
        body_html = render_body(body)
        context = {
            "subject": subject,
            "preheader": preheader,
            "body_html": mark_safe(body_html),  # noqa: S308 - rendered from our own block templates
            "body_text": html_to_text(body_html),
            "list_name": mailing.email_list.name_in(language) if mailing.email_list else "",
            "unsubscribe_url": internal_slot("unsubscribe_url"),
            "preferences_url": internal_slot("preferences_url"),
            "language": language,
            "site_url": settings.SITE_URL,
            "organization": settings.WAGTAIL_SITE_NAME,
            "postal_address": OrganizationSettings.load().mailing_address.strip(),
        }
        text = render_to_string("mailings/emails/mailing.txt", context)
        html = render_to_string("mailings/emails/mailing.html", context)
    return PreparedVersion(
        language=language,
        subject=compile_text(" ".join(subject.split()), language=language, is_html=False),
        text=compile_text(text, language=language, is_html=False),
        html=compile_text(html, language=language, is_html=True),
    )


def unsubscribe_token(send_id: int) -> str:
    return make_token(UNSUBSCRIBE_PURPOSE, send_id)


class LinkMaker:
    """Per-recipient links, with the URL prefixes worked out once."""

    def __init__(self):
        marker = "TOKEN"
        path = reverse("mailings_unsubscribe", kwargs={"token": marker})
        self._unsubscribe_prefix, self._unsubscribe_suffix = (settings.SITE_URL + path).split(
            marker
        )
        self._preferences = {}

    def unsubscribe_url(self, send_id: int) -> str:
        return f"{self._unsubscribe_prefix}{unsubscribe_token(send_id)}{self._unsubscribe_suffix}"

    def preferences_url(self, supporter) -> str:
        """The supporters app's signed preferences link, with the path reversed once per language."""
        language = supporter.preferred_language
        if language not in self._preferences:
            probe = Supporter(pk=0, preferred_language=language)
            try:
                path = supporter_links.preferences_path(probe, language)
            except NoReverseMatch:
                path = ""
            self._preferences[language] = (
                settings.SITE_URL + path,
                supporter_links.preferences_token(probe),
            )
        template, probe_token = self._preferences[language]
        if not template:
            return ""
        return template.replace(probe_token, supporter_links.preferences_token(supporter))


def personalize(
    version: PreparedVersion, *, supporter, send_id: int, links: LinkMaker
) -> Personalized:
    unsubscribe_url = links.unsubscribe_url(send_id)
    text_values, html_values = recipient_values(
        first_name=supporter.first_name,
        last_name=supporter.last_name,
        city=supporter.city,
        links={
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": links.preferences_url(supporter) or unsubscribe_url,
        },
    )
    return Personalized(
        subject=" ".join(version.subject.fill(text_values).split()),
        text=version.text.fill(text_values),
        html=version.html.fill(html_values),
        unsubscribe_url=unsubscribe_url,
    )
