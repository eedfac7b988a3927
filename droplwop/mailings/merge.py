"""Merge fields: `{{ first_name }}` in a subject or body, with a safe fallback.

The syntax is deliberately tiny: `{{ field }}` or `{{ field | fallback text }}`. Nothing else is
evaluated, so an organizer's text can never reach Django's template engine. A template is
compiled once per mailing and language into literal parts and slots; filling it for one
recipient is a join, which is what lets a worker personalize thousands of messages a second.
"""

import html
import re

from django.utils.html import escape

FIELDS = ("first_name", "last_name", "city")
DEFAULT_FALLBACKS = {
    "first_name": {"en": "friend", "es": "amigo/a"},
}
# Slots the mailing template itself uses for links that differ per recipient.
INTERNAL = ("unsubscribe_url", "preferences_url")

_TAG = re.compile(r"\{\{\s*([A-Za-z_]+)\s*(?:\|\s*([^{}|]*?)\s*)?\}\}")
_INTERNAL = re.compile(r"@@MERGE:([a-z_]+)@@")


def internal_slot(name: str) -> str:
    return f"@@MERGE:{name}@@"


def unknown_fields(text: str) -> list[str]:
    return sorted({m.group(1) for m in _TAG.finditer(text or "") if m.group(1) not in FIELDS})


class CompiledText:
    """Literal parts and (field, fallback) slots; `fill(values)` personalizes it."""

    __slots__ = ("parts",)

    def __init__(self, parts):
        self.parts = parts

    def fill(self, values: dict) -> str:
        return "".join(
            part if part.__class__ is str else (values.get(part[0]) or part[1])
            for part in self.parts
        )


def compile_text(text: str, *, language: str, is_html: bool) -> CompiledText:
    """Compile `text`. In HTML, fallbacks are stored escaped; values must be passed escaped."""
    parts = []
    position = 0
    matches = sorted(
        [*_TAG.finditer(text), *_INTERNAL.finditer(text)], key=lambda match: match.start()
    )
    for match in matches:
        name = match.group(1)
        if match.re is _TAG and name not in FIELDS:
            continue
        parts.append(text[position : match.start()])
        fallback = ""
        if match.re is _TAG:
            given = match.group(2)
            if given is not None:
                fallback = html.unescape(given) if is_html else given
            else:
                fallback = DEFAULT_FALLBACKS.get(name, {}).get(language, "")
        parts.append((name, escape(fallback) if is_html else fallback))
        position = match.end()
    parts.append(text[position:])
    return CompiledText([part for part in parts if part != ""])


def recipient_values(*, first_name: str, last_name: str, city: str, links: dict) -> tuple:
    """(text values, HTML values) for one recipient; blank names fall back, HTML is escaped."""
    text = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "city": city.strip(),
        **links,
    }
    return text, {key: escape(value) for key, value in text.items()}
