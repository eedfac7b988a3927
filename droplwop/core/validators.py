"""Validators shared by every app's forms (and the API)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Names travel into emails the organization sends: a link or a second line in a name is how a
# stranger writes their own text into a message to someone else.
_WEB_ADDRESS = re.compile(
    r"(?i)(://|\bwww\.|\b[a-z0-9-]+\.(com|org|net|info|biz|io|co|us|ru|cn|xyz|top|ly|me|gov|"
    r"edu|app|link|site|online|click|shop|live|to|gg|tk)\b)"
)
# Line and paragraph separators, and format characters such as right-to-left overrides;
# the zero-width joiners some scripts write names with are kept.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def validate_name(value: str) -> None:
    """A person's or organization's name: one line, no web address, no control characters."""
    if any(char in "\r\n\u2028\u2029\x0b\x0c\x85" for char in value):
        raise ValidationError(_("Please write the name on one line."), code="multiline")
    if any(
        unicodedata.category(char) in _REFUSED_CATEGORIES and char not in _ALLOWED_FORMAT
        for char in value
    ):
        raise ValidationError(
            _("Please remove the special characters from the name."), code="control"
        )
    if _WEB_ADDRESS.search(value):
        raise ValidationError(_("Please leave web addresses out of the name."), code="url")
