"""The supporter screens' forms posted through their URLs by an Organizer: import (a real CSV
file), export filters, merge and privacy request. What they see next and what is stored."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from droplwop.core.models import AuditEntry
from droplwop.supporters.models import ImportJob, Supporter

pytestmark = pytest.mark.django_db


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def staff(client, organizer):
    client.force_login(organizer)
    return client


def test_import_form_with_a_real_csv_goes_to_the_column_step(staff, organizer):
    csv_file = SimpleUploadedFile(
        "people.csv",
        b"email,first_name,zip_code\nana@example.org,Ana,94110\n",
        content_type="text/csv",
    )
    response = staff.post(reverse("supporters_admin:imports"), {"file": csv_file})
    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("supporters_admin:import_mapping", args=[job.pk])
    assert job.original_name == "people.csv"


def test_import_form_without_a_file_shows_the_error(staff):
    before = ImportJob.objects.count()
    response = staff.post(reverse("supporters_admin:imports"), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert ImportJob.objects.count() == before


def test_export_form_filters_and_refuses_a_bad_zip(staff):
    Supporter.objects.create(email="zip1@example.org", zip_code="94110")
    Supporter.objects.create(email="zip2@example.org", zip_code="10001")
    response = staff.get(reverse("supporters_admin:export"), {"zip_prefix": "941"})
    body = b"".join(response.streaming_content).decode()
    assert "zip1@example.org" in body and "zip2@example.org" not in body
    response = staff.get(reverse("supporters_admin:export"), {"zip_prefix": "ab"})
    assert response.status_code == 200
    assert "Enter a valid value." in response.content.decode()
    assert 'value="ab"' in response.content.decode()


def test_merge_form(staff, organizer):
    keep = Supporter.objects.create(email="m.one@example.org", first_name="Mara")
    gone = Supporter.objects.create(email="m.two@example.org", phone="555-0100")
    response = staff.post(
        reverse("supporters_admin:merge", args=[keep.pk, gone.pk]), {"keep": str(keep.pk)}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("supporters_people:inspect", args=[keep.pk])
    assert said(response)[0].startswith("Merged.")
    keep.refresh_from_db()
    assert keep.phone == "555-0100" and not Supporter.objects.filter(pk=gone.pk).exists()
    assert AuditEntry.objects.filter(actor=organizer, action="supporter.merged").exists()


def test_merge_form_without_a_choice_shows_the_form_again(staff):
    first = Supporter.objects.create(email="n.one@example.org")
    second = Supporter.objects.create(email="n.two@example.org")
    response = staff.post(reverse("supporters_admin:merge", args=[first.pk, second.pk]), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Supporter.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_privacy_form_anonymizes_after_the_email_is_typed(staff):
    person = Supporter.objects.create(email="erase.me@example.org", first_name="Erin")
    url = reverse("supporters_admin:privacy", args=[person.pk])
    response = staff.post(url, {"action": "anonymize", "confirm_email": "someone@example.org"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.anonymized_at is None
    response = staff.post(url, {"action": "anonymize", "confirm_email": "erase.me@example.org"})
    assert response["Location"] == reverse("supporters_people:index")
    assert said(response) == ["The record was anonymized."]
    person.refresh_from_db()
    assert person.anonymized_at is not None and person.first_name == ""
