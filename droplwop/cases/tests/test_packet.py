"""The packet PDF: exhibits in order, only approved letters, HTML as text, certificates merged."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from droplwop.cases import services
from droplwop.cases.models import Packet

from .conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def write(case, lead, name, status, body):
    letter = services.submit_letter(
        case=case,
        email=f"{name.split()[0].lower()}@example.org",
        writer_name=name,
        relationship="family",
        city="Bakersfield",
        how_known="Family",
        body=body,
        include_in_packet=True,
        language="en",
    )
    if status != "pending":
        services.review_letter(actor=lead, letter=letter, status=status)
    return letter


def packet_text(packet):
    with packet.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return reader, [page.extract_text() for page in reader.pages]


def test_packet_holds_exhibits_in_order(client, case, lead, django_capture_on_commit_callbacks):
    write(case, lead, "Alma First", "approved", "First letter <b>bold</b> & more")
    write(case, lead, "Bruno Pending", "pending", "Not reviewed")
    write(case, lead, "Cora Rejected", "rejected", "Rejected text")
    write(case, lead, "Dina Second", "approved", "Second letter")
    services.upload_document(
        actor=lead,
        case=case,
        kind="certificate",
        title="Anger management",
        upload=upload("cert.pdf", pdf_bytes(pages=2, text="CERTIFICATE OF COMPLETION")),
    )
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cases_admin:packet_build", args=[case.pk]))
    packet = Packet.objects.get(case=case)
    assert response.status_code == 302
    assert packet.status == "done", packet.error
    assert packet.progress == 100 and packet.version == 1

    reader, pages = packet_text(packet)
    text = "\n".join(pages)
    assert "Not reviewed" not in text and "Rejected text" not in text
    assert "First letter <b>bold</b> & more" in text  # HTML kept as text
    position = text.index("Table of contents")
    for marker in (
        "Application summary",
        "Exhibit 1\nLetter of support from Alma First",
        "First letter",
        "Exhibit 2\nLetter of support from Dina Second",
        "Second letter",
        "Exhibit 3",
        "Program certificate:",
        "CERTIFICATE OF COMPLETION page 1",
        "CERTIFICATE OF COMPLETION page 2",
    ):
        found = text.find(marker, position + 1)
        assert found > position, marker
        position = found
    # Each letter starts a page; the certificate pages are the uploaded ones, in place.
    assert any(p.lstrip().startswith("Exhibit 1") or "\nExhibit 1\n" in p for p in pages)
    assert pages[-1].strip().startswith("CERTIFICATE OF COMPLETION page 2")
    assert [item["kind"] for item in packet.contents] == ["letter", "letter", "certificate"]
    toc = next(p for p in pages if "Table of contents" in p)
    first_letter_page = int(re.search(r"Alma First.*?(\d+)\s*$", toc, re.M).group(1))
    assert "First letter" in pages[first_letter_page - 1]

    download = client.get(reverse("cases_admin:packet_pdf", args=[case.pk, packet.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def build(case, lead, capture):
    with capture(execute=True):
        packet = services.request_packet(actor=lead, case=case)
    packet.refresh_from_db()
    return packet


def test_twice_convicted_case_mentions_the_supreme_court(
    case, lead, django_capture_on_commit_callbacks
):
    services.update_case(actor=lead, case=case, twice_convicted=True)
    packet = build(case, lead, django_capture_on_commit_callbacks)
    packet.refresh_from_db()
    _reader, pages = packet_text(packet)
    assert "Supreme Court recommendation required" in "\n".join(pages)


def test_packet_files_stay_out_of_media(
    client, case, lead, settings, django_capture_on_commit_callbacks
):
    packet = build(case, lead, django_capture_on_commit_callbacks)
    packet.refresh_from_db()
    path = packet.file.path
    assert path.startswith(str(settings.PRIVATE_STORAGE_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{packet.file.name}").status_code == 404


def test_signer_exhibit_lists_everyone_in_order_where_the_toc_says(
    case, lead, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from droplwop.petitions.models import Petition, Signature
    from droplwop.supporters.models import Supporter

    petition = Petition.objects.create(title="Bring Testy home", text="Commute the sentence.")
    services.update_case(actor=lead, case=case, petition=petition)
    write(case, lead, "Alma First", "approved", "First letter")
    now = timezone.now()
    people = Supporter.objects.bulk_create(
        Supporter(email=f"s{n}@example.org", first_name=f"Signer{n:03d}", city="Fresno")
        for n in range(1, 131)
    )
    Signature.objects.bulk_create(
        Signature(petition=petition, supporter=p, created_at=now, confirmed_at=now) for p in people
    )
    packet = build(case, lead, django_capture_on_commit_callbacks)
    assert packet.status == "done", packet.error
    _reader, pages = packet_text(packet)

    toc = next(p for p in pages if "Table of contents" in p)
    listed = int(re.search(r"Petition: Bring Testy home.*?(\d+)\s*$", toc, re.M).group(1))
    assert "Exhibit 2\nPetition: Bring Testy home" in pages[listed - 1]
    assert "Exhibit 1" not in pages[listed - 1]
    signers = "\n".join(pages[listed - 1 :])
    positions = [signers.index(f"Signer{n:03d}, Fresno") for n in range(1, 131)]
    assert positions == sorted(positions)
    # 130 names do not fit on the exhibit's first page: the rest carry the exhibit number.
    assert "Exhibit 2: signers, continued" in pages[listed]
