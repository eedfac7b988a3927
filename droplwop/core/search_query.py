"""Search queries made safe in one place, whoever searches.

The database search backends hand each term to the database's own query language (SQLite FTS5,
PostgreSQL tsquery) and do not escape its syntax: an unbalanced double quote alone was a 500.
`normalise` keeps what a search can match on (words and numbers; the databases' tokenisers
split on punctuation anyway) and drops the rest, with caps on length and terms so a hostile
query costs no more than an ordinary one. The site's search backend (core.search_backend)
applies it to every query, so Wagtail's own admin searches get it too; views that show the
query back read it with `from_request`.
"""

import re
import unicodedata

MAX_LENGTH = 200
MAX_TERMS = 20

# Anything that is not part of a word: quotes, operators (* ^ - + : ( ) { } [ ]), punctuation.
_NOT_WORD = re.compile(r"[^\w]+")


def normalise(raw) -> str:
    """Space-separated words of `raw`, at most MAX_TERMS of them and MAX_LENGTH characters."""
    text = unicodedata.normalize("NFC", str(raw or ""))[: MAX_LENGTH * 4]
    terms = _NOT_WORD.sub(" ", text).split()[:MAX_TERMS]
    return " ".join(terms)[:MAX_LENGTH].strip()


def from_request(request, name: str = "q") -> str:
    return normalise(request.GET.get(name, ""))
