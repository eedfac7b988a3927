"""What we count and show about gifts. Totals count confirmed gifts only, net of refunds,
online and offline alike, and never split by language."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

# The model modules, not the package: the page models (models/pages.py) read through these
# selectors, so they must load before them. Reads of the page tree are in page_selectors.py.
from .models.funds import Fund
from .models.gifts import Donation
from .models.walk import Participant, Pledge

CONFIRMED = Q(status=Donation.Status.CONFIRMED)


@dataclass(frozen=True)
class Progress:
    total_cents: int
    donors: int
    goal_cents: int | None
    days_left: int | None
    ended: bool

    @property
    def percent(self) -> int | None:
        if not self.goal_cents:
            return None
        return min(100, int(self.total_cents * 100 // self.goal_cents))


def list_confirmed_donations():
    return Donation.objects.filter(CONFIRMED)


def _net_total(queryset) -> int:
    totals = queryset.aggregate(amount=Sum("amount_cents"), refunded=Sum("refunded_cents"))
    return (totals["amount"] or 0) - (totals["refunded"] or 0)


def _donor_count(queryset) -> int:
    named = queryset.exclude(supporter=None).values("supporter").distinct().count()
    return named + queryset.filter(supporter=None).count()


def get_fund_progress(fund: Fund, *, today: datetime.date | None = None) -> Progress:
    today = today or timezone.localdate()
    gifts = list_confirmed_donations().filter(fund=fund)
    days_left = None
    if fund.ends_on:
        days_left = max((fund.ends_on - today).days, 0)
    return Progress(
        total_cents=_net_total(gifts),
        donors=_donor_count(gifts),
        goal_cents=fund.goal_cents,
        days_left=days_left,
        ended=bool(fund.ends_on and fund.ends_on < today),
    )


def get_participant_progress(participant: Participant) -> Progress:
    """For a walker: pledge payments confirmed so far, and how many people pledged."""
    paid = list_confirmed_donations().filter(pledge__participant=participant)
    return Progress(
        total_cents=_net_total(paid),
        donors=participant.pledges.exclude(status=Pledge.Status.CANCELED).count(),
        goal_cents=participant.goal_cents,
        days_left=None,
        ended=False,
    )


def list_walkers(fund: Fund):
    return (
        Participant.objects.filter(fund=fund, is_published=True)
        .annotate(pledge_count=Count("pledges", filter=~Q(pledges__status="canceled")))
        .order_by("display_name")
    )


def get_published_walker(fund: Fund, slug: str) -> Participant | None:
    return (
        Participant.objects.filter(fund=fund, slug=slug, is_published=True)
        .select_related("photo")
        .first()
    )


def list_totals_by_fund(queryset):
    """Net confirmed total and gift count per fund, for the admin report."""
    return (
        queryset.filter(CONFIRMED)
        .values("fund__id", "fund__name_en")
        .annotate(
            total=Sum(F("amount_cents") - F("refunded_cents")),
            gifts=Count("id"),
        )
        .order_by("-total")
    )


def list_totals_by_day(queryset, *, days: int = 30, today: datetime.date | None = None):
    """[(date, net cents)] for each of the last `days` days, zero-filled, by date received."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    rows = (
        queryset.filter(CONFIRMED, received_on__gte=start, received_on__lte=today)
        .values("received_on")
        .annotate(total=Sum(F("amount_cents") - F("refunded_cents")))
    )
    by_day = {row["received_on"]: row["total"] or 0 for row in rows}
    return [
        (start + datetime.timedelta(days=i), by_day.get(start + datetime.timedelta(days=i), 0))
        for i in range(days)
    ]


def list_year_gifts(supporter, year: int):
    return (
        list_confirmed_donations()
        .filter(supporter=supporter, received_on__year=year)
        .select_related("fund")
        .order_by("received_on", "id")
    )
