"""What signing needs to know of a petition page and its petition, kept in each server process.

Loading a Wagtail page (its live state, locale, URL) was the costliest step of a signature:
a third of the server's time under a spike, in which every signer asks for the same page, and
reading the petition was another query per signer. Both are kept per page-cache generation,
which every publish, unpublish, move or delete of a page, and every save or delete of a
petition, changes for all processes (core.page_cache, petitions.apps), so a change is seen by
the next signer. Open or closed is decided for each signer from the kept dates.
"""

from dataclasses import dataclass, fields
from datetime import datetime

from django.utils import timezone

from droplwop.core import page_cache

from .models import PetitionPage, PetitionStatus

_facts: dict[int, tuple[int, "PageFacts | None"]] = {}


@dataclass(frozen=True)
class PetitionForSigning:
    """The little a signature needs of its petition."""

    pk: int
    confirmation_required: bool
    public_list_enabled: bool
    status: str
    opens_at: datetime
    closes_at: datetime | None

    def is_open(self) -> bool:
        """The rule of Petition.is_open, on the kept fields."""
        now = timezone.now()
        if self.status != PetitionStatus.OPEN or self.opens_at > now:
            return False
        return self.closes_at is None or self.closes_at > now


@dataclass(frozen=True)
class PageFacts:
    url: str
    language: str
    petition: PetitionForSigning

    def thanks_url(self, outcome: str) -> str:
        return f"{self.url}thanks/{outcome}/"


def _load(page_id: int) -> "PageFacts | None":
    page = (
        PetitionPage.objects.live().select_related("locale", "petition").filter(pk=page_id).first()
    )
    if page is None or not page.url:
        return None
    kept = {field.name: getattr(page.petition, field.name) for field in fields(PetitionForSigning)}
    return PageFacts(
        url=page.url, language=page.locale.language_code, petition=PetitionForSigning(**kept)
    )


def for_signing(page_id: int) -> "PageFacts | None":
    """The live page's facts, or None when no live petition page has this id."""
    generation = page_cache.generation()
    kept = _facts.get(page_id)
    if kept is not None and kept[0] == generation:
        return kept[1]
    facts = _load(page_id)
    if len(_facts) > 1000:  # page ids probed by bots must not grow this without end
        _facts.clear()
    _facts[page_id] = (generation, facts)
    return facts
