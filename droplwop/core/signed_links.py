"""Signed tokens for links mailed to people (preferences, "my registration", cancel a gift).

A token names its purpose, so a token made for one kind of link never opens another, and it
carries only an id: what it opens is looked up fresh, so a revoked record stays closed.
"""

from django.core import signing

DEFAULT_MAX_AGE = 60 * 60 * 24 * 365


def make_token(purpose: str, value) -> str:
    return signing.dumps(str(value), salt=f"droplwop.{purpose}", compress=False)


def read_token(purpose: str, token: str, *, max_age: int | None = DEFAULT_MAX_AGE) -> str | None:
    """The value the token was made for, or None when it is forged, altered or expired."""
    try:
        return signing.loads(token or "", salt=f"droplwop.{purpose}", max_age=max_age)
    except signing.BadSignature:
        return None
