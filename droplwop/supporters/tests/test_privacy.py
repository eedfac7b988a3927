import csv
import io
import json

import pytest

from droplwop.core.models import AuditEntry
from droplwop.supporters import privacy, services
from droplwop.supporters.models import Activity, Subscription, SubscriptionStatus, Supporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(person, lists):
    services.subscribe(
        supporter=person,
        email_list=lists["updates"],
        source="form",
        consent_text="Yes, email me.",
        confirmed=True,
    )
    services.record_activity(
        supporter=person, kind="petitions.signed", summary="Signed", data={"comment": "mine"}
    )
    return person


def test_ccpa_export_holds_the_record_and_related_rows(client, organizer, subscribed):
    client.force_login(organizer)
    data = json.loads(client.get(f"/admin/supporters/people/{subscribed.pk}/export.json").content)
    assert data["supporter"]["email"] == "maria.lopez@example.org"
    assert data["related"]["supporters.subscription"][0]["consent_text"] == "Yes, email me."
    assert any(a["kind"] == "petitions.signed" for a in data["related"]["supporters.activity"])
    response = client.get(f"/admin/supporters/people/{subscribed.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert ["supporters.supporter", str(subscribed.pk), "email", "maria.lopez@example.org"] in rows
    assert AuditEntry.objects.filter(action="supporter.ccpa_export", actor=organizer).count() == 2


def test_anonymize_keeps_consent_history_without_identity(organizer, subscribed):
    privacy.anonymize_supporter(supporter=subscribed, actor=organizer, reason="CCPA #12")
    person = Supporter.objects.get(pk=subscribed.pk)
    assert person.anonymized_at
    assert "maria" not in person.email and not person.first_name and not person.last_name
    subscription = Subscription.objects.get(supporter=person)
    assert subscription.consent_text == "Yes, email me."
    assert subscription.confirmed_at is not None
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    assert Activity.objects.get(supporter=person, kind="petitions.signed").data == {}
    assert AuditEntry.objects.get(action="supporter.anonymized").data["reason"] == "CCPA #12"
    _again, created = services.find_or_create_supporter(email="maria.lopez@example.org")
    assert created


def test_delete_removes_rows_but_keeps_consent(organizer, subscribed):
    privacy.delete_supporter_data(supporter=subscribed, actor=organizer)
    assert not Activity.objects.filter(supporter=subscribed).exists()
    assert Subscription.objects.get(supporter=subscribed).consent_text == "Yes, email me."
    assert AuditEntry.objects.filter(action="supporter.deleted").exists()


def test_privacy_screen_needs_the_typed_email(client, organizer, subscribed):
    client.force_login(organizer)
    url = f"/admin/supporters/people/{subscribed.pk}/privacy/"
    response = client.post(url, {"action": "anonymize", "confirm_email": "wrong@example.org"})
    assert response.status_code == 200
    assert not Supporter.objects.get(pk=subscribed.pk).anonymized_at
    response = client.post(url, {"action": "anonymize", "confirm_email": "maria.lopez@example.org"})
    assert response.status_code == 302
    assert Supporter.objects.get(pk=subscribed.pk).anonymized_at


@pytest.mark.parametrize("erase", [privacy.anonymize_supporter, privacy.delete_supporter_data])
def test_a_persons_waiting_submissions_are_exported_and_erased(client, organizer, person, erase):
    """A form's submission waits a moment before it is filed (core.deferred): it is theirs too."""
    from droplwop.core.models import PendingSubmission

    waiting = {"petition": 1, "email": person.email, "comment": "Waiting words"}
    PendingSubmission.objects.create(
        kind="petitions.signature", email=person.email, payload=waiting
    )
    PendingSubmission.objects.create(kind="petitions.signature", email="else@example.org")
    client.force_login(organizer)
    data = json.loads(client.get(f"/admin/supporters/people/{person.pk}/export.json").content)
    assert [row["payload"]["comment"] for row in data["waiting"]] == ["Waiting words"]

    erase(supporter=person, actor=organizer)

    assert list(PendingSubmission.objects.values_list("email", flat=True)) == ["else@example.org"]
