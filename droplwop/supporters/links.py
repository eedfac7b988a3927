"""Links mailed to a supporter that open their own record without an account."""

from django.urls import reverse
from django.utils import translation

from droplwop.core.signed_links import make_token, read_token

PREFERENCES = "supporter-preferences"


def preferences_token(supporter) -> str:
    return make_token(PREFERENCES, supporter.pk)


def supporter_id_from_token(token: str) -> int | None:
    value = read_token(PREFERENCES, token, max_age=None)
    return int(value) if value and value.isdigit() else None


def preferences_path(supporter, language: str | None = None) -> str:
    """The preferences page (lists, language, unsubscribe from all), in the person's language."""
    with translation.override(language or supporter.preferred_language):
        return reverse("supporters:preferences", kwargs={"token": preferences_token(supporter)})
