"""Demo mailings: one already sent to the campaign list (with its figures), one draft, EN and ES."""

from datetime import timedelta

from django.utils import timezone

from droplwop.supporters.models import EmailList

from .models import Mailing, MailingStatus, Send, SendStatus
from .selectors import get_audience

SENT_TITLE = "Demo: hearing week update"
DRAFT_TITLE = "Demo: monthly call invitation (draft)"


def _body(text, button_label):
    return [
        {"type": "text", "value": text},
        {"type": "button", "value": {"label": button_label, "url": "https://example.org/act"}},
    ]


def load(context):
    email_list = EmailList.objects.filter(slug="campaign-updates").first()
    if email_list is None:
        return
    sent, created = Mailing.objects.get_or_create(
        title=SENT_TITLE,
        defaults={
            "subject_en": "{{ first_name }}, this is hearing week",
            "preheader_en": "Three ways to help before Thursday",
            "body_en": _body(
                "<p>Hi {{ first_name }},</p><p>This is a demo message. The committee hears the "
                "bill this week: call, write, or come with us.</p>",
                "See how to help",
            ),
            "subject_es": "{{ first_name }}, esta es la semana de la audiencia",
            "preheader_es": "Tres formas de ayudar antes del jueves",
            "body_es": _body(
                "<p>Hola {{ first_name }}:</p><p>Este es un mensaje de demostración. El comité "
                "escucha el proyecto esta semana: llama, escribe o ven con nosotros.</p>",
                "Cómo ayudar",
            ),
            "email_list": email_list,
            "status": MailingStatus.SENT,
        },
    )
    if created:
        now = timezone.now()
        people = list(get_audience(sent).order_by("pk").values_list("pk", "preferred_language"))
        Send.objects.bulk_create(
            Send(
                mailing=sent,
                supporter_id=pk,
                language=language,
                status=SendStatus.FAILED if i % 17 == 5 else SendStatus.SENT,
                sent_at=None if i % 17 == 5 else now - timedelta(days=3),
                error="550 mailbox unavailable" if i % 17 == 5 else "",
                unsubscribed_at=now - timedelta(days=2) if i % 11 == 3 else None,
            )
            for i, (pk, language) in enumerate(people)
        )
        Mailing.objects.filter(pk=sent.pk).update(
            started_at=now - timedelta(days=3), finished_at=now - timedelta(days=3)
        )
    Mailing.objects.get_or_create(
        title=DRAFT_TITLE,
        defaults={
            "subject_en": "Join the monthly organizers' call",
            "body_en": _body(
                "<p>Hi {{ first_name }}, the monthly call is open to everyone who organizes.</p>",
                "Save your spot",
            ),
            "subject_es": "Únete a la llamada mensual de organizadores",
            "body_es": _body(
                "<p>Hola {{ first_name }}, la llamada mensual está abierta a quienes organizan.</p>",
                "Aparta tu lugar",
            ),
            "email_list": EmailList.objects.filter(slug="organizers").first() or email_list,
        },
    )
    context.say(f"mailings: {Mailing.objects.count()} (one sent with figures, one draft)")
