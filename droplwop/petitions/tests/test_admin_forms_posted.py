"""The petition dashboard's forms posted through their URLs by an Organizer: the redirect and
message they see, and what is stored."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from droplwop.core.models import AuditEntry
from droplwop.petitions import services
from droplwop.petitions.models import PetitionUpdate, Signature

pytestmark = pytest.mark.django_db


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def staff(client, organizer):
    client.force_login(organizer)
    return client


def dashboard(petition):
    return reverse("petitions_admin:dashboard", args=[petition.pk])


@pytest.mark.parametrize(
    ("value", "message", "stored"),
    [
        ("12", "Paper count saved.", 12),
        ("-3", "Enter a whole number of paper signatures, 0 or more.", 0),
        ("twelve", "Enter a whole number of paper signatures, 0 or more.", 0),
    ],
)
def test_paper_count_form(staff, petition, value, message, stored):
    response = staff.post(
        reverse("petitions_admin:paper", args=[petition.pk]), {"paper_count": value}
    )
    assert response.status_code == 302 and response["Location"] == dashboard(petition)
    assert said(response) == [message]
    petition.refresh_from_db()
    assert petition.paper_count == stored


def test_remove_signature_form(staff, petition, organizer):
    signature = services.sign_petition(
        petition=petition, email="spam@example.org", first_name="Spam", last_name="Bot",
        zip_code="94110", city="Oakland", comment="",
    ).signature  # fmt: skip
    response = staff.post(
        reverse("petitions_admin:remove", args=[petition.pk, signature.pk]), {"reason": "spam"}
    )
    assert response.status_code == 302 and response["Location"] == dashboard(petition)
    assert said(response) == ["Signature removed."]
    assert not Signature.objects.filter(pk=signature.pk).exists()
    assert AuditEntry.objects.filter(actor=organizer, action="petitions.signature_removed").exists()


def test_send_update_form(staff, petition, django_capture_on_commit_callbacks):
    update = PetitionUpdate.objects.create(
        petition=petition, title_en="Delivered", title_es="Entregada",
        body_en="We delivered it.", body_es="La entregamos.",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("petitions_admin:send_update", args=[petition.pk, update.pk]))
    assert response.status_code == 302 and response["Location"] == dashboard(petition)
    assert said(response) == ["The update is being emailed to signers who asked for updates."]
    update.refresh_from_db()
    assert update.emailed_at is not None
