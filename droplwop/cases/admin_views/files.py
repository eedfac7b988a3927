"""Documents, consent scans and support letters: uploads, audited downloads, review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from droplwop.core.audit import record_audit

from .. import forms, services
from ..choices import LetterStatus
from ..models import Document, SupportLetter
from ..uploads import sniff_content_type, too_large_message
from .case import render_detail
from .guards import back_to, case_action, case_view, multipart_case_view, upload_was_too_large


@multipart_case_view
def document_upload(request, case):
    form = forms.DocumentForm(request.POST, request.FILES)
    if upload_was_too_large(request):
        form.is_valid()
        form.add_error("file", too_large_message())
    if form.errors or not form.is_valid():
        return render_detail(request, case, status=400, document_form=form)
    try:
        services.upload_document(
            actor=request.user,
            case=case,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
    except ValidationError as exc:
        form.add_error("file", exc.messages[0])
        return render_detail(request, case, status=400, document_form=form)
    messages.success(request, _("Document stored."))
    return back_to(case, "documents")


def serve_private(request, case, field_file, *, content_type, filename, what):
    if not field_file:
        raise Http404
    record_audit(actor=request.user, action="case.file_viewed", obj=case, data={"what": what})
    response = FileResponse(field_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


_EXT = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@case_view
def document_download(request, case, document_id):
    document = get_object_or_404(Document, pk=document_id, case=case)
    return serve_private(
        request,
        case,
        document.file,
        content_type=document.content_type,
        filename=f"case-{case.pk}-document-{document.pk}.{_EXT.get(document.content_type, 'bin')}",
        what=f"document:{document.pk}",
    )


@case_view
def consent_scan(request, case, consent_id):
    consent = get_object_or_404(case.consents, pk=consent_id)
    if not consent.scan:
        raise Http404
    with consent.scan.open("rb") as handle:
        content_type = sniff_content_type(handle)
    return serve_private(
        request,
        case,
        consent.scan,
        content_type=content_type or "application/octet-stream",
        filename=f"case-{case.pk}-consent-{consent.pk}.{_EXT.get(content_type, 'bin')}",
        what=f"consent:{consent.pk}",
    )


@case_view
def letter_file(request, case, letter_id):
    letter = get_object_or_404(SupportLetter, pk=letter_id, case=case)
    return serve_private(
        request,
        case,
        letter.upload,
        content_type=letter.upload_content_type or "application/octet-stream",
        filename=f"case-{case.pk}-letter-{letter.pk}.{_EXT.get(letter.upload_content_type, 'bin')}",
        what=f"letter:{letter.pk}",
    )


@case_view
def letter_detail(request, case, letter_id):
    letter = get_object_or_404(SupportLetter, pk=letter_id, case=case)
    record_audit(
        actor=request.user, action="case.letter_viewed", obj=case, data={"letter": letter.pk}
    )
    return TemplateResponse(request, "cases/admin/letter.html", {"case": case, "letter": letter})


@case_action
def letter_review(request, case, letter_id):
    letter = get_object_or_404(SupportLetter, pk=letter_id, case=case)
    decision = request.POST.get("status", "")
    if decision not in (LetterStatus.APPROVED, LetterStatus.REJECTED, LetterStatus.WITHDRAWN):
        messages.error(request, _("Choose approve, reject or withdrawn."))
    else:
        services.review_letter(actor=request.user, letter=letter, status=decision)
        messages.success(
            request,
            _("Letter from %(name)s: %(status)s.")
            % {"name": letter.writer_name, "status": letter.get_status_display()},
        )
    return back_to(case, "letters")
