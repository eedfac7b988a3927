"""Abuse limits on the signing path: cache counters only, checked before any database write."""

from django.conf import settings

from droplwop.core import flood_gate
from droplwop.core.client_ip import request_ip_hash
from droplwop.core.rate_limit import end_of_window, hit

# Big webmail providers carry the real crowd of a viral spike: no burst limit per domain for
# them (the per-address limit still applies). A burst from a small domain is a bot's pattern.
COMMON_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "comcast.net",
        "att.net",
        "sbcglobal.net",
        "protonmail.com",
        "proton.me",
    }
)


def _setting(name, default):
    return getattr(settings, name, default)


def ip_allowed(request, scope: str = "sign") -> tuple[bool, str]:
    """(within the limit, the keyed hash of the address)."""
    ip_hash = request_ip_hash(request)
    limit, window = _setting("PETITIONS_IP_LIMIT", (30, 600))
    allowed = hit(f"petitions.{scope}.ip", ip_hash, limit=limit, window_seconds=window)
    if not allowed:
        # Refused until the window ends: the rest of a flood is answered before Django.
        flood_gate.remember(request, until=end_of_window(window))
    return allowed, ip_hash


def domain_allowed(email: str, scope: str = "sign") -> bool:
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return True
    if domain in COMMON_DOMAINS:
        return True
    limit, window = _setting("PETITIONS_DOMAIN_LIMIT", (30, 60))
    return hit(f"petitions.{scope}.domain", domain, limit=limit, window_seconds=window)
