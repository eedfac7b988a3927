"""Public forms on cached pages cannot carry a per-visitor CSRF token, so their POST views
may be csrf_exempt provided the browser says the request came from this site."""

from urllib.parse import urlsplit

from django.conf import settings


def _allowed_hosts(request) -> set[str]:
    hosts = {request.get_host().lower()}
    for origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        hosts.add(urlsplit(origin).netloc.lower())
    return hosts


def is_same_origin(request) -> bool:
    """True when Origin (or, failing that, Referer) names this site; False when absent or foreign.

    Every current browser sends Origin on a cross-site or same-site form POST, so a missing one
    means a script or an old client, which then needs the CSRF token instead.
    """
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    if not source or source == "null":
        return False
    return urlsplit(source).netloc.lower() in _allowed_hosts(request)
