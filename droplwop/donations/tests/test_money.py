import pytest
from django.core.exceptions import ValidationError

from droplwop.donations.money import format_money, parse_amount_cents


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("50", 5000),
        ("$50", 5000),
        ("50.5", 5050),
        ("$1,000.50", 100050),
        ("1,000", 100000),
        ("1000.50 USD", 100050),
        ("US$ 75", 7500),
        ("  25.00 ", 2500),
        ("40 dólares", 4000),
        ("12,345,678", 1234567800),
    ],
)
def test_amounts_people_write_are_read(typed, cents):
    assert parse_amount_cents(typed) == cents


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.000,50 $", "comma_decimal"),
        ("25,50", "comma_decimal"),
        ("1.000", "invalid"),
        ("fifty", "invalid"),
        ("-5", "invalid"),
        ("5e3", "invalid"),
        ("1,00", "comma_decimal"),
        ("12,34,567", "invalid"),
        ("", "required"),
        ("$", "required"),
    ],
)
def test_ambiguous_or_wrong_amounts_are_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as caught:
        parse_amount_cents(typed)
    assert caught.value.code == code


def test_money_is_written_the_us_way_in_both_languages():
    assert format_money(100050) == "$1,000.50"
    assert format_money(2500) == "$25"
    assert format_money(None) == "$0"
