"""Organizer screens in the Wagtail admin: totals, chart, sources, signers, delivery."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from droplwop.core.audit import record_audit
from droplwop.core.csv_safe import csv_response

from . import chart, selectors, services
from .models import DeliveryFile, OrgSignature, Petition, PetitionUpdate, Signature

VIEW_SIGNERS = "petitions.view_signature"

EXPORT_HEADER = [
    "signed",
    "confirmed",
    "first_name",
    "last_name",
    "email",
    "zip",
    "city",
    "comment",
    "listed",
    "updates",
    "language",
    "channel",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
]


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


class PaperCountForm(forms.Form):
    paper_count = forms.IntegerField(
        label=gettext_lazy("Paper signatures"), min_value=0, max_value=10_000_000
    )


def petition_list(request):
    _require(request, VIEW_SIGNERS)
    petitions = [(p, selectors.count_signatures(p)) for p in Petition.objects.all()]
    return TemplateResponse(request, "petitions/admin/petition_list.html", {"petitions": petitions})


def dashboard(request, pk):
    _require(request, VIEW_SIGNERS)
    petition = get_object_or_404(Petition, pk=pk)
    query = request.GET.get("q", "")[:100]
    page = Paginator(selectors.list_signatures(petition, query), 50).get_page(request.GET.get("p"))
    context = {
        "petition": petition,
        "totals": selectors.get_petition_totals(petition),
        "chart": chart.bars(selectors.list_signatures_per_day(petition, days=30)),
        "sources": selectors.list_signatures_by_source(petition),
        "query": query,
        "signatures": page,
        "paper_form": PaperCountForm(initial={"paper_count": petition.paper_count}),
        "deliveries": petition.delivery_files.all()[:5],
        "updates": petition.updates.all()[:10],
        "org_signatures": OrgSignature.objects.filter(letter_id=petition.pk).select_related(
            "supporter"
        ),
        "can_remove": request.user.has_perm("petitions.delete_signature"),
        "can_change": request.user.has_perm("petitions.change_petition"),
    }
    return TemplateResponse(request, "petitions/admin/dashboard.html", context)


@require_POST
def set_paper_count(request, pk):
    _require(request, "petitions.change_petition")
    petition = get_object_or_404(Petition, pk=pk)
    form = PaperCountForm(request.POST)
    if form.is_valid():
        services.set_paper_count(
            petition=petition, count=form.cleaned_data["paper_count"], actor=request.user
        )
        messages.success(request, _("Paper count saved."))
    else:
        messages.error(request, _("Enter a whole number of paper signatures, 0 or more."))
    return redirect("petitions_admin:dashboard", pk=pk)


@require_POST
def remove_signature(request, pk, signature_id):
    _require(request, "petitions.delete_signature")
    signature = get_object_or_404(Signature, pk=signature_id, petition_id=pk)
    services.remove_signature(
        signature=signature, actor=request.user, reason=request.POST.get("reason", "")[:200]
    )
    messages.success(request, _("Signature removed."))
    return redirect("petitions_admin:dashboard", pk=pk)


@require_POST
def verify_organization(request, pk, org_id):
    _require(request, "petitions.change_orgsignature")
    org_signature = get_object_or_404(OrgSignature, pk=org_id, letter_id=pk)
    services.verify_org_signature(org_signature=org_signature, actor=request.user)
    messages.success(request, _("Organization verified: it now appears on the letter."))
    return redirect("petitions_admin:dashboard", pk=pk)


@require_POST
def send_update(request, pk, update_id):
    _require(request, "petitions.change_petitionupdate")
    update = get_object_or_404(PetitionUpdate, pk=update_id, petition_id=pk)
    services.publish_update(update=update, actor=request.user)
    messages.success(request, _("The update is being emailed to signers who asked for updates."))
    return redirect("petitions_admin:dashboard", pk=pk)


def export_csv(request, pk):
    _require(request, VIEW_SIGNERS)
    petition = get_object_or_404(Petition, pk=pk)
    record_audit(actor=request.user, action="petitions.signers_exported", obj=petition)
    return csv_response(
        f"petition-{petition.pk}-signers.csv", EXPORT_HEADER, selectors.list_export_rows(petition)
    )


@require_POST
def request_delivery(request, pk):
    _require(request, VIEW_SIGNERS)
    petition = get_object_or_404(Petition, pk=pk)
    delivery = services.request_delivery_file(petition=petition, actor=request.user)
    return redirect("petitions_admin:delivery", pk=pk, delivery_id=delivery.pk)


def delivery_status(request, pk, delivery_id):
    _require(request, VIEW_SIGNERS)
    delivery = get_object_or_404(DeliveryFile, pk=delivery_id, petition_id=pk)
    return TemplateResponse(request, "petitions/admin/delivery.html", {"delivery": delivery})


def delivery_download(request, pk, delivery_id):
    _require(request, VIEW_SIGNERS)
    delivery = get_object_or_404(
        DeliveryFile, pk=delivery_id, petition_id=pk, state=DeliveryFile.State.READY
    )
    storage = storages["private"]
    if not delivery.path or not storage.exists(delivery.path):
        raise Http404
    record_audit(actor=request.user, action="petitions.delivery_downloaded", obj=delivery.petition)
    return FileResponse(
        storage.open(delivery.path, "rb"),
        as_attachment=True,
        filename=f"petition-{pk}-delivery.pdf",
        content_type="application/pdf",
    )
