"""Transactional email in the recipient's language: a plain-text part always, HTML when there is one.

Templates come in threes under `<app>/emails/`: `<name>_subject.txt`, `<name>.txt` and
optionally `<name>.html`. Call this from tasks, never inside a request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def render_email(
    template_base: str, context: dict, *, language: str
) -> tuple[str, str, str | None]:
    """(subject, text, html or None) rendered in `language`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = render_to_string(f"{template_base}_subject.txt", context)
        subject = " ".join(subject.split())
        text = render_to_string(f"{template_base}.txt", context)
        try:
            html = render_to_string(f"{template_base}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, text, html


def build_email(
    template_base: str,
    context: dict,
    *,
    to: str,
    language: str,
    headers: dict | None = None,
    attachments: list[tuple[str, bytes | str, str]] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    subject, text, html = render_email(template_base, context, language=language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message


def send_templated_email(
    template_base: str, context: dict, *, to: str, language: str, **kwargs
) -> int:
    return build_email(template_base, context, to=to, language=language, **kwargs).send()
