"""Reads of the page tree: which live page takes gifts for a fund.

Apart from `selectors.py`, which the page models themselves read through.
"""

from .models import DonatePage, Fund, FundraiserPage


def get_giving_page(fund: Fund, locale):
    """The live page in this language that takes gifts for the fund, if any."""
    for model in (FundraiserPage, DonatePage):
        page = model.objects.live().filter(fund=fund, locale=locale).first()
        if page:
            return page
    return None


def list_live_fundraisers(locale):
    return (
        FundraiserPage.objects.live()
        .filter(locale=locale, fund__is_active=True)
        .select_related("fund")
        .order_by("-first_published_at")
    )
