"""Signed links mailed to donors: the thank-you page, cancelling a monthly gift, paying a pledge."""

from django.urls import reverse
from django.utils import translation

from droplwop.core.signed_links import make_token, read_token

THANKS = "donations-thanks"
MONTHLY = "donations-monthly"
PLEDGE = "donations-pledge"


def _read_id(purpose: str, token: str, max_age=None) -> int | None:
    value = read_token(purpose, token, max_age=max_age)
    return int(value) if value and value.isdigit() else None


def thanks_path(donation, language: str) -> str:
    with translation.override(language):
        return reverse("donations:thanks", kwargs={"token": make_token(THANKS, donation.pk)})


def donation_id_from_thanks(token: str) -> int | None:
    return _read_id(THANKS, token, max_age=60 * 60 * 24 * 30)


def monthly_path(gift, language: str | None = None) -> str:
    with translation.override(language or gift.language):
        return reverse("donations:monthly", kwargs={"token": make_token(MONTHLY, gift.pk)})


def gift_id_from_monthly(token: str) -> int | None:
    return _read_id(MONTHLY, token)


def pledge_path(pledge, language: str | None = None) -> str:
    with translation.override(language or pledge.language):
        return reverse("donations:pay_pledge", kwargs={"token": make_token(PLEDGE, pledge.pk)})


def pledge_id_from_token(token: str) -> int | None:
    return _read_id(PLEDGE, token)


PLEDGE_THANKS = "donations-pledge-thanks"


def pledge_thanks_path(pledge, language: str) -> str:
    with translation.override(language):
        return reverse(
            "donations:pledge_thanks", kwargs={"token": make_token(PLEDGE_THANKS, pledge.pk)}
        )


def pledge_id_from_thanks(token: str) -> int | None:
    return _read_id(PLEDGE_THANKS, token, max_age=60 * 60 * 24 * 30)
