"""Abuse limits on the signing path: per address and per email domain burst."""

from django.conf import settings

from droplwop.core.client_ip import request_ip_hash
from droplwop.core.rate_limit import Attempt, count, hit

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


def ip_attempt(ip_hash: str, scope: str = "sign") -> Attempt:
    limit, window = _setting("PETITIONS_IP_LIMIT", (30, 600))
    return Attempt(f"petitions.{scope}.ip", ip_hash, limit, window)


def ip_allowed(request, scope: str = "sign") -> tuple[bool, str]:
    """(within the limit, the keyed hash of the address)."""
    ip_hash = request_ip_hash(request)
    attempt = ip_attempt(ip_hash, scope)
    return count(attempt), ip_hash


def needs_domain_limit(email: str) -> bool:
    domain = email.rpartition("@")[2].strip().lower()
    return bool(domain) and domain not in COMMON_DOMAINS


def domain_allowed(email: str, scope: str = "sign") -> bool:
    if not needs_domain_limit(email):
        return True
    domain = email.rpartition("@")[2].strip().lower()
    limit, window = _setting("PETITIONS_DOMAIN_LIMIT", (30, 60))
    return hit(f"petitions.{scope}.domain", domain, limit=limit, window_seconds=window)
