"""Case desk screens in the Wagtail admin. Every view loads its case through
selectors.get_case_for_user: the case team and administrators get in, anyone else an audited
refusal (see admin_access). Reads of case pages and files are audited too."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from droplwop.core.audit import record_audit

from . import forms, selectors, services
from .admin_access import CaseAccessRefused
from .choices import PATHWAY_FACTS, LetterStatus, MemberRole, PacketStatus, Pathway
from .mail_letters import build_mail_letter_pdf, envelope_for
from .models import CaseMember, Document, Packet, SupportLetter, Task
from .uploads import guard_upload_size, request_too_large, sniff_content_type, too_large_message


def case_view(view):
    """Resolve `case_id` to a case the user may open, or refuse with 404 and an audit row."""

    @wraps(view)
    def wrapper(request, case_id, *args, **kwargs):
        case = selectors.get_case_for_user(request.user, case_id, request_path=request.path)
        return view(request, case, *args, **kwargs)

    return wrapper


def case_action(view):
    """A POST-only case URL. The case check comes first, so a visitor off the team gets the same
    audited refusal whatever the method; only the team learns that the URL wants a POST."""
    return case_view(require_POST(view))


def refuse_unless_lead(request, case):
    """None for the case lead or an administrator; otherwise an audited 403 response."""
    if selectors.is_case_admin(request.user) or (
        selectors.member_role(request.user, case) == MemberRole.LEAD
    ):
        return None
    record_audit(actor=request.user, action="case.access_denied", obj=case, summary=request.path)
    return HttpResponseForbidden(_("Only the case lead can change the team."))


def dashboard(request):
    user = request.user
    if not (user.has_perm("cases.add_case") or selectors.list_cases_for_user(user).exists()):
        record_audit(actor=user, action="case.access_denied", summary=request.path)
        raise CaseAccessRefused
    return TemplateResponse(
        request,
        "cases/admin/dashboard.html",
        {
            "cases": selectors.list_my_cases(user),
            "overdue": selectors.list_overdue_tasks(user),
            "stage_counts": selectors.count_cases_by_stage(user),
            "can_create": user.has_perm("cases.add_case"),
        },
    )


def case_create(request):
    if not request.user.has_perm("cases.add_case"):
        record_audit(actor=request.user, action="case.access_denied", summary=request.path)
        raise CaseAccessRefused
    form = forms.CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.create_case(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Case opened. You lead its team."))
        return redirect("cases_admin:detail", case.pk)
    return TemplateResponse(
        request,
        "cases/admin/case_form.html",
        {"form": form, "case": None},
        status=400 if form.errors else 200,
    )


def _detail_context(request, case, **bound):
    pathways = {p.pathway: p for p in case.pathways.all()}
    pathway_rows = []
    for pathway in Pathway:
        statute, summary = PATHWAY_FACTS[pathway]
        status = pathways.get(pathway.value)
        pathway_rows.append(
            {
                "key": pathway.value,
                "label": pathway.label,
                "statute": statute,
                "summary": summary,
                "state": status.state if status else "not_assessed",
                "note": status.note if status else "",
            }
        )
    return {
        "case": case,
        "role": selectors.member_role(request.user, case),
        "is_lead": selectors.is_case_admin(request.user)
        or selectors.member_role(request.user, case) == MemberRole.LEAD,
        "cdcr_numbers": case.cdcr_numbers.all(),
        "members": case.members.select_related("user"),
        "contacts": case.contacts.select_related("supporter"),
        "consent": case.current_consent,
        "consents": case.consents.select_related("recorded_by")[:10],
        "stage_events": case.stage_events.all(),
        "visible_stages": selectors.list_visible_stages(case),
        "pathway_rows": pathway_rows,
        "pathway_states": forms.PathwayForm.base_fields["state"].choices,
        "tasks": case.tasks.select_related("owner"),
        "today": timezone.localdate(),
        "documents": case.documents.all(),
        "letters": case.letters.all(),
        "packets": case.packets.all()[:10],
        "pages": case.pages.all(),
        "envelope": envelope_for(case),
        "cdcr_form": bound.get("cdcr_form") or forms.CdcrNumberForm(),
        "member_form": bound.get("member_form") or forms.MemberForm(),
        "contact_form": bound.get("contact_form") or forms.ContactForm(),
        "consent_form": bound.get("consent_form") or forms.ConsentForm(),
        "stage_form": bound.get("stage_form") or forms.StageForm(case=case),
        "task_form": bound.get("task_form") or forms.TaskForm(case=case),
        "document_form": bound.get("document_form") or forms.DocumentForm(),
    }


def _detail(request, case, status=200, **bound):
    # Rendering the case page is a read of the case, whatever brought the user here.
    record_audit(actor=request.user, action="case.viewed", obj=case)
    return TemplateResponse(
        request,
        "cases/admin/case_detail.html",
        _detail_context(request, case, **bound),
        status=status,
    )


@case_view
def case_detail(request, case):
    return _detail(request, case)


@case_view
def case_edit(request, case):
    form = forms.CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        services.update_case(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Case saved."))
        return redirect("cases_admin:detail", case.pk)
    record_audit(actor=request.user, action="case.viewed", obj=case, summary="edit form")
    return TemplateResponse(
        request,
        "cases/admin/case_form.html",
        {"form": form, "case": case},
        status=400 if form.errors else 200,
    )


def _back(case, anchor=""):
    return redirect(
        reverse("cases_admin:detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")
    )


@case_action
def cdcr_add(request, case):
    form = forms.CdcrNumberForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, status=400, cdcr_form=form)
    services.add_cdcr_number(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("CDCR number added."))
    return _back(case, "identity")


@case_action
def member_add(request, case):
    refused = refuse_unless_lead(request, case)
    if refused:
        return refused
    from droplwop.users.models import User

    form = forms.MemberForm(request.POST)
    if form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"], is_active=True).first()
        if user is None:
            form.add_error("username", _("No active staff account has this username."))
        else:
            try:
                services.add_member(
                    actor=request.user, case=case, user=user, role=form.cleaned_data["role"]
                )
            except ValidationError as exc:
                form.add_error("username", exc.messages[0])
            else:
                messages.success(request, _("Team member added."))
                return _back(case, "team")
    return _detail(request, case, status=400, member_form=form)


@case_action
def member_remove(request, case, member_id):
    refused = refuse_unless_lead(request, case)
    if refused:
        return refused
    member = get_object_or_404(CaseMember, pk=member_id, case=case)
    try:
        services.remove_member(actor=request.user, case=case, member=member)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _back(case, "team")


@case_action
def contact_add(request, case):
    form = forms.ContactForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, status=400, contact_form=form)
    services.add_contact(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("Contact linked."))
    return _back(case, "team")


def _multipart(view):
    """For uploads: refuse an oversized body before reading it, then check CSRF."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, case_id, *args, **kwargs):
        case = selectors.get_case_for_user(request.user, case_id, request_path=request.path)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if request_too_large(request):
            messages.error(request, too_large_message())
            response = _back(case, "documents")
            response.status_code = 303
            return response
        guard_upload_size(request)
        return protected(request, case, *args, **kwargs)

    return csrf_exempt(wrapper)


def _upload_was_too_large(request):
    return getattr(request, "cases_upload_too_large", False)


@_multipart
def consent_record(request, case):
    form = forms.ConsentForm(request.POST, request.FILES)
    if _upload_was_too_large(request):
        form.is_valid()
        form.add_error("scan", too_large_message())
    if form.errors or not form.is_valid():
        return _detail(request, case, status=400, consent_form=form)
    data = form.cleaned_data
    services.record_consent(
        actor=request.user,
        case=case,
        recorded_on=data["recorded_on"],
        public_page=data["public_page"],
        photo=data["photo"],
        story=data["story"],
        name=data["name"],
        scan=data.get("scan"),
        note=data["note"],
    )
    if data["public_page"]:
        messages.success(request, _("Consent recorded."))
    else:
        messages.warning(request, _("Consent withdrawn: the campaign pages are unpublished."))
    return _back(case, "consent")


@case_action
def stage_add(request, case):
    form = forms.StageForm(request.POST, case=case)
    if not form.is_valid():
        return _detail(request, case, status=400, stage_form=form)
    services.record_stage(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("Stage recorded."))
    return _back(case, "stages")


@case_action
def pathway_set(request, case):
    form = forms.PathwayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status for the pathway."))
        return _back(case, "pathways")
    services.set_pathway(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("Pathway updated."))
    return _back(case, "pathways")


@case_action
def task_add(request, case):
    form = forms.TaskForm(request.POST, case=case)
    if not form.is_valid():
        return _detail(request, case, status=400, task_form=form)
    try:
        services.add_task(actor=request.user, case=case, **form.cleaned_data)
    except ValidationError as exc:
        form.add_error("owner", exc.messages[0])
        return _detail(request, case, status=400, task_form=form)
    messages.success(request, _("Task added."))
    return _back(case, "tasks")


@case_action
def task_done(request, case, task_id):
    task = get_object_or_404(Task, pk=task_id, case=case)
    services.complete_task(actor=request.user, task=task)
    return _back(case, "tasks")


@_multipart
def document_upload(request, case):
    form = forms.DocumentForm(request.POST, request.FILES)
    if _upload_was_too_large(request):
        form.is_valid()
        form.add_error("file", too_large_message())
    if form.errors or not form.is_valid():
        return _detail(request, case, status=400, document_form=form)
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
        return _detail(request, case, status=400, document_form=form)
    messages.success(request, _("Document stored."))
    return _back(case, "documents")


def _serve_private(request, case, field_file, *, content_type, filename, what):
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
    return _serve_private(
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
    return _serve_private(
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
    return _serve_private(
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
    return _back(case, "letters")


@case_action
def packet_build(request, case):
    packet = services.request_packet(actor=request.user, case=case)
    return redirect("cases_admin:packet", case.pk, packet.pk)


@case_view
def packet_status(request, case, packet_id):
    packet = get_object_or_404(Packet, pk=packet_id, case=case)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": packet.status,
                "progress": packet.progress,
                "done": packet.status == PacketStatus.DONE,
            }
        )
    record_audit(actor=request.user, action="case.viewed", obj=case, summary=f"packet {packet.pk}")
    return TemplateResponse(
        request,
        "cases/admin/packet.html",
        {
            "case": case,
            "packet": packet,
            "working": packet.status in (PacketStatus.QUEUED, PacketStatus.BUILDING),
        },
    )


@case_view
def packet_download(request, case, packet_id):
    packet = get_object_or_404(Packet, pk=packet_id, case=case, status=PacketStatus.DONE)
    return _serve_private(
        request,
        case,
        packet.file,
        content_type="application/pdf",
        filename=f"packet-case-{case.pk}-v{packet.version}.pdf",
        what=f"packet:{packet.pk}",
    )


@case_view
def mail_letter(request, case):
    form = forms.MailLetterForm(request.POST or None, initial={"language": "en"})
    envelope = envelope_for(case)
    if request.method == "POST" and form.is_valid():
        pdf = build_mail_letter_pdf(
            case=case,
            message=form.cleaned_data["message"],
            language=form.cleaned_data["language"],
            sender=request.user,
        )
        record_audit(actor=request.user, action="case.mail_letter_printed", obj=case)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="letter-case-{case.pk}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
    record_audit(actor=request.user, action="case.viewed", obj=case, summary="mail letter form")
    return TemplateResponse(
        request,
        "cases/admin/mail_letter.html",
        {"case": case, "form": form, "envelope": envelope},
        status=400 if form.errors else 200,
    )
