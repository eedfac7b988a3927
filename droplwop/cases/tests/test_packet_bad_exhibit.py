"""A file that cannot be read never stops a packet: the build leaves it out and says which."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from droplwop.cases import services
from droplwop.cases.models import Packet

from .conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db

BROKEN = b"%PDF-1.7\nonly the first bytes of a PDF\n" * 10


def spoil(field_file):
    """What an upload that only looked like a PDF left in storage before uploads were checked."""
    with field_file.storage.open(field_file.name, "wb") as handle:
        handle.write(BROKEN)


def test_a_bad_exhibit_is_left_out_named_and_the_packet_still_builds(
    client, case, lead, django_capture_on_commit_callbacks
):
    good = services.submit_letter(
        case=case, email="g@example.org", writer_name="Gina Good", relationship="family",
        city="Fresno", how_known="Aunt", body="She has changed.", include_in_packet=True,
        language="en", upload=upload("g.pdf", pdf_bytes(text="GINA SIGNED LETTER")),
    )  # fmt: skip
    bad = services.submit_letter(
        case=case, email="b@example.org", writer_name="Bert Broken", relationship="friend",
        city="Visalia", how_known="School", body="", include_in_packet=True,
        language="en", upload=upload("b.pdf", pdf_bytes(text="BERT")),
    )  # fmt: skip
    for letter in (good, bad):
        services.review_letter(actor=lead, letter=letter, status="approved")
    certificate = services.upload_document(
        actor=lead, case=case, kind="certificate", title="Welding",
        upload=upload("w.pdf", pdf_bytes(text="WELDING")),
    )  # fmt: skip
    spoil(bad.upload)
    spoil(certificate.file)

    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases_admin:packet_build", args=[case.pk]))
    packet = Packet.objects.get(case=case)
    assert packet.status == "done", packet.error
    assert [(s["kind"], s["title"], s["reason"]) for s in packet.skipped] == [
        ("letter", "Bert Broken, Visalia", "unreadable"),
        ("certificate", "Welding", "unreadable"),
    ]
    assert [c["title"] for c in packet.contents] == ["Gina Good, Fresno"]
    with packet.file.open("rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "GINA SIGNED LETTER" in text
    assert "Bert Broken" not in text and "WELDING" not in text

    page = client.get(reverse("cases_admin:packet", args=[case.pk, packet.pk])).content.decode()
    assert "Left out of this packet" in page
    assert "Bert Broken, Visalia" in page and "Welding" in page
    assert reverse("cases_admin:letter", args=[case.pk, bad.pk]) in page


def test_a_missing_file_is_named_as_missing(case, lead, django_capture_on_commit_callbacks):
    certificate = services.upload_document(
        actor=lead, case=case, kind="certificate", title="GED",
        upload=upload("g.pdf", pdf_bytes()),
    )  # fmt: skip
    certificate.file.storage.delete(certificate.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        packet = services.request_packet(actor=lead, case=case)
    packet.refresh_from_db()
    assert packet.status == "done"
    assert [(s["title"], s["reason"]) for s in packet.skipped] == [("GED", "missing")]
