"""Who the person is and who stands with them: CDCR numbers, the team, contacts, consent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from droplwop.users.models import User

from .. import forms, services
from ..models import CaseMember
from ..uploads import too_large_message
from .case import render_detail
from .guards import (
    back_to,
    case_action,
    multipart_case_view,
    refuse_unless_lead,
    upload_was_too_large,
)


@case_action
def cdcr_add(request, case):
    form = forms.CdcrNumberForm(request.POST)
    if not form.is_valid():
        return render_detail(request, case, status=400, cdcr_form=form)
    services.add_cdcr_number(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("CDCR number added."))
    return back_to(case, "identity")


@case_action
def member_add(request, case):
    refused = refuse_unless_lead(request, case)
    if refused:
        return refused
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
                return back_to(case, "team")
    return render_detail(request, case, status=400, member_form=form)


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
    return back_to(case, "team")


@case_action
def contact_add(request, case):
    form = forms.ContactForm(request.POST)
    if not form.is_valid():
        return render_detail(request, case, status=400, contact_form=form)
    services.add_contact(actor=request.user, case=case, **form.cleaned_data)
    messages.success(request, _("Contact linked."))
    return back_to(case, "team")


@multipart_case_view
def consent_record(request, case):
    form = forms.ConsentForm(request.POST, request.FILES)
    if upload_was_too_large(request):
        form.is_valid()
        form.add_error("scan", too_large_message())
    if form.errors or not form.is_valid():
        return render_detail(request, case, status=400, consent_form=form)
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
    return back_to(case, "consent")
