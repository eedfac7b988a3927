"""The public campaign page and its support letter form."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from droplwop.cases import intake, services
from droplwop.cases.models import CasePage, SupportLetter
from droplwop.core.models import AuditEntry
from droplwop.supporters.models import Activity, Supporter

from .conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def consented_case(case, lead):
    services.record_consent(
        actor=lead,
        case=case,
        recorded_on=datetime.date(2026, 1, 10),
        public_page=True,
        story=True,
        name=False,
        photo=False,
    )
    return case


@pytest.fixture
def case_page(demo, consented_case):
    page = CasePage(
        title="Bring her home",
        slug="bring-her-home",
        case=consented_case,
        public_name="Testy Secret",
        story="<p>A story the person agreed to share.</p>",
    )
    demo["en"].add_child(instance=page)
    page.save_revision().publish()
    return page


def letter_data(**overrides):
    data = {
        "writer_name": "Rosa Escritora",
        "email": "rosa@example.org",
        "relationship": "family",
        "city": "Fresno",
        "how_known": "Soy su prima.",
        "body": "Querido Gobernador: <b>ella</b> merece volver <script>alert(1)</script>",
        "include_in_packet": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_page_shows_only_what_was_consented(client, case_page):
    html = client.get(case_page.url).content.decode()
    assert "A story the person agreed to share." in html
    assert "Testy Secret" not in html  # no consent to the name
    assert "Test Person Fictional" not in html and "AB1234" not in html


def test_a_letter_in_spanish_waits_for_review_and_is_escaped(client, case_page):
    url = reverse("cases:submit_letter", args=[case_page.pk]).replace("/en/", "/es/")
    response = client.post(url, letter_data())
    assert response.status_code == 302
    letter = SupportLetter.objects.get(case=case_page.case)
    assert letter.status == "pending" and letter.language == "es"
    assert letter.body.startswith("Querido Gobernador: <b>ella</b>")  # stored as typed
    supporter = Supporter.objects.get(email="rosa@example.org")
    assert Activity.objects.filter(supporter=supporter, kind="cases.letter_written").exists()

    client.force_login(case_page.case.members.first().user)
    admin_html = client.get(
        reverse("cases_admin:letter", args=[case_page.case.pk, letter.pk])
    ).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in admin_html
    assert "<script>alert(1)</script>" not in admin_html


def test_bad_input_keeps_what_was_typed_and_stores_nothing(client, case_page):
    url = reverse("cases:submit_letter", args=[case_page.pk])
    response = client.post(url, letter_data(email="not-an-email", body="", include_in_packet=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rosa Escritora" in html and "Soy su prima." in html
    assert 'aria-invalid="true"' in html
    assert "Write your letter or upload a signed copy." in html
    assert not SupportLetter.objects.filter(case=case_page.case).exists()
    assert not Supporter.objects.filter(email="not-an-email").exists()


def test_an_uploaded_letter_must_be_pdf_jpeg_or_png(client, case_page):
    url = reverse("cases:submit_letter", args=[case_page.pk])
    exe = upload("letter.pdf", b"MZ\x90\x00" + b"\x00" * 200)  # a Windows program named .pdf
    response = client.post(url, letter_data(body="", upload=exe))
    assert response.status_code == 400
    assert "not a PDF, JPEG or PNG" in response.content.decode()
    ok = upload("letter.pdf", pdf_bytes(text="Signed letter"))
    assert client.post(url, letter_data(body="", upload=ok)).status_code == 302
    assert SupportLetter.objects.get(case=case_page.case).upload_content_type == "application/pdf"


def test_a_200_mb_upload_is_refused_before_it_is_read(client, case_page):
    url = reverse("cases:submit_letter", args=[case_page.pk])
    response = client.post(url, letter_data(), CONTENT_LENGTH=str(200 * 1024 * 1024))
    assert response.status_code == 413
    assert "This file is too large. The limit is 20" in response.content.decode()
    assert not SupportLetter.objects.filter(case=case_page.case).exists()


def test_a_file_over_the_cap_is_stopped_while_streaming(client, case_page, settings):
    settings.CASES_MAX_UPLOAD_BYTES = 50_000
    url = reverse("cases:submit_letter", args=[case_page.pk])
    big = upload("big.pdf", b"%PDF-1.4\n" + b"0" * 49_000 + b"1" * 30_000)
    response = client.post(url, letter_data(upload=big))
    assert response.status_code == 413
    assert not SupportLetter.objects.filter(case=case_page.case).exists()


def test_honeypot_looks_fine_and_keeps_nothing(client, case_page):
    url = reverse("cases:submit_letter", args=[case_page.pk])
    response = client.post(url, letter_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not SupportLetter.objects.filter(case=case_page.case).exists()


def test_withdrawing_consent_unpublishes_at_once(client, case_page, lead):
    assert client.get(case_page.url).status_code == 200
    services.withdraw_consent(
        actor=lead, case=case_page.case, recorded_on=datetime.date(2026, 2, 1), note="By letter"
    )
    case_page.refresh_from_db()
    assert not case_page.live
    assert client.get(case_page.url).status_code == 404
    assert (
        client.post(reverse("cases:submit_letter", args=[case_page.pk]), letter_data()).status_code
        == 404
    )
    entry = AuditEntry.objects.filter(action="case.consent_recorded").first()
    assert entry.data["unpublished_pages"] == [case_page.pk]


def test_a_page_without_consent_is_never_served(client, demo, case):
    page = CasePage(title="No consent", slug="no-consent", case=case)
    demo["en"].add_child(instance=page)
    page.save_revision().publish()
    assert client.get(page.url).status_code == 404


def test_rejected_and_withdrawn_letters_never_reach_the_packet(case, lead):
    from droplwop.cases.selectors import list_letters_for_packet

    letters = {}
    for status in ("approved", "rejected", "withdrawn", "pending"):
        letter = services.submit_letter(
            case=case,
            email=f"{status}@example.org",
            writer_name=status,
            relationship="other",
            city="X",
            how_known="Y",
            body="Z",
            include_in_packet=True,
            language="en",
        )
        if status != "pending":
            services.review_letter(actor=lead, letter=letter, status=status)
        letters[status] = letter
    assert list(list_letters_for_packet(case)) == [letters["approved"]]


@pytest.fixture
def sent_mail(django_capture_on_commit_callbacks):
    """Run the work a request leaves for after its commit (the test's transaction never ends)."""

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def _change_link(outbox, email):
    [message] = [m for m in outbox if m.to == [email]]
    return re.search(r"https?://\S+/letters/change/\S+/", message.body).group(0)


def test_a_second_letter_never_replaces_the_first_and_answers_the_same(
    client, case_page, sent_mail
):
    url = reverse("cases:submit_letter", args=[case_page.pk])
    first = client.post(url, letter_data(body="My own words."))
    mail.outbox.clear()

    again = sent_mail(
        client, url, letter_data(body="Words put in my mouth.", writer_name="Impostor")
    )
    newcomer = client.post(url, letter_data(email="new@example.org"))

    assert again.status_code == newcomer.status_code == first.status_code == 302
    assert again["Location"] == newcomer["Location"] == first["Location"]
    letter = SupportLetter.objects.get(case=case_page.case, supporter__email="rosa@example.org")
    assert (letter.body, letter.writer_name) == ("My own words.", "Rosa Escritora")
    assert "/letters/change/" in _change_link(mail.outbox, "rosa@example.org")


def test_a_repeat_after_review_is_answered_the_same_and_changes_nothing(client, case_page, lead):
    url = reverse("cases:submit_letter", args=[case_page.pk])
    client.post(url, letter_data(body="Reviewed words."))
    letter = SupportLetter.objects.get(case=case_page.case)
    services.review_letter(actor=lead, letter=letter, status="approved")
    again = client.post(url, letter_data(body="Other words."))
    assert again.status_code == 302
    assert again["Location"].endswith("?sent=1#letter")
    letter.refresh_from_db()
    assert letter.body == "Reviewed words."


def test_the_writer_changes_their_pending_letter_through_the_mailed_link(
    client, case_page, lead, sent_mail
):
    url = reverse("cases:submit_letter", args=[case_page.pk])
    client.post(url, letter_data(body="First draft."))
    sent_mail(client, url, letter_data(body="ignored"))
    link = _change_link(mail.outbox, "rosa@example.org")
    path = link.split("://", 1)[1].partition("/")[2]
    form = client.get("/" + path)
    assert form.status_code == 200 and "First draft." in form.content.decode()

    empty = client.post("/" + path, {**letter_data(body=""), "city": "Visalia"})
    assert empty.status_code == 400
    assert 'value="Visalia"' in empty.content.decode()

    saved = client.post("/" + path, letter_data(body="Second draft."))
    assert saved.status_code == 302
    letter = SupportLetter.objects.get(case=case_page.case)
    assert letter.body == "Second draft."
    assert AuditEntry.objects.filter(action="case.letter_changed").count() == 1

    services.review_letter(actor=lead, letter=letter, status="approved")
    late = client.post("/" + path, letter_data(body="Too late."))
    assert late.status_code == 200
    letter.refresh_from_db()
    assert letter.body == "Second draft."


def test_a_forged_change_link_opens_nothing(client, case_page):
    response = client.get("/en/cases/letters/change/forged-token/")
    assert response.status_code == 400


def test_a_letter_is_one_small_insert_filed_later_once(client, case_page, monkeypatch):
    from types import SimpleNamespace

    from droplwop.core import deferred
    from droplwop.core.deferred import tasks
    from droplwop.core.models import PendingSubmission

    queued = []
    monkeypatch.setattr(
        tasks, "file_pending_task", SimpleNamespace(enqueue=lambda: queued.append(1))
    )
    url = reverse("cases:submit_letter", args=[case_page.pk])
    response = client.post(url, letter_data(body="My own words."))

    assert response.status_code == 302 and response["Location"].endswith("?sent=1#letter")
    assert queued and not SupportLetter.objects.filter(case=case_page.case).exists()
    assert PendingSubmission.objects.get().kind == "cases.letter"
    mail.outbox.clear()
    rows = list(PendingSubmission.objects.all())
    intake.file_letters(rows)
    intake.file_letters(rows)  # a batch filed again after a crash
    assert deferred.file_pending() == 1
    letter = SupportLetter.objects.get(case=case_page.case)
    assert (letter.body, letter.supporter.email) == ("My own words.", "rosa@example.org")
    assert Activity.objects.filter(supporter=letter.supporter).count() == 1
    assert mail.outbox == []


def test_an_uploaded_letter_is_stored_at_once(client, case_page):
    from droplwop.core.models import PendingSubmission

    url = reverse("cases:submit_letter", args=[case_page.pk])
    data = letter_data(body="", upload=upload("letter.pdf", pdf_bytes()))
    response = client.post(url, data)

    assert response.status_code == 302
    assert SupportLetter.objects.get(case=case_page.case).upload_content_type == "application/pdf"
    assert not PendingSubmission.objects.exists()
