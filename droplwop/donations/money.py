"""Reading and writing dollar amounts the same way on every form, in both languages.

The rule, said to donors in their language: a period marks cents and a comma may group
thousands ("1,000.50"), as US and Mexican Spanish both write it; "$", "US$" and "USD" are
ignored. A comma written as the decimal mark ("25,50" or "1.000,50") is refused with a message
that shows the right way, because "1.000" could mean one dollar or a thousand.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CURRENCY = re.compile(r"(US\$|USD|\$|dólares|dolares|dollars)", re.IGNORECASE)
_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")
_COMMA_DECIMAL = re.compile(r"^\d{1,3}(\.\d{3})*,\d{1,2}$|^\d+,\d{1,2}$")


def parse_amount_cents(raw: str) -> int:
    """Cents for what a person typed, or a ValidationError saying how to write it."""
    text = _CURRENCY.sub("", (raw or "").strip()).replace(" ", "").replace("\u00a0", "")
    if not text:
        raise ValidationError(_("Enter an amount."), code="required")
    if _COMMA_DECIMAL.match(text):
        raise ValidationError(
            _("Write cents after a period, not a comma: for example 25.50 or 1,000.50."),
            code="comma_decimal",
        )
    if not (_PLAIN.match(text) or _GROUPED.match(text)):
        raise ValidationError(
            _("Enter an amount in dollars using numbers, for example 50 or 1,000.50."),
            code="invalid",
        )
    return int((Decimal(text.replace(",", "")) * 100).to_integral_value(ROUND_HALF_UP))


def format_money(cents: int | None) -> str:
    """ "$1,000.50", or "$1,000" for whole dollars: the way both our languages write US dollars."""
    cents = cents or 0
    if cents % 100 == 0:
        return f"${cents // 100:,}"
    return f"${cents / 100:,.2f}"
