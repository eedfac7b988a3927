"""Reads shared by pages, the admin, the cases app and the delivery packet."""

from collections.abc import Iterator

from django.db.models import Sum

from .models import Petition, PetitionCounter, Signature


def count_online_signatures(petition: Petition) -> int:
    """Confirmed online signatures: a sum over a few counter rows, never a count of signatures."""
    total = PetitionCounter.objects.filter(petition_id=petition.pk).aggregate(n=Sum("count"))["n"]
    return total or 0


def count_signatures(petition: Petition) -> int:
    """The public total: confirmed online signatures plus the paper count."""
    return count_online_signatures(petition) + petition.paper_count


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
    from .models import PetitionPage, PetitionStatus

    pages = PetitionPage.objects.live().filter(locale=locale, petition__status=PetitionStatus.OPEN)
    if parent is not None:
        pages = pages.child_of(parent)
    return list(pages.select_related("petition").order_by("-petition__opens_at"))
