"""The mailing screen's forms (test send, schedule, stop) posted through their URLs by an
Organizer: the redirect and message they see, and what is stored."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from droplwop.core.models import AuditEntry, OrganizationSettings
from droplwop.mailings.models import Mailing, MailingStatus

pytestmark = pytest.mark.django_db


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def staff(client, organizer):
    # Sending and scheduling need the coalition's postal address (CAN-SPAM).
    row = OrganizationSettings.load()
    row.mailing_address = "PO Box 1, Sacramento, CA 95812"
    row.save()
    client.force_login(organizer)
    return client


def test_a_test_send_to_a_bad_address_is_refused(staff, make_mailing, organizer):
    mailing = make_mailing()
    url = reverse("mailings_admin:test_send", args=[mailing.pk])
    response = staff.post(url, {"email": "not an address", "language": "en"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mailings_admin:dashboard", args=[mailing.pk])
    assert said(response) == ["Enter a valid email address for the test."]
    assert not AuditEntry.objects.filter(actor=organizer, action="mailing.test_sent").exists()


def test_a_test_send_is_queued_and_audited(staff, make_mailing, organizer):
    mailing = make_mailing()
    response = staff.post(
        reverse("mailings_admin:test_send", args=[mailing.pk]),
        {"email": "me@example.org", "language": "es"},
    )
    assert said(response) == ["A test is on its way to me@example.org."]
    entry = AuditEntry.objects.get(actor=organizer, action="mailing.test_sent")
    assert entry.data == {"language": "es"}


def test_schedule_then_stop(staff, make_mailing, settings):
    # The queue that runs the site: the tests' immediate backend cannot hold a task for later.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mailing = make_mailing()
    response = staff.post(
        reverse("mailings_admin:schedule", args=[mailing.pk]), {"send_at": "2099-05-01 10:30"}
    )
    assert response["Location"] == reverse("mailings_admin:dashboard", args=[mailing.pk])
    assert said(response) == ["The mailing is scheduled."]
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SCHEDULED
    assert (mailing.scheduled_at.year, mailing.scheduled_at.month) == (2099, 5)

    response = staff.post(reverse("mailings_admin:cancel", args=[mailing.pk]))
    assert said(response)[-1] == "The mailing was stopped."
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT


@pytest.mark.parametrize(
    ("send_at", "message"),
    [
        ("next tuesday", "Enter a date and time to send at."),
        ("2001-01-01 09:00", "Choose a time in the future."),
    ],
)
def test_schedule_with_a_bad_time(staff, make_mailing, send_at, message):
    mailing = make_mailing()
    response = staff.post(
        reverse("mailings_admin:schedule", args=[mailing.pk]), {"send_at": send_at}
    )
    assert response.status_code == 302
    assert said(response) == [message]
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT and mailing.scheduled_at is None


def test_stopping_a_draft_says_why_not(staff, make_mailing):
    mailing = make_mailing()
    response = staff.post(reverse("mailings_admin:cancel", args=[mailing.pk]))
    assert said(response) == ["Only a scheduled mailing or one being sent can be stopped."]
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DRAFT


def test_a_new_mailing_posted_without_its_body_is_shown_again_with_the_reason(staff):
    # A hand-made or truncated POST: the English body's block count never arrived.
    response = staff.post(
        "/admin/mailings/new/",
        {"title": "Hearing news", "subject_en": "The hearing", "preheader_en": ""},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    html = response.content.decode()
    assert response.status_code == 200
    # The stream field's errors travel to its widget as JSON, where the admin's script shows them.
    assert "Este texto lleg\\u00f3 incompleto. Escr\\u00edbelo de nuevo." in html
    assert 'value="Hearing news"' in html
    assert not Mailing.objects.filter(title="Hearing news").exists()
