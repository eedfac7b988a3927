"""The Content-Security-Policy middleware keeps the standing policy, and still honours a
response's own changes, nonces and excluded paths."""

from csp.constants import NONCE, SELF
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from droplwop.core.csp import CSPMiddleware

HEADER = "Content-Security-Policy"


def _through(middleware_class, path="/en/", change=None, use_nonce=False):
    def view(request):
        if use_nonce:
            str(request.csp_nonce)
        response = HttpResponse("ok")
        if change:
            response._csp_update = change
        return response

    return middleware_class(view)(RequestFactory().get(path))


def test_every_plain_response_gets_what_django_csp_would_write():
    expected = _through(DjangoCSPMiddleware)[HEADER]

    first, second = _through(CSPMiddleware), _through(CSPMiddleware, "/es/peticiones/")

    assert first[HEADER] == second[HEADER] == expected
    assert "default-src 'self'" in expected


def test_a_response_with_its_own_change_gets_it_and_the_next_one_does_not():
    _through(CSPMiddleware)
    origin = "https://checkout.example.org"

    changed = _through(CSPMiddleware, change={"form-action": [origin]})
    plain = _through(CSPMiddleware)

    assert origin in changed[HEADER]
    assert origin not in plain[HEADER]


def test_a_nonce_reaches_the_header_of_its_own_response_only(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    _through(CSPMiddleware)

    with_nonce = _through(CSPMiddleware, use_nonce=True)
    plain = _through(CSPMiddleware)

    assert "'nonce-" in with_nonce[HEADER]
    assert "'nonce-" not in plain[HEADER]


def test_the_admin_stays_excluded(settings):
    _through(CSPMiddleware)

    assert HEADER not in _through(CSPMiddleware, "/admin/pages/")


def test_a_changed_setting_is_followed(settings):
    _through(CSPMiddleware)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}

    assert _through(CSPMiddleware)[HEADER] == "default-src 'none'"
