"""Staff sign-in screens in the Wagtail admin: two-factor set-up, the code step, lockouts."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied

from . import login_guard, two_factor

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def two_factor_settings(request):
    """Enrol (QR code and secret, then a code to confirm), or turn two-factor sign-in off."""
    device = two_factor.get_confirmed_device(request.user)
    if request.method == "POST":
        code = request.POST.get("code", "")
        if device is None and two_factor.confirm_device(request=request, code=code):
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("users_two_factor")
        if device is not None and two_factor.disable_device(request=request, code=code):
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("users_two_factor")
        messages.error(request, _("That code did not match. Enter the current six-digit code."))
    context = {"device": device, "required": two_factor.must_enrol(request.user)}
    if device is None:
        pending = two_factor.get_pending_device(request.user)
        context |= {"qr_svg": two_factor.qr_svg(pending), "secret": two_factor.secret_text(pending)}
    return render(request, "users/admin/two_factor.html", context)


def two_factor_code(request):
    """The sign-in step after the password, for staff with an authenticator."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""
    if request.method == "POST":
        if two_factor.verify_sign_in(request=request, code=request.POST.get("code", "")):
            return redirect(target or "wagtailadmin_home")
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return login_guard.lockout_response(request)
        messages.error(request, _("That code did not match. Enter the current six-digit code."))
    return render(request, "users/admin/two_factor_code.html", {"next": target})


def lockouts(request):
    """Accounts and addresses locked after failed sign-ins, each with an Unlock button."""
    if not request.user.has_perm(UNLOCK_PERMISSION):
        return permission_denied(request)
    return render(request, "users/admin/lockouts.html", {"lockouts": login_guard.list_lockouts()})


@require_POST
def unlock(request, attempt_id):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        return permission_denied(request)
    if login_guard.unlock(actor=request.user, attempt_id=attempt_id):
        messages.success(request, _("Unlocked. The next sign-in attempt is allowed."))
    return redirect("users_lockouts")
