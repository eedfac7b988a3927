"""The clemency packet: one WeasyPrint document, then uploaded PDFs put in place with pypdf.

Uploaded PDFs (certificates, letters sent as PDF) get blank placeholder pages in the HTML, as
many as they have, so the table of contents and page numbers are right; after rendering, each
placeholder page is swapped for the real page.

A file that cannot be read (cut off, not what it claimed, gone from storage) is left out of the
packet rather than failing it: the build goes on without that exhibit and names it in
`Packet.skipped`, which the packet's page shows to the case team.
"""

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from pypdf import PdfReader, PdfWriter

from droplwop.core.audit import record_audit

from .choices import DocumentKind, PacketStatus
from .models import Document, Packet
from .packet_signers import signer_pages
from .selectors import get_petition_summary, list_letters_for_packet, list_visible_stages
from .uploads import check_image_bytes, read_pdf

logger = logging.getLogger(__name__)


@dataclass
class Exhibit:
    number: int
    kind: str
    title: str
    anchor: str
    letter: object = None
    document: object = None
    image_path: str = ""
    placeholder_pages: int = 0
    reader: object = None
    petition: dict = field(default_factory=dict)
    signer_pages: list = field(default_factory=list)

    @property
    def placeholder_numbers(self):
        return range(1, self.placeholder_pages + 1)


def _set_progress(packet: Packet, progress: int, status: str = PacketStatus.BUILDING) -> None:
    packet.progress = progress
    packet.status = status
    Packet.objects.filter(pk=packet.pk).update(progress=progress, status=status)


def _file_path(field_file) -> str:
    return str(Path(field_file.storage.path(field_file.name)).resolve())


def _open_exhibit_file(field_file, content_type: str):
    """The PDF's reader (None for an image) once the file has proved readable and writable;
    otherwise the reason it is left out: "missing" or "unreadable"."""
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None, "missing"
    try:
        if content_type != "application/pdf":
            check_image_bytes(data, content_type)
            return None, ""
        reader = read_pdf(data)
        # Some files parse yet fail when their pages are written out: find out now, per file.
        PdfWriter(clone_from=reader).write(io.BytesIO())
    # ValidationError from our checks, or anything the writer raises on the same hostile
    # structures the reader met: either way the file cannot go in.
    except Exception:
        return None, "unreadable"
    return reader, ""


def collect_exhibits(case) -> tuple[list[Exhibit], list[dict]]:
    """The exhibits in packet order, and the files left out because they cannot be read."""
    exhibits: list[Exhibit] = []
    skipped: list[dict] = []

    def add(**kwargs):
        number = len(exhibits) + 1
        exhibits.append(Exhibit(number=number, anchor=f"exhibit-{number}", **kwargs))

    def add_file(*, kind, title, field_file, content_type, letter=None, document=None):
        reader, problem = _open_exhibit_file(field_file, content_type)
        if problem:
            logger.warning("Packet for case %s leaves out %s %r: %s", case.pk, kind, title, problem)
            skipped.append(
                {
                    "kind": kind,
                    "title": title,
                    "reason": problem,
                    "letter": letter.pk if letter else None,
                    "document": document.pk if document else None,
                }
            )
        elif reader is not None:
            add(
                kind=kind,
                title=title,
                letter=letter,
                document=document,
                reader=reader,
                placeholder_pages=len(reader.pages),
            )
        else:
            add(
                kind=kind,
                title=title,
                letter=letter,
                document=document,
                image_path=_file_path(field_file),
            )

    for letter in list_letters_for_packet(case):
        title = f"{letter.writer_name}, {letter.city}"
        if letter.upload:
            add_file(
                kind="letter",
                title=title,
                field_file=letter.upload,
                content_type=letter.upload_content_type,
                letter=letter,
            )
        else:
            add(kind="letter", title=title, letter=letter)
    petition = get_petition_summary(case)
    if petition is not None:
        add(
            kind="petition",
            title=petition["petition"].title,
            petition=petition,
            signer_pages=signer_pages(petition["signers"], total_hint=petition["total"]),
        )
    for document in Document.objects.filter(case=case, kind=DocumentKind.CERTIFICATE).order_by(
        "uploaded_at", "id"
    ):
        add_file(
            kind="certificate",
            title=document.title,
            field_file=document.file,
            content_type=document.content_type,
            document=document,
        )
    return exhibits, skipped


def _counted(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def cover_contents(*, case, exhibits) -> str:
    """What the packet holds, as one English list for the cover letter (the Governor's language).

    The letters come last: their description has commas of its own, which would otherwise run
    into the list's.
    """
    parts = []
    for exhibit in exhibits:
        if exhibit.kind == "petition":
            total = exhibit.petition["total"]
            parts.append(f"a petition signed by {_counted(total, 'person', 'people')}")
    certificates = sum(1 for e in exhibits if e.kind == "certificate")
    if certificates:
        parts.append(
            _counted(certificates, "certificate", "certificates") + " of completed programs"
        )
    letters = sum(1 for e in exhibits if e.kind == "letter")
    if letters:
        parts.append(
            _counted(letters, "letter", "letters")
            + " of support from family, employers, program staff, faith communities and others"
            f" who know {case.display_name}"
        )
    if len(parts) > 1:
        parts[-1] = "and " + parts[-1]
    return (", " if len(parts) > 2 else " ").join(parts)


def render_packet_html(*, case, exhibits, packet) -> str:
    team = [m.user for m in case.members.select_related("user").order_by("role", "id")]
    with translation.override("en"):
        return render_to_string(
            "cases/pdf/packet.html",
            {
                "case": case,
                "packet": packet,
                "exhibits": exhibits,
                "cover_contents": cover_contents(case=case, exhibits=exhibits),
                "team": team,
                "stage_events": case.stage_events.order_by("date", "id"),
                "visible_stages": list_visible_stages(case),
                "cdcr_number": case.current_cdcr_number,
                "today": timezone.localdate(),
            },
        )


def build_packet(*, packet: Packet) -> Packet:
    """Render, merge and store one packet version; a failure is kept on the row, not raised."""
    # WeasyPrint loads Pango and its fonts: only the processes that build a PDF pay for it.
    from weasyprint import HTML

    case = packet.case
    _set_progress(packet, 5)
    try:
        exhibits, skipped = collect_exhibits(case)
        _set_progress(packet, 20)
        html = render_packet_html(case=case, exhibits=exhibits, packet=packet)
        document = HTML(string=html, base_url=str(Path(__file__).parent)).render()
        _set_progress(packet, 70)
        anchor_pages = {}
        for index, page in enumerate(document.pages):
            for anchor in page.anchors:
                anchor_pages.setdefault(anchor, index)
        main = PdfReader(io.BytesIO(document.write_pdf()))
        _set_progress(packet, 85)
        swaps = {}
        for exhibit in exhibits:
            if not exhibit.placeholder_pages:
                continue
            reader = exhibit.reader
            for k in range(exhibit.placeholder_pages):
                page_index = anchor_pages.get(f"{exhibit.anchor}-p{k + 1}")
                if page_index is not None and k < len(reader.pages):
                    swaps[page_index] = reader.pages[k]
        writer = PdfWriter()
        for index, page in enumerate(main.pages):
            writer.add_page(swaps.get(index, page))
        writer.add_metadata(
            {"/Title": f"Commutation support packet: {case.legal_name} (v{packet.version})"}
        )
        output = io.BytesIO()
        writer.write(output)
        packet.contents = [
            {
                "exhibit": e.number,
                "kind": e.kind,
                "title": e.title,
                "page": anchor_pages.get(e.anchor, -1) + 1,
                "letter": e.letter.pk if e.letter else None,
                "document": e.document.pk if e.document else None,
            }
            for e in exhibits
        ]
        packet.skipped = skipped
        packet.page_count = len(main.pages)
        packet.file.save(
            f"packet-{case.pk}-v{packet.version}.pdf", ContentFile(output.getvalue()), save=False
        )
        packet.status = PacketStatus.DONE
        packet.progress = 100
        packet.finished_at = timezone.now()
        packet.save()
        record_audit(
            actor=packet.requested_by,
            action="case.packet_built",
            obj=case,
            data={
                "packet": packet.pk,
                "version": packet.version,
                "exhibits": len(exhibits),
                "skipped": skipped,
            },
        )
    except Exception as exc:  # the packet row must say it failed, whatever the cause
        logger.exception("Packet %s failed", packet.pk)
        packet.status = PacketStatus.FAILED
        packet.error = str(exc)[:255]
        packet.save(update_fields=["status", "error"])
    return packet
