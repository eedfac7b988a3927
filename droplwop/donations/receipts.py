"""What a receipt, a pledge email and a yearly summary say. Sent from tasks, in the donor's
language, with the organization's name and EIN and the tax wording organizers set."""

from django.conf import settings

from droplwop.core.emails import send_templated_email
from droplwop.core.models import OrganizationSettings

from . import links, selectors
from .models import Donation, Frequency, Pledge, ReceiptSettings


def _organization(language: str) -> dict:
    org = OrganizationSettings.load()
    wording = ReceiptSettings.load()
    return {
        "organization_name": org.name,
        "ein": org.ein,
        "tax_text": wording.tax_text(language),
        "beneficiary_text": wording.beneficiary_text(language),
    }


def send_receipt(donation: Donation) -> bool:
    """Email the receipt for a confirmed gift once; False when there is nothing to send."""
    if (
        donation.status != Donation.Status.CONFIRMED
        or donation.receipt_sent_at
        or not donation.supporter_id
    ):
        return False
    language = donation.language
    context = {
        **_organization(language),
        "donation": donation,
        "supporter": donation.supporter,
        "fund_name": donation.fund.name_in(language),
        "beneficiary": donation.fund.beneficiary_name,
        "monthly": donation.frequency == Frequency.MONTHLY,
        "pledge": donation.pledge,
    }
    if donation.recurring_gift_id:
        context["cancel_url"] = settings.SITE_URL + links.monthly_path(
            donation.recurring_gift, language
        )
    send_templated_email(
        "donations/emails/receipt", context, to=donation.supporter.email, language=language
    )
    return True


def send_pledge_confirmation(pledge: Pledge) -> None:
    language = pledge.language
    send_templated_email(
        "donations/emails/pledge_confirmation",
        {
            **_organization(language),
            "pledge": pledge,
            "walker": pledge.participant.display_name,
            "fund_name": pledge.participant.fund.name_in(language),
        },
        to=pledge.supporter.email,
        language=language,
    )


def send_pledge_request(pledge: Pledge) -> None:
    language = pledge.language
    participant = pledge.participant
    send_templated_email(
        "donations/emails/pledge_request",
        {
            **_organization(language),
            "pledge": pledge,
            "walker": participant.display_name,
            "laps": participant.laps_completed,
            "miles": participant.miles_completed,
            "fund_name": participant.fund.name_in(language),
            "pay_url": settings.SITE_URL + links.pledge_path(pledge, language),
        },
        to=pledge.supporter.email,
        language=language,
    )


def send_yearly_summary(supporter, year: int, language: str) -> bool:
    gifts = list(selectors.list_year_gifts(supporter, year))
    if not gifts:
        return False
    total = sum(gift.net_cents for gift in gifts)
    send_templated_email(
        "donations/emails/yearly_summary",
        {
            **_organization(language),
            "supporter": supporter,
            "year": year,
            "gifts": [(gift, gift.fund.name_in(language)) for gift in gifts],
            "total_cents": total,
        },
        to=supporter.email,
        language=language,
    )
    return True
