"""Every case-desk form posted through its URL as the case team posts it: what they see next
(the redirect and its message, or the form again with its error) and what is stored."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from PIL import Image

from droplwop.cases import services
from droplwop.cases.models import Case, CaseContact, Consent, Document, Packet, Task
from droplwop.core.models import AuditEntry
from droplwop.inreach.models import Facility

from .conftest import make_staff, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def real_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def detail(case, anchor):
    return reverse("cases_admin:detail", args=[case.pk]) + f"#{anchor}"


@pytest.fixture
def desk(client, case, lead):
    client.force_login(lead)
    return client


def url(name, case, *more):
    return reverse(f"cases_admin:{name}", args=[case.pk, *more])


def test_document_upload_with_a_real_pdf_is_stored(desk, case, lead):
    response = desk.post(
        url("document_upload", case),
        {
            "kind": "certificate",
            "title": "GED certificate",
            "file": upload("ged.pdf", pdf_bytes(pages=2), "application/pdf"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail(case, "documents")
    assert messages_of(response) == ["Document stored."]
    document = Document.objects.get(case=case)
    assert (document.title, document.kind, document.page_count) == (
        "GED certificate",
        "certificate",
        2,
    )
    assert document.content_type == "application/pdf" and document.uploaded_by == lead
    with document.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF-")
    assert AuditEntry.objects.filter(actor=lead, action="case.document_uploaded").exists()


def test_document_upload_with_a_real_png_is_stored(desk, case):
    response = desk.post(
        url("document_upload", case),
        {"kind": "other", "title": "Photo", "file": upload("p.png", real_png(), "image/png")},
    )
    assert response.status_code == 302
    assert Document.objects.get(case=case).content_type == "image/png"


def test_a_file_that_only_starts_like_a_pdf_is_refused_at_upload(desk, case):
    response = desk.post(
        url("document_upload", case),
        {
            "kind": "certificate",
            "title": "Broken certificate",
            "file": upload("fake.pdf", b"%PDF-1.7\nthis is not a PDF at all\n" * 20),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This PDF could not be read. Please upload another copy." in page
    assert 'value="Broken certificate"' in page
    assert not Document.objects.filter(case=case).exists()


def test_a_cut_off_image_is_refused_at_upload(desk, case):
    response = desk.post(
        url("document_upload", case),
        {"kind": "other", "title": "Half", "file": upload("h.png", real_png()[:60])},
    )
    assert response.status_code == 400
    assert "This image could not be read. Please upload another copy." in response.content.decode()
    assert not Document.objects.filter(case=case).exists()


def test_the_refusal_is_in_spanish_for_a_spanish_speaking_organizer(desk, case):
    response = desk.post(
        url("document_upload", case),
        {"kind": "other", "title": "x", "file": upload("f.pdf", b"%PDF-" + b"0" * 200)},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert "No se pudo leer este PDF" in response.content.decode()


def test_create_case_form(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("cases_admin:create"),
        {
            "legal_name": "Ramona Fictional",
            "preferred_name": "Mona",
            "facility": Facility.objects.get(acronym="KVSP").pk,
            "county_of_conviction": "Fresno",
            "offense_date": "1999-04-02",
            "age_at_offense": "19",
        },
    )
    case = Case.objects.get(legal_name="Ramona Fictional")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases_admin:detail", args=[case.pk])
    assert messages_of(response) == ["Case opened. You lead its team."]
    assert case.members.get().user == lead and case.offense_date == datetime.date(1999, 4, 2)


def test_create_case_form_with_an_error_keeps_what_was_typed(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("cases_admin:create"), {"legal_name": "", "preferred_name": "Kept"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page and 'value="Kept"' in page
    assert not Case.objects.filter(preferred_name="Kept").exists()


def test_edit_case_form(desk, case):
    from django.forms.models import model_to_dict

    from droplwop.cases.forms import CaseForm

    data = {k: v for k, v in model_to_dict(case, fields=CaseForm._meta.fields).items() if v}
    data.update(preferred_name="Tess", yard="C")
    response = desk.post(url("edit", case), data)
    assert response.status_code == 302
    assert messages_of(response) == ["Case saved."]
    case.refresh_from_db()
    assert (case.preferred_name, case.yard) == ("Tess", "C")
    assert AuditEntry.objects.filter(action="case.updated").latest("pk").data == {
        "fields": ["preferred_name", "yard"]
    }


def test_cdcr_form(desk, case):
    response = desk.post(url("cdcr_add", case), {"number": "d-27854", "valid_from": "2020-01-01"})
    assert response.status_code == 302 and response["Location"] == detail(case, "identity")
    assert messages_of(response) == ["CDCR number added."]
    assert case.cdcr_numbers.filter(number="D27854").exists()


def test_member_form(desk, case):
    make_staff("new-helper", "Organizer")
    response = desk.post(url("member_add", case), {"username": "new-helper", "role": "member"})
    assert response.status_code == 302 and response["Location"] == detail(case, "team")
    assert messages_of(response) == ["Team member added."]
    assert case.members.filter(user__username="new-helper").exists()


def test_member_form_with_an_unknown_username(desk, case):
    response = desk.post(url("member_add", case), {"username": "nobody-here", "role": "member"})
    assert response.status_code == 400
    assert "No active staff account has this username." in response.content.decode()
    assert case.members.count() == 2


def test_member_remove(desk, case, member):
    membership = case.members.get(user=member)
    response = desk.post(url("member_remove", case, membership.pk))
    assert response.status_code == 302 and response["Location"] == detail(case, "team")
    assert not case.members.filter(user=member).exists()


def test_contact_form(desk, case):
    response = desk.post(
        url("contact_add", case),
        {"first_name": "Fay", "last_name": "Family", "email": "fay@example.org", "kind": "family"},
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "team")
    assert messages_of(response) == ["Contact linked."]
    assert CaseContact.objects.get(case=case).supporter.email == "fay@example.org"


def test_contact_form_with_a_bad_email(desk, case):
    response = desk.post(
        url("contact_add", case), {"first_name": "Fay", "email": "not-an-email", "kind": "family"}
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not CaseContact.objects.filter(case=case).exists()


def test_consent_form_with_a_real_scan(desk, case):
    response = desk.post(
        url("consent_record", case),
        {
            "recorded_on": "2026-02-01",
            "public_page": "on",
            "story": "on",
            "scan": upload("consent.pdf", pdf_bytes(), "application/pdf"),
        },
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "consent")
    assert messages_of(response) == ["Consent recorded."]
    consent = Consent.objects.get(case=case)
    assert consent.public_page and consent.story and not consent.photo and consent.scan


def test_consent_form_refuses_a_fake_scan(desk, case):
    response = desk.post(
        url("consent_record", case),
        {"recorded_on": "2026-02-01", "scan": upload("c.pdf", b"%PDF-" + b"x" * 100)},
    )
    assert response.status_code == 400
    assert "This PDF could not be read." in response.content.decode()
    assert not Consent.objects.filter(case=case).exists()


def test_stage_form(desk, case):
    response = desk.post(url("stage_add", case), {"stage": "da_notice", "date": "2026-02-02"})
    assert response.status_code == 302 and response["Location"] == detail(case, "stages")
    assert messages_of(response) == ["Stage recorded."]
    case.refresh_from_db()
    assert case.stage == "da_notice"


def test_stage_form_with_a_bad_date(desk, case):
    response = desk.post(url("stage_add", case), {"stage": "da_notice", "date": "02/31/2026"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert not case.stage_events.exists()


def test_pathway_form(desk, case):
    response = desk.post(
        url("pathway_set", case),
        {"pathway": "racial_justice", "state": "possibly_relevant", "note": "Check jury"},
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "pathways")
    assert messages_of(response) == ["Pathway updated."]
    assert case.pathways.get(pathway="racial_justice").note == "Check jury"


def test_pathway_form_without_a_status(desk, case):
    response = desk.post(url("pathway_set", case), {"pathway": "racial_justice"})
    assert response.status_code == 302
    assert messages_of(response) == ["Choose a status for the pathway."]
    assert case.pathways.get(pathway="racial_justice").state == "not_assessed"


def test_task_form_and_done(desk, case, member):
    response = desk.post(
        url("task_add", case), {"title": "Call DA", "due_on": "2026-03-01", "owner": member.pk}
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "tasks")
    assert messages_of(response) == ["Task added."]
    task = Task.objects.get(case=case)
    assert task.owner == member
    response = desk.post(url("task_done", case, task.pk))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None


def test_task_form_refuses_an_owner_off_the_team(desk, case, other_case):
    outsider = other_case.members.get().user
    response = desk.post(
        url("task_add", case), {"title": "X", "due_on": "2026-03-01", "owner": outsider.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Task.objects.filter(case=case).exists()


def test_letter_review_form(desk, case, lead):
    letter = services.submit_letter(
        case=case,
        email="w@example.org",
        writer_name="Wes Writer",
        relationship="family",
        city="Fresno",
        how_known="Brother",
        body="Please.",
        include_in_packet=True,
        language="en",
    )
    response = desk.post(url("letter_review", case, letter.pk), {"status": "approved"})
    assert response.status_code == 302 and response["Location"] == detail(case, "letters")
    assert messages_of(response) == ["Letter from Wes Writer: Approved."]
    letter.refresh_from_db()
    assert letter.status == "approved" and letter.reviewed_by == lead
    response = desk.post(url("letter_review", case, letter.pk), {"status": "bogus"})
    assert messages_of(response)[-1] == "Choose approve, reject or withdrawn."
    letter.refresh_from_db()
    assert letter.status == "approved"


def test_packet_build_form(desk, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(url("packet_build", case))
    packet = Packet.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == url("packet", case, packet.pk)
    assert packet.status == "done"


def test_mail_letter_form(desk, case):
    response = desk.post(
        url("mail_letter", case), {"message": "Hello from the team", "language": "es"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_mail_letter_form_without_a_message(desk, case):
    response = desk.post(url("mail_letter", case), {"message": "", "language": "en"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_case_page_form_offers_only_cases_with_consent(client, case, lead, other_case):
    """The Wagtail page form for a case page, posted through Wagtail's add-page URL."""
    from wagtail.models import Page

    from droplwop.cases.models import CasePage

    services.record_consent(
        actor=lead, case=case, recorded_on=datetime.date(2026, 1, 5), public_page=True, story=True
    )
    parent = Page.objects.get(depth=2, locale__language_code="en")
    client.force_login(make_staff("case-page-admin", "Administrator", is_superuser=True))
    add_url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", parent.pk])
    page = client.get(add_url).content.decode()
    assert f'value="{case.pk}"' in page and f'value="{other_case.pk}"' not in page
    response = client.post(
        add_url, {"title": "Free Testy", "slug": "free-testy", "case": other_case.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not CasePage.objects.filter(slug="free-testy").exists()
