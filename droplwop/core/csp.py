"""django-csp's middleware, with the site's standing policy built once per process.

django-csp builds the header from the settings for every response: a twentieth of a
signature's server time under a spike. Nearly every response carries the same policy. Only a
response with changes of its own (`_csp_update`, `_csp_replace`, `_csp_config`, or their
report-only forms), an exempt one, or a request that used a nonce differs, and those still go
through django-csp, as does everything while DEBUG is on.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)
_standing: dict[str, str] | None = None


@receiver(setting_changed)
def _forget_standing_policy(*, setting, **_kwargs):
    global _standing
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _standing = None


class CSPMiddleware(DjangoCSPMiddleware):
    def process_response(self, request, response):
        global _standing
        if not _has_standing_policy(request, response):
            return super().process_response(request, response)
        if _standing is None:
            response = super().process_response(request, response)
            _standing = {h: response[h] for h in (HEADER, HEADER_REPORT_ONLY) if h in response}
            return response
        for header, value in _standing.items():
            response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _has_standing_policy(request, response) -> bool:
    if settings.DEBUG or getattr(request, "_csp_nonce", None) is not None:
        return False
    if HEADER in response or HEADER_REPORT_ONLY in response:
        return False
    if any(hasattr(response, name) for name in _OWN_POLICY):
        return False
    return not request.path_info.startswith(_excluded_prefixes())


def _excluded_prefixes() -> tuple[str, ...]:
    prefixes = set()
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        policy = getattr(settings, name, None) or {}
        prefixes.update(policy.get("EXCLUDE_URL_PREFIXES") or ())
    return tuple(prefixes)
