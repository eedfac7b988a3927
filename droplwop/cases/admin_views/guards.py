"""What every case-desk view stands behind: the case check (before anything else), the lead's
right to change the team, uploads read only once their size is known, and the way back."""

from functools import wraps

from django.contrib import messages
from django.http import (
    HttpResponseForbidden,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from droplwop.core.audit import record_audit

from .. import selectors
from ..choices import MemberRole
from ..uploads import guard_upload_size, request_too_large, too_large_message


def case_view(view):
    """Resolve `case_id` to a case the user may open, or answer the audited 403 (admin_access)."""

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
        selectors.get_member_role(request.user, case) == MemberRole.LEAD
    ):
        return None
    record_audit(actor=request.user, action="case.access_denied", obj=case, summary=request.path)
    return HttpResponseForbidden(_("Only the case lead can change the team."))


def back_to(case, anchor=""):
    return redirect(
        reverse("cases_admin:detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")
    )


def multipart_case_view(view):
    """For uploads: refuse an oversized body before reading it, then check CSRF."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, case_id, *args, **kwargs):
        case = selectors.get_case_for_user(request.user, case_id, request_path=request.path)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if request_too_large(request):
            messages.error(request, too_large_message())
            response = back_to(case, "documents")
            response.status_code = 303
            return response
        guard_upload_size(request)
        return protected(request, case, *args, **kwargs)

    return csrf_exempt(wrapper)


def upload_was_too_large(request):
    return getattr(request, "cases_upload_too_large", False)
