import asyncio
import threading

import pytest

from droplwop.mailings.models import Mailing
from droplwop.supporters.models import EmailList, Subscription, SubscriptionStatus, Supporter


@pytest.fixture
def email_list(db):
    return EmailList.objects.create(
        slug="test-updates",
        name_en="Test updates",
        name_es="Novedades de prueba",
        double_opt_in=False,
    )


@pytest.fixture
def make_supporter(email_list):
    def make(email, *, first_name="", language="en", subscribed=True, zip_code="", **extra):
        supporter = Supporter.objects.create(
            email=email,
            first_name=first_name,
            preferred_language=language,
            zip_code=zip_code,
            **extra,
        )
        Subscription.objects.create(
            supporter=supporter,
            email_list=email_list,
            status=SubscriptionStatus.SUBSCRIBED if subscribed else SubscriptionStatus.UNSUBSCRIBED,
        )
        return supporter

    return make


@pytest.fixture
def make_mailing(email_list):
    def make(**fields):
        values = {
            "title": "Test mailing",
            "subject_en": "News for {{ first_name }}",
            "preheader_en": "What happened this week",
            "body_en": [
                {"type": "text", "value": "<p>Hello {{ first_name }}, the hearing is Tuesday.</p>"},
                {"type": "button", "value": {"label": "Read more", "url": "https://example.org/x"}},
            ],
            "subject_es": "Noticias para {{ first_name }}",
            "preheader_es": "Lo que pasó esta semana",
            "body_es": [
                {
                    "type": "text",
                    "value": "<p>Hola {{ first_name }}, la audiencia es el martes.</p>",
                },
            ],
            "email_list": email_list,
        }
        values.update(fields)
        return Mailing.objects.create(**values)

    return make


class DroppingSink:
    """An SMTP sink that, once `drop_after` messages have arrived, hangs up on every new MAIL.

    It plays a server that falls over mid-batch; `heal()` brings it back.
    """

    def __init__(self, drop_after):
        self.drop_after = drop_after
        self.received = []
        self._lock = threading.Lock()

    def heal(self):
        self.drop_after = None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self._lock:
            full = self.drop_after is not None and len(self.received) >= self.drop_after
        if full:
            server.transport.close()
            await asyncio.sleep(0)
            return "421 closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def dropping_smtp(settings):
    from aiosmtpd.controller import Controller

    from conftest import free_port

    sink = DroppingSink(drop_after=None)
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield sink
    finally:
        controller.stop()
