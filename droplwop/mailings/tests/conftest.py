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

    It plays a server that falls over mid-batch; `heal()` brings it back. It can also refuse
    chosen recipients at RCPT or chosen messages after their body.
    """

    def __init__(self, drop_after):
        self.drop_after = drop_after
        self.received = []
        self.refuse_recipients = set()  # answered 550 at RCPT
        self.refuse_messages_to = set()  # answered 554 after the message's final "."
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

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_recipients:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if set(envelope.rcpt_tos) & self.refuse_messages_to:
            return "554 5.7.1 Message refused"
        with self._lock:
            self.received.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture(params=[False, True], ids=["one-command-at-a-time", "pipelining"])
def pipelining(request):
    """Delivery talks to servers with and without PIPELINING differently: test both ways."""
    return request.param


@pytest.fixture
def smtp_server(settings, pipelining):
    from conftest import SmtpSink, smtp_sink_running

    with smtp_sink_running(settings, SmtpSink(), pipelining=pipelining) as sink:
        yield sink


@pytest.fixture
def dropping_smtp(settings, pipelining):
    from conftest import smtp_sink_running

    with smtp_sink_running(settings, DroppingSink(drop_after=None), pipelining=pipelining) as sink:
        yield sink
