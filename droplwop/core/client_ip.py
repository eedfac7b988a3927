"""Client addresses, kept only as keyed hashes (never stored in clear)."""

import hashlib
import hmac

from django.conf import settings


def address_from_meta(meta) -> str:
    """The client's address from a request's META (a WSGI environ)."""
    # Behind a trusted proxy the real address is the last hop the proxy appended.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return meta.get("REMOTE_ADDR", "")


def client_ip(request) -> str:
    return address_from_meta(request.META)


def hash_ip(ip: str) -> str:
    """HMAC-SHA256 with a server secret: cheap on the hot path, useless to someone without the key."""
    return hmac.new(settings.IP_HASH_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()[:32]


def request_ip_hash(request) -> str:
    return hash_ip(client_ip(request))
