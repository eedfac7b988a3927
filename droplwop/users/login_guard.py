"""Failed staff logins, limited by django-axes per account and per address.

Axes keeps the address in a GenericIPAddressField (PostgreSQL's inet). The project never stores a
client address in clear, so axes is given our keyed 128-bit hash written as an IPv6 address: the
same client always maps to the same value, and without IP_HASH_KEY it says nothing.
"""

import ipaddress

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import messages
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.account import get_user_login_form

from droplwop.core.audit import record_audit
from droplwop.core.client_ip import request_ip_hash
from droplwop.core.models import AuditEntry

from .models import User


def hashed_client_address(request) -> str:
    return str(ipaddress.IPv6Address(int(request_ip_hash(request), 16)))


def lockout_message() -> str:
    return _(
        "Too many failed sign-in attempts. This account or your network is locked for a "
        "while; ask an Administrator to unlock it sooner."
    )


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's own login page, with the lockout message, answered 429."""
    username = (credentials or {}).get("username", "")
    messages.error(request, lockout_message())
    form = get_user_login_form()(request, initial={"username": username})
    context = {
        "form": form,
        "show_password_reset": False,
        "username_field": User._meta.get_field(User.USERNAME_FIELD).verbose_name,
    }
    return render(request, "wagtailadmin/login.html", context, status=429)


def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Receiver of axes' user_locked_out signal: one audit row per lockout. Axes signals again
    at each attempt made while locked; those extend the lockout but are not a new one."""
    since = timezone.now() - get_cool_off(request)
    if AuditEntry.objects.filter(
        action="login.locked_out",
        created_at__gte=since,
        data__username=username or "",
        data__address_hash=ip_address or "",
    ).exists():
        return
    user = User.objects.filter(username=username).first() if username else None
    record_audit(
        actor=None,
        action="login.locked_out",
        object_type="users.user",
        object_id=user.pk if user else "",
        summary=f"Sign-in locked for {username or 'an address'}",
        data={"username": username or "", "address_hash": ip_address or ""},
    )


def list_lockouts():
    """Accounts and addresses that failed often enough to be locked, newest first."""
    from axes.conf import settings

    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).order_by("-attempt_time")


def unlock(*, actor, attempt_id: int) -> bool:
    """Lift the lockout of one attempt's account and address. False when it no longer exists."""
    with transaction.atomic():
        attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
        if attempt is None:
            return False
        if attempt.username:
            reset(username=attempt.username)
        reset(ip=attempt.ip_address)
        record_audit(
            actor=actor,
            action="login.unlocked",
            object_type="users.user",
            object_id="",
            summary=f"Sign-in unlocked for {attempt.username or 'an address'}",
            data={"username": attempt.username or "", "address_hash": attempt.ip_address},
        )
    return True
