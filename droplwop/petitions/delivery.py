"""The delivery copy: a PDF with a cover, the text, the targets, the total and every signer.

Large lists are laid out in independent chunks (WeasyPrint holds a whole document in memory,
and its layout time grows with the size of one document) and joined with pypdf. Each chunk
starts its page counter where the previous one ended, so the footers number the whole file.
The DeliveryFile row carries the progress the organizer watches.
"""

import io
from itertools import islice

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from pypdf import PdfWriter
from weasyprint import HTML

from .models import DeliveryFile, SignOnLetter
from .selectors import (
    count_online_signatures,
    count_signatures,
    list_signers_for_delivery,
    list_verified_organizations,
)


def _pdf(template: str, context: dict) -> tuple[bytes, int]:
    """The PDF of one part and its number of pages."""
    document = HTML(string=render_to_string(template, context)).render()
    return document.write_pdf(), len(document.pages)


def render_delivery_pdf(petition, *, on_progress=None, chunk_size=None) -> bytes:
    """The whole PDF in English (the language of the offices it goes to)."""
    chunk_size = chunk_size or getattr(settings, "PETITIONS_DELIVERY_CHUNK", 1000)
    with translation.override("en"):
        counts = petition.signatures.aggregate(
            confirmed=Count("id", filter=Q(confirmed_at__isnull=False))
        )
        total_signers = counts["confirmed"]
        letter = SignOnLetter.objects.filter(pk=petition.pk).first()
        context = {
            "petition": petition,
            "text": letter.letter_en if letter else petition.text,
            "organizations": list_verified_organizations(letter) if letter else [],
            "targets": list(petition.targets.all()),
            "online": count_online_signatures(petition),
            "paper": petition.paper_count,
            "total": count_signatures(petition),
            "date": timezone.localdate(),
        }
        writer = PdfWriter()
        part, pages = _pdf("petitions/delivery/cover.html", context)
        writer.append(io.BytesIO(part))
        signers = list_signers_for_delivery(petition)
        done = 0
        while True:
            chunk = list(islice(signers, chunk_size))
            if not chunk:
                break
            part, count = _pdf(
                "petitions/delivery/signers.html",
                {**context, "signers": chunk, "start": done + 1, "page_start": pages + 1},
            )
            writer.append(io.BytesIO(part))
            pages += count
            done += len(chunk)
            if on_progress:
                on_progress(done, total_signers)
        writer.add_metadata({"/Title": petition.title})
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()


def build(delivery_file: DeliveryFile) -> None:
    def progress(done, total):
        DeliveryFile.objects.filter(pk=delivery_file.pk).update(
            progress=min(99, done * 100 // max(total, 1)), total_signers=total
        )

    DeliveryFile.objects.filter(pk=delivery_file.pk).update(state=DeliveryFile.State.BUILDING)
    try:
        data = render_delivery_pdf(delivery_file.petition, on_progress=progress)
        name = f"petitions/delivery/petition-{delivery_file.petition_id}-{delivery_file.pk}.pdf"
        path = storages["private"].save(name, ContentFile(data))
    except Exception as exc:  # the organizer sees the failure instead of a spinner forever
        DeliveryFile.objects.filter(pk=delivery_file.pk).update(
            state=DeliveryFile.State.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    DeliveryFile.objects.filter(pk=delivery_file.pk).update(
        state=DeliveryFile.State.READY, progress=100, path=path, finished_at=timezone.now()
    )
