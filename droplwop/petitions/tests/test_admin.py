import io

import pytest
from pypdf import PdfReader

from droplwop.core.models import AuditEntry
from droplwop.petitions import services
from droplwop.petitions.delivery import render_delivery_pdf
from droplwop.petitions.models import DeliveryFile

pytestmark = pytest.mark.django_db


def signed(petition, email, first, last, comment=""):
    return services.sign_petition(
        petition=petition,
        email=email,
        first_name=first,
        last_name=last,
        zip_code="94110",
        city="Oakland",
        comment=comment,
    ).signature


@pytest.fixture
def signatures(petition):
    return [
        signed(petition, "jose@example.org", "José", "Hernández", "Bring them home"),
        signed(petition, "thanh@example.org", "Thanh", "Nguyễn"),
        signed(petition, "evil@example.org", '=HYPERLINK("http://x")', "Smith", "=1+1"),
    ]


def test_delivery_pdf_has_cover_text_targets_total_and_signers(petition, signatures):
    petition.paper_count = 40
    petition.save()
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_delivery_pdf(petition))).pages
    )
    assert "Test petition to the Governor" in text
    assert "Commute every sentence of life without parole." in text
    assert "Governor Test Governor" in text
    assert "43 signatures: 3 online and 40 on paper" in text
    assert "José Hernández" in text and "Thanh Nguyễn" in text and "Bring them home" in text


def test_delivery_task_reports_progress_and_serves_the_file_to_staff(
    client, organizer, petition, signatures, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/petition-dashboard/{petition.pk}/delivery/")
    delivery = DeliveryFile.objects.get(petition=petition)
    assert response.status_code == 302
    assert delivery.state == "ready" and delivery.progress == 100 and delivery.total_signers == 3
    status = client.get(f"/admin/petition-dashboard/{petition.pk}/delivery/{delivery.pk}/")
    assert "Download the PDF" in status.content.decode()
    pdf = client.get(f"/admin/petition-dashboard/{petition.pk}/delivery/{delivery.pk}/download/")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_csv_export_guards_formulas_and_is_audited(client, organizer, petition, signatures):
    client.force_login(organizer)
    response = client.get(f"/admin/petition-dashboard/{petition.pk}/export.csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body and "'=1+1" in body
    assert "\n=" not in body and ",=" not in body
    assert "José" in body and "jose@example.org" in body
    assert AuditEntry.objects.filter(action="petitions.signers_exported", actor=organizer).exists()


@pytest.mark.parametrize("path", ["", "export.csv", "delivery/"])
def test_anonymous_and_editors_cannot_see_signers(client, editor, petition, signatures, path):
    url = f"/admin/petition-dashboard/{petition.pk}/{path}"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(editor)
    response = client.get(url) if path != "delivery/" else client.post(url)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "jose@example.org" not in response.content.decode()
    assert not DeliveryFile.objects.filter(petition=petition).exists()


def test_dashboard_shows_totals_chart_sources_and_search(client, organizer, petition, signatures):
    client.force_login(organizer)
    body = client.get(f"/admin/petition-dashboard/{petition.pk}/?q=thanh").content.decode()
    assert "<svg" in body and "<rect" in body
    assert "thanh@example.org" in body and "jose@example.org" not in body


def test_removal_and_paper_count_from_the_dashboard(client, organizer, petition, signatures):
    client.force_login(organizer)
    client.post(
        f"/admin/petition-dashboard/{petition.pk}/signatures/{signatures[2].pk}/remove/",
        {"reason": "spam"},
    )
    client.post(f"/admin/petition-dashboard/{petition.pk}/paper/", {"paper_count": "12"})
    client.post(f"/admin/petition-dashboard/{petition.pk}/paper/", {"paper_count": "-3"})
    from droplwop.petitions.selectors import count_signatures

    petition.refresh_from_db()
    assert count_signatures(petition) == 2 + 12
    assert (
        AuditEntry.objects.filter(action="petitions.signature_removed", actor=organizer).count()
        == 1
    )
