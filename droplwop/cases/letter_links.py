"""The signed link that lets a letter writer change their own letter, and the email carrying it.

Below `letters.py` (which queues the email) and `tasks.py` (which sends it).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from droplwop.core.emails import send_templated_email
from droplwop.core.signed_links import make_token, read_token

from .models import SupportLetter

CHANGE_LINK = "cases-letter-change"
# Long enough to come back to a draft; a letter is reviewed within weeks.
CHANGE_LINK_MAX_AGE = 60 * 60 * 24 * 30


def change_url(letter: SupportLetter) -> str:
    with translation.override(letter.language or "en"):
        path = reverse("cases:change_letter", kwargs={"token": make_token(CHANGE_LINK, letter.pk)})
    return settings.SITE_URL + path


def get_letter_from_change_token(token: str) -> SupportLetter | None:
    value = read_token(CHANGE_LINK, token, max_age=CHANGE_LINK_MAX_AGE)
    if not value or not value.isdigit():
        return None
    return SupportLetter.objects.select_related("case", "supporter").filter(pk=value).first()


def send_letter_change_link(*, letter: SupportLetter) -> None:
    send_templated_email(
        "cases/emails/letter_change",
        {"letter": letter, "change_url": change_url(letter)},
        to=letter.supporter.email,
        language=letter.language or "en",
    )
