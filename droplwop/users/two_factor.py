"""Two-factor sign-in with TOTP (django-otp): enrolment, the code step, and who must use it.

A password alone signs a staff member in only halfway when they have an authenticator: until they
give a code, every admin page sends them to the code step and the rest of the site treats them
as anonymous.
"""

from base64 import b32encode

import segno
from django.contrib.auth import user_login_failed
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from droplwop.core.audit import record_audit

from .roles import ADMINISTRATOR

DEVICE_NAME = "authenticator"


def get_confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def get_pending_device(user):
    """The unconfirmed device being enrolled, made on first ask with a fresh secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device) -> str:
    """The secret as authenticator apps take it typed in: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4)


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())


def confirm_device(*, request, code: str) -> bool:
    """Turn the pending device on if the code matches it; the session counts as verified."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(_clean(code)):
            return False
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record_audit(
            actor=user, action="two_factor.enabled", obj=user, summary="Two-factor sign-in on"
        )
    otp_login(request, device)
    return True


def disable_device(*, request, code: str) -> bool:
    """Turn two-factor sign-in off; a current code proves the authenticator is at hand."""
    user = request.user
    with transaction.atomic():
        device = get_confirmed_device(user)
        if device is None or not device.verify_token(_clean(code)):
            return False
        TOTPDevice.objects.filter(user=user).delete()
        record_audit(
            actor=user, action="two_factor.disabled", obj=user, summary="Two-factor sign-in off"
        )
    return True


def verify_sign_in(*, request, code: str) -> bool:
    """The code step. A wrong code counts as a failed login for django-axes."""
    user = request.user
    device = get_confirmed_device(user)
    if device is not None and device.verify_token(_clean(code)):
        otp_login(request, device)
        return True
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    return False


def must_enrol(user) -> bool:
    from .models import SecuritySettings

    return (
        SecuritySettings.load().require_two_factor_for_administrators
        and user.groups.filter(name=ADMINISTRATOR).exists()
        and get_confirmed_device(user) is None
    )


def _exempt_paths():
    return (
        reverse("users_two_factor_code"),
        reverse("users_two_factor"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),
    )


class TwoFactorMiddleware:
    """Sends a half-signed-in user to the code step, and an Administrator who must enrol to
    enrolment, before any other admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            response = self._hold(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _hold(self, request, user):
        in_admin = request.path.startswith(reverse("wagtailadmin_home"))
        if in_admin and request.path in _exempt_paths():
            return None
        if get_confirmed_device(user) is not None:
            if in_admin:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('users_two_factor_code')}?{query}")
            request.user = AnonymousUser()
            return None
        if in_admin and must_enrol(user):
            return redirect("users_two_factor")
        return None
