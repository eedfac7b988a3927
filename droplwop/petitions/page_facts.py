"""What signing needs to know of a petition page, kept in each server process.

Loading a Wagtail page (its live state, locale, URL) was the costliest step of a signature:
a third of the server's time under a spike, in which every signer asks for the same page. The
facts are kept per page-cache generation, which every publish, unpublish, move or delete
changes for all processes (core.page_cache), so a changed page is reloaded at once. The
petition itself, open or closed, is read fresh on every signature.
"""

from dataclasses import dataclass

from droplwop.core import page_cache

from .models import PetitionPage

_facts: dict[int, tuple[int, "PageFacts | None"]] = {}


@dataclass(frozen=True)
class PageFacts:
    url: str
    language: str
    petition_id: int

    def thanks_url(self, outcome: str) -> str:
        return f"{self.url}thanks/{outcome}/"


def _load(page_id: int) -> "PageFacts | None":
    page = PetitionPage.objects.live().select_related("locale").filter(pk=page_id).first()
    if page is None or not page.url:
        return None
    return PageFacts(url=page.url, language=page.locale.language_code, petition_id=page.petition_id)


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
