"""The dashboard, opening a case, and the case page with its forms."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from droplwop.core.audit import record_audit

from .. import forms, selectors, services
from ..admin_access import CaseAccessRefused
from ..choices import PATHWAY_FACTS, MemberRole, Pathway
from ..mail_letters import envelope_for
from .guards import case_view


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


def detail_context(request, case, **bound):
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
        "role": selectors.get_member_role(request.user, case),
        "is_lead": selectors.is_case_admin(request.user)
        or selectors.get_member_role(request.user, case) == MemberRole.LEAD,
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


def render_detail(request, case, status=200, **bound):
    # Rendering the case page is a read of the case, whatever brought the user here.
    record_audit(actor=request.user, action="case.viewed", obj=case)
    return TemplateResponse(
        request,
        "cases/admin/case_detail.html",
        detail_context(request, case, **bound),
        status=status,
    )


@case_view
def case_detail(request, case):
    return render_detail(request, case)


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
