import re
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from droplwop.mailings import delivery, services
from droplwop.mailings.models import MailingStatus, Send, SendClaim, SendStatus, Suppression
from droplwop.mailings.selectors import get_mailing_stats

pytestmark = pytest.mark.django_db


def _start(mailing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.start_mailing(mailing=mailing)


def _text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def _html_part(message):
    return message.get_body(preferencelist=("html",)).get_content()


def test_each_recipient_gets_one_copy_in_their_language(
    smtp_server, make_supporter, make_mailing, settings, django_capture_on_commit_callbacks
):
    settings.MAILINGS_BATCH_SIZE = 3
    for i in range(5):
        make_supporter(f"en{i}@example.org", first_name=f"Ana{i}")
    make_supporter("es1@example.org", first_name="Beto", language="es")
    make_supporter("es2@example.org", first_name="Carla", language="es")
    make_supporter("gone@example.org", subscribed=False)
    bounced = make_supporter("bounced@example.org")
    Suppression.objects.create(supporter=bounced, reason="bounced")
    mailing = make_mailing()

    assert _start(mailing, django_capture_on_commit_callbacks) == 7

    recipients = Counter(m["To"] for m in smtp_server.messages)
    assert len(recipients) == 7 and set(recipients.values()) == {1}
    assert "gone@example.org" not in recipients and "bounced@example.org" not in recipients
    assert smtp_server.to("en0@example.org")[0]["Subject"] == "News for Ana0"
    spanish = smtp_server.to("es1@example.org")[0]
    assert spanish["Subject"] == "Noticias para Beto"
    assert "Hola Beto, la audiencia es el martes." in _text_part(spanish)
    assert "Darse de baja" in _html_part(spanish)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    stats = get_mailing_stats(mailing)
    assert (stats["sent"], stats["failed"], stats["waiting"]) == (7, 0, 0)


def test_spanish_readers_get_english_when_there_is_no_spanish_version(
    smtp_server, make_supporter, make_mailing, django_capture_on_commit_callbacks
):
    make_supporter("es@example.org", first_name="Dora", language="es")
    mailing = make_mailing(subject_es="", preheader_es="", body_es=[])

    _start(mailing, django_capture_on_commit_callbacks)

    message = smtp_server.to("es@example.org")[0]
    assert message["Subject"] == "News for Dora"
    assert "Hello Dora, the hearing is Tuesday." in _text_part(message)


def test_merge_fields_fall_back_and_are_escaped_in_html(
    smtp_server, make_supporter, make_mailing, django_capture_on_commit_callbacks
):
    make_supporter("noname@example.org")
    make_supporter("sinnombre@example.org", language="es")
    make_supporter("html@example.org", first_name='<b>Eve</b> & "Co"')
    make_supporter("crlf@example.org", first_name="Mal\r\nBcc: victim@example.org")
    mailing = make_mailing()

    _start(mailing, django_capture_on_commit_callbacks)

    assert smtp_server.to("noname@example.org")[0]["Subject"] == "News for friend"
    assert "Hello friend," in _text_part(smtp_server.to("noname@example.org")[0])
    assert "Hola amigo/a," in _text_part(smtp_server.to("sinnombre@example.org")[0])
    html_message = smtp_server.to("html@example.org")[0]
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;" in _html_part(html_message)
    assert "<b>Eve</b>" not in _html_part(html_message)
    assert 'Hello <b>Eve</b> & "Co",' in _text_part(html_message)
    injected = smtp_server.to("crlf@example.org")[0]
    assert injected["Bcc"] is None
    assert injected["Subject"] == "News for Mal Bcc: victim@example.org"


def test_every_message_has_unsubscribe_headers_and_both_parts(
    smtp_server, make_supporter, make_mailing, django_capture_on_commit_callbacks
):
    make_supporter("headers@example.org", first_name="Hal")
    mailing = make_mailing()

    _start(mailing, django_capture_on_commit_callbacks)

    message = smtp_server.to("headers@example.org")[0]
    list_unsubscribe = message["List-Unsubscribe"]
    # No mailto: offered while no mailbox is set to receive it.
    assert "<mailto:" not in list_unsubscribe and "/mail/unsubscribe/" in list_unsubscribe
    assert list_unsubscribe.startswith("<http")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    text, html = _text_part(message), _html_part(message)
    assert "Read more (https://example.org/x)" in text
    assert "Unsubscribe:" in text and "/mail/unsubscribe/" in text
    assert "/en/supporters/preferences/" in text and "/en/supporters/preferences/" in html
    assert 'href="https://example.org/x"' in html
    send = Send.objects.get(supporter__email="headers@example.org")
    assert message["Message-ID"] == f"<m{mailing.pk}.s{send.pk}@localhost>"


def test_a_configured_unsubscribe_mailbox_is_offered_with_the_recipients_token(
    smtp_server, make_supporter, make_mailing, settings, django_capture_on_commit_callbacks
):
    settings.MAILINGS_UNSUBSCRIBE_MAILTO = "unsubscribe@droplwop.example"
    make_supporter("mailto@example.org")
    _start(make_mailing(), django_capture_on_commit_callbacks)

    header = " ".join(smtp_server.to("mailto@example.org")[0]["List-Unsubscribe"].split())
    mailto, https = re.fullmatch(
        r"<mailto:unsubscribe@droplwop\.example\?subject=unsubscribe-(\S+)>, <(https?://\S+)>",
        header,
    ).groups()
    assert https.rstrip("/").endswith(mailto)


def test_a_server_that_drops_the_connection_mid_batch_resumes_without_duplicates(
    dropping_smtp, make_supporter, make_mailing, settings
):
    settings.MAILINGS_BATCH_SIZE = 3
    settings.MAILINGS_MAX_CONNECTION_FAILURES = 2
    emails = [f"p{i}@example.org" for i in range(10)]
    for email in emails:
        make_supporter(email)
    mailing = make_mailing()
    services.start_mailing(mailing=mailing)  # no on-commit: delivery runs below, by hand
    dropping_smtp.drop_after = 4

    first = delivery.deliver_mailing(mailing.pk)

    assert dropping_smtp.received == emails[:4]
    assert first.sent == 4 and first.errors
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENDING and "Disconnected" in mailing.last_error
    assert Send.objects.filter(mailing=mailing, status=SendStatus.QUEUED).count() == 6
    assert not SendClaim.objects.exists()

    dropping_smtp.heal()
    delivery.deliver_mailing(mailing.pk)

    assert sorted(dropping_smtp.received) == sorted(emails)
    assert len(dropping_smtp.received) == len(set(dropping_smtp.received))
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT


def test_refused_recipients_and_messages_fail_alone_and_the_rest_go_out(
    dropping_smtp, make_supporter, make_mailing, settings
):
    settings.MAILINGS_BATCH_SIZE = 4
    emails = [f"r{i}@example.org" for i in range(7)]
    for email in emails:
        make_supporter(email)
    dropping_smtp.refuse_recipients = {emails[1], emails[2]}
    dropping_smtp.refuse_messages_to = {emails[4], emails[6]}
    mailing = make_mailing()
    services.start_mailing(mailing=mailing)

    report = delivery.deliver_mailing(mailing.pk)

    assert dropping_smtp.received == [emails[0], emails[3], emails[5]]
    assert (report.sent, report.failed, report.errors) == (3, 4, [])
    sends = {s.supporter.email: s for s in Send.objects.filter(mailing=mailing)}
    assert {e for e, s in sends.items() if s.status == SendStatus.SENT} == set(
        dropping_smtp.received
    )
    assert sends[emails[1]].status == sends[emails[2]].status == SendStatus.FAILED
    assert sends[emails[1]].error.startswith("550")
    assert sends[emails[4]].status == sends[emails[6]].status == SendStatus.FAILED
    assert sends[emails[6]].error.startswith("554")
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT


def test_a_dead_workers_batch_is_recovered_and_its_risky_row_never_resent(
    dropping_smtp, make_supporter, make_mailing, settings
):
    settings.MAILINGS_CLAIM_LEASE_SECONDS = 60
    emails = [f"w{i}@example.org" for i in range(6)]
    for email in emails:
        make_supporter(email)
    mailing = make_mailing()
    services.start_mailing(mailing=mailing)
    # A worker claimed four sends, handed the first over fully (the server has it) and died
    # just after the final "." of the second: its log says inflight for both.
    token = delivery.claim_batch(mailing.pk, 4)
    claimed = list(Send.objects.filter(claim_token=token).order_by("pk"))
    Send.objects.filter(pk__in=[claimed[0].pk, claimed[1].pk]).update(status=SendStatus.INFLIGHT)
    dropping_smtp.received.extend([emails[0], emails[1]])
    SendClaim.objects.filter(token=token).update(heartbeat_at=timezone.now() - timedelta(minutes=5))

    delivery.deliver_mailing(mailing.pk)

    assert sorted(dropping_smtp.received) == sorted(emails)
    statuses = dict(Send.objects.filter(mailing=mailing).values_list("supporter__email", "status"))
    assert statuses[emails[0]] == statuses[emails[1]] == SendStatus.UNCERTAIN
    assert {statuses[e] for e in emails[2:]} == {SendStatus.SENT}


def test_a_live_claim_is_left_alone_and_a_revoked_worker_stops(
    smtp_server, make_supporter, make_mailing
):
    for i in range(3):
        make_supporter(f"l{i}@example.org")
    mailing = make_mailing()
    services.start_mailing(mailing=mailing)
    token = delivery.claim_batch(mailing.pk, 3)

    assert delivery.recover_stale_claims(mailing.pk) == 0
    # Recovery gave the batch back (as if the lease had run out): the old owner must not send.
    delivery.release_claim(token)
    Send.objects.filter(mailing=mailing).update(claim_token=token, status=SendStatus.QUEUED)
    sender = delivery.MailingSender(mailing)

    report = sender.deliver_batch(token)

    assert report.sent == 0 and smtp_server.messages == []


def test_recipients_who_leave_after_the_start_are_skipped(
    smtp_server, make_supporter, make_mailing
):
    stays = make_supporter("stays@example.org")
    leaves = make_supporter("leaves@example.org")
    mailing = make_mailing()
    services.start_mailing(mailing=mailing)
    leaves.subscriptions.update(status="unsubscribed")

    delivery.deliver_mailing(mailing.pk)

    assert [m["To"] for m in smtp_server.messages] == [stays.email]
    assert Send.objects.get(supporter=leaves).status == SendStatus.SKIPPED
