"""The flood gate in front of Django (droplwop.wsgi): after the limit refuses an address, the
rest of its flood is answered from memory with the same refusal, and nobody else is touched."""

import pytest
from django.test import override_settings

from droplwop.core import flood_gate
from droplwop.petitions.models import Signature

from .conftest import wsgi_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(production_wsgi):
    """The production WSGI application, Django's part counted."""
    from droplwop.wsgi import application

    calls = []
    django_app = application.application

    def counted(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return django_app(environ, start_response)

    gate = flood_gate.FloodGate(counted)
    flood_gate._kept.clear()
    yield gate, calls
    flood_gate._kept.clear()


def post(gate, page, email, address):
    data = {"first_name": "Bot", "last_name": "Net", "email": email, "zip_code": "94110"}
    path = f"/{page.locale.language_code}/petitions/sign/{page.pk}/"
    return wsgi_post(gate, path, data, address=address)


@override_settings(PETITIONS_IP_LIMIT=(2, 600))
def test_a_flood_is_answered_before_django_once_refused(server, pages, petition, monkeypatch):
    gate, calls = server
    bot = "203.0.113.9"
    codes = [post(gate, pages["en"], f"bot{i}@example.org", bot)[0][:3] for i in range(3)]
    assert codes == ["303", "303", "429"]
    refused = post(gate, pages["en"], "bot2@example.org", bot)
    django_calls = len(calls)

    for i in range(3, 50):
        assert post(gate, pages["en"], f"bot{i}@example.org", bot) == refused

    assert len(calls) == django_calls  # the flood no longer reaches Django
    status, headers, body = refused
    assert status.startswith("429")
    assert headers["Retry-After"] == "600" and "Content-Security-Policy" in headers
    assert "Set-Cookie" not in headers
    assert b"Your signature was not recorded" in body
    # Someone else signs as usual, and the bot's Spanish POSTs get the Spanish refusal.
    assert post(gate, pages["en"], "rosa@example.org", "198.51.100.4")[0].startswith("303")
    spanish = post(gate, pages["es"], "bot-es@example.org", bot)
    assert spanish[0].startswith("429") and b'lang="es"' in spanish[2]
    assert (
        Signature.objects.filter(petition=petition, supporter__email__startswith="bot").count() == 2
    )

    # Once the window has closed, the address goes to Django again (and is counted afresh).
    later = flood_gate.time.time() + 601
    monkeypatch.setattr(flood_gate.time, "time", lambda: later)
    before = len(calls)
    post(gate, pages["en"], "bot99@example.org", bot)
    assert len(calls) == before + 1


def test_a_refusal_that_sets_a_cookie_is_never_replayed():
    from django.http import HttpResponse

    def refuses_with_a_cookie(environ, start_response):
        environ[flood_gate.MARK] = flood_gate.time.time() + 600
        response = HttpResponse("no", status=429)
        response.set_cookie("session", "someone")
        start_response("429 Too Many Requests", [*response.items(), ("Set-Cookie", "a=b")])
        return [response.content]

    gate = flood_gate.FloodGate(refuses_with_a_cookie)
    flood_gate._kept.clear()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/x/", "REMOTE_ADDR": "203.0.113.7"}
    gate(dict(environ), lambda status, headers, exc_info=None: None)

    assert flood_gate._kept == {}
