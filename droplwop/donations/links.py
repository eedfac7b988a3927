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


def pledge_thanks_path(*, participant_id: int, kind: str, rate_cents: int, cap_cents, language):
    """The thank-you page for a pledge just taken: it carries what was pledged, since the
    pledge is filed moments later (services.intake)."""
    value = f"{participant_id}:{kind}:{rate_cents}:{cap_cents or ''}"
    with translation.override(language):
        return reverse(
            "donations:pledge_thanks", kwargs={"token": make_token(PLEDGE_THANKS, value)}
        )


def pledge_from_thanks(token: str) -> dict | None:
    """participant_id, kind, rate_cents and cap_cents from a thank-you link, or None."""
    value = read_token(PLEDGE_THANKS, token, max_age=60 * 60 * 24 * 30)
    parts = (value or "").split(":")
    if len(parts) != 4 or not all(p.isdigit() for p in (parts[0], parts[2], parts[3] or "0")):
        return None
    participant_id, kind, rate, cap = parts
    return {
        "participant_id": int(participant_id),
        "kind": kind,
        "rate_cents": int(rate),
        "cap_cents": int(cap) if cap else None,
    }
