"""Reads shared by pages, the admin, the cases app and the delivery packet."""

from collections.abc import Iterator
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Petition, PetitionCounter, PetitionPage, PetitionStatus, Signature


def count_online_signatures(petition: Petition) -> int:
    """Confirmed online signatures: a sum over a few counter rows, never a count of signatures."""
    total = PetitionCounter.objects.filter(petition_id=petition.pk).aggregate(n=Sum("count"))["n"]
    return total or 0


def count_signatures(petition: Petition) -> int:
    """Confirmed online signatures plus the paper count: the total of record (delivery PDF,
    case packet, admin), which matches the list of signers."""
    return count_online_signatures(petition) + petition.paper_count


def count_public_total(petition: Petition) -> int:
    """The total shown on the site: the total of record. Signatures the form has taken and the
    worker has not filed yet (a second or two under load) are not in it: among them may be
    repeats, and a count that rose for a repeat signer would tell them they had signed."""
    return count_signatures(petition)


def get_percent_of_goal(petition: Petition, total: int) -> int | None:
    """How far the total is toward the goal, 0 to 100; None without a goal."""
    return min(100, total * 100 // petition.goal) if petition.goal else None


def list_signers_for_delivery(petition: Petition) -> Iterator[dict]:
    """Confirmed signers in signing order, as name, city and comment; streamed for big lists."""
    rows = (
        Signature.objects.filter(petition_id=petition.pk, confirmed_at__isnull=False)
        .order_by("created_at", "id")
        .values_list("supporter__first_name", "supporter__last_name", "supporter__city", "comment")
    )
    for first, last, city, comment in rows.iterator(chunk_size=2000):
        yield {"name": f"{first} {last}".strip(), "city": city, "comment": comment}


def list_open_petition_pages(locale, *, parent=None):
    pages = PetitionPage.objects.live().filter(locale=locale, petition__status=PetitionStatus.OPEN)
    if parent is not None:
        pages = pages.child_of(parent)
    return list(pages.select_related("petition").order_by("-petition__opens_at"))


def list_public_signers(petition: Petition, *, limit: int = 30) -> list[dict]:
    """Newest confirmed signers who chose to be listed: first name, last initial, city, comment."""
    rows = (
        Signature.objects.filter(
            petition_id=petition.pk, list_publicly=True, confirmed_at__isnull=False
        )
        .order_by("-created_at", "-id")
        .values_list("supporter__first_name", "supporter__last_name", "supporter__city", "comment")[
            :limit
        ]
    )
    return [
        {
            "name": f"{first} {last[:1]}.".strip() if last else first,
            "city": city,
            "comment": comment,
        }
        for first, last, city, comment in rows
    ]


def list_verified_organizations(letter) -> list:
    verified = letter.org_signatures.filter(verified_at__isnull=False)
    return list(verified.select_related("supporter").order_by("organization"))


def get_petition_page(petition: Petition, language_code: str):
    """The live page of this petition in the language, or in any language as a fallback."""
    pages = PetitionPage.objects.live().filter(petition=petition).select_related("locale")
    return pages.filter(locale__language_code=language_code).first() or pages.order_by("id").first()


def list_update_recipients(petition: Petition):
    """Confirmed signers who asked for this petition's updates, not since anonymized."""
    return (
        Signature.objects.filter(
            petition_id=petition.pk,
            confirmed_at__isnull=False,
            wants_updates=True,
            supporter__anonymized_at__isnull=True,
        )
        .select_related("supporter")
        .order_by("id")
        .iterator(chunk_size=500)
    )


def get_petition_totals(petition: Petition) -> dict:
    counts = petition.signatures.aggregate(
        confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
        unconfirmed=Count("id", filter=Q(confirmed_at__isnull=True)),
    )
    online = count_online_signatures(petition)
    return {
        **counts,
        "online": online,
        "paper": petition.paper_count,
        "total": online + petition.paper_count,
    }


def list_signatures_per_day(petition: Petition, *, days: int = 30) -> list[tuple]:
    """(date, count) for each of the last `days` days, zero-filled, in the site's time zone."""
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    rows = dict(
        petition.signatures.filter(created_at__date__gte=start)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    return [
        (start + timedelta(days=i), rows.get(start + timedelta(days=i), 0)) for i in range(days)
    ]


def list_signatures_by_source(petition: Petition, *, limit: int = 15) -> list[dict]:
    return list(
        petition.signatures.values(
            "channel", "referrer", "utm_source", "utm_medium", "utm_campaign"
        )
        .annotate(n=Count("id"))
        .order_by("-n")[:limit]
    )


def list_signatures(petition: Petition, query: str = ""):
    rows = petition.signatures.select_related("supporter").order_by("-created_at", "-id")
    query = query.strip()
    if query:
        rows = rows.filter(
            Q(supporter__email__icontains=query)
            | Q(supporter__first_name__icontains=query)
            | Q(supporter__last_name__icontains=query)
            | Q(supporter__city__icontains=query)
            | Q(supporter__zip_code__startswith=query)
            | Q(comment__icontains=query)
        )
    return rows


def list_export_rows(petition: Petition):
    rows = (
        petition.signatures.order_by("created_at", "id")
        .values_list(
            "created_at",
            "confirmed_at",
            "supporter__first_name",
            "supporter__last_name",
            "supporter__email",
            "supporter__zip_code",
            "supporter__city",
            "comment",
            "list_publicly",
            "wants_updates",
            "language",
            "channel",
            "referrer",
            "utm_source",
            "utm_medium",
            "utm_campaign",
        )
        .iterator(chunk_size=2000)
    )
    for row in rows:
        created, confirmed, *rest = row
        yield [created.isoformat(), confirmed.isoformat() if confirmed else "", *rest]
