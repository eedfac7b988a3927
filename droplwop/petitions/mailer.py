"""Emails to signers, each in the language they signed in."""

from django.conf import settings
from django.core import mail

from droplwop.core.emails import build_email, send_templated_email
from droplwop.core.public_urls import absolute_page_url

from .links import signature_path
from .models import PetitionUpdate, Signature
from .selectors import get_petition_page, list_update_recipients


def send_confirmation(signature: Signature) -> None:
    language = signature.language
    page = get_petition_page(signature.petition, language)
    send_templated_email(
        "petitions/emails/confirm",
        {
            "first_name": signature.supporter.first_name,
            "petition_title": page.title if page else signature.petition.title,
            "confirm_url": settings.SITE_URL + signature_path("confirm", signature, language),
        },
        to=signature.supporter.email,
        language=language,
    )


def send_already_signed(signature: Signature) -> None:
    """Tell a repeat signer, and only them, that they had signed: the page does not say so.
    The greeting uses the name on record, never one typed by whoever submitted the form."""
    language = signature.language
    page = get_petition_page(signature.petition, language)
    send_templated_email(
        "petitions/emails/already",
        {
            "first_name": signature.supporter.first_name,
            "petition_title": page.title if page else signature.petition.title,
            "page_url": absolute_page_url(page) or settings.SITE_URL,
        },
        to=signature.supporter.email,
        language=language,
    )


def send_update(update: PetitionUpdate, batch_size: int = 200) -> int:
    """Send to every confirmed, opted-in signer over one SMTP connection per batch."""
    sent = 0
    batch = []
    for signature in list_update_recipients(update.petition):
        language = signature.language
        page = get_petition_page(update.petition, language)
        batch.append(
            build_email(
                "petitions/emails/update",
                {
                    "first_name": signature.supporter.first_name,
                    "petition_title": page.title if page else update.petition.title,
                    "page_url": absolute_page_url(page) or settings.SITE_URL,
                    "update_title": update.title_in(language),
                    "update_body": update.body_in(language),
                    "stop_url": settings.SITE_URL + signature_path("updates", signature, language),
                },
                to=signature.supporter.email,
                language=language,
            )
        )
        if len(batch) >= batch_size:
            sent += _send_batch(batch)
            batch = []
    if batch:
        sent += _send_batch(batch)
    return sent


def _send_batch(messages) -> int:
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0
