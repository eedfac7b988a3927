"""The per email domain burst limit on signing (the per-address limit is core.form_guard's)."""

from droplwop.core import form_guard

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
DOMAIN_LIMIT = "petitions.sign_domain"


def domain_allowed(email: str) -> bool:
    """Count one signature from `email`'s domain; True while the domain is within its burst."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain or domain in COMMON_DOMAINS:
        return True
    return form_guard.allow(DOMAIN_LIMIT, domain)
