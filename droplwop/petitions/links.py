"""Links mailed to signers: confirm a signature, stop a petition's updates."""

from django.urls import reverse
from django.utils import translation

from droplwop.core.signed_links import make_token, read_token

from .models import Signature

PURPOSES = {"confirm": "petition-confirm", "updates": "petition-updates"}


def signature_path(purpose: str, signature: Signature, language: str) -> str:
    token = make_token(PURPOSES[purpose], signature.pk)
    name = "petitions:confirm" if purpose == "confirm" else "petitions:stop_updates"
    with translation.override(language):
        return reverse(name, kwargs={"token": token})


def signature_from_token(purpose: str, token: str) -> Signature | None:
    value = read_token(
        PURPOSES[purpose], token, max_age=None if purpose == "updates" else 60 * 60 * 24 * 60
    )
    if not value or not value.isdigit():
        return None
    return Signature.objects.select_related("petition", "supporter").filter(pk=int(value)).first()
