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


CONFIRM = "supporter-confirm"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 30


def confirmation_path(supporter, list_ids, language: str) -> str:
    """The double opt-in link: which person, which lists, and the language they chose."""
    value = f"{supporter.pk}:{language}:{','.join(str(pk) for pk in sorted(list_ids))}"
    with translation.override(language):
        return reverse("supporters:confirm", kwargs={"token": make_token(CONFIRM, value)})


def read_confirmation(token: str) -> tuple[int, str, list[int]] | None:
    value = read_token(CONFIRM, token, max_age=CONFIRM_MAX_AGE)
    try:
        supporter_id, language, ids = value.split(":")
        return int(supporter_id), language, [int(pk) for pk in ids.split(",") if pk]
    except (AttributeError, ValueError):
        return None
