"""CDCR number format.

CDCR's Department Operations Manual (DOM 61010.11.1 and 61020.20.1) describes the number as six
characters: a letter prefix then digits ("D27854", "P45678"); numbers issued later carry two letters
and four digits ("AB1234"). A hyphen or space after the letters is dropped.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CDCR = re.compile(r"^(?:[A-Z]\d{5}|[A-Z]{2}\d{4})$")


def normalize_cdcr_number(value: str) -> str:
    return re.sub(r"[\s-]", "", (value or "").upper())


def validate_cdcr_number(value: str) -> None:
    if not _CDCR.match(normalize_cdcr_number(value)):
        raise ValidationError(
            _(
                "A CDCR number is six characters: two letters and four digits, like AB1234, "
                "or one letter and five digits, like D27854."
            ),
            code="cdcr_format",
        )
