"""The door in front of every case-desk URL.

The case desk is mounted outside Wagtail's admin URLconf so that it, not Wagtail, answers
visitors who may not come in: Wagtail would send an anonymous visitor to the login page (which
confirms the URL exists) and leave no trace. Here every refusal, anonymous or staff, is the
same audited 403, whether or not the case exists.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.admin.auth import require_admin_access

from droplwop.core.audit import record_audit


class CaseAccessRefused(PermissionDenied):
    """Raised where a case-desk view refuses a visitor; the refusal is already audited."""


def refused_response(request):
    return TemplateResponse(request, "cases/admin/refused.html", status=403)


def _audit_refusal(request, kwargs):
    record_audit(
        actor=request.user,
        action="case.access_denied",
        object_type="cases.case",
        object_id=kwargs.get("case_id", ""),
        summary=f"Refused {request.path}"[:255],
    )


def guard_case_desk(view):
    @wraps(view)
    def answer_refusals(request, *args, **kwargs):
        # Caught here, inside Wagtail's check, which would turn it into a redirect.
        try:
            return view(request, *args, **kwargs)
        except CaseAccessRefused:
            return refused_response(request)

    admin_view = require_admin_access(answer_refusals)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
            _audit_refusal(request, kwargs)
            return refused_response(request)
        return admin_view(request, *args, **kwargs)

    return wrapper
