"""The clemency packet and the printed letter to the person inside."""

from django.http import (
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from droplwop.core.audit import record_audit

from .. import forms, services
from ..choices import PacketStatus
from ..mail_letters import build_mail_letter_pdf, envelope_for
from ..models import Packet
from .files import serve_private
from .guards import case_action, case_view


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
    return serve_private(
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
