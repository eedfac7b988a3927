import io
import sys
from urllib.parse import urlencode

import pytest
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone

from droplwop.core.demo_tools import upsert_page
from droplwop.petitions.models import Petition, PetitionPage, Target
from droplwop.supporters.models import EmailList

ORIGIN = "http://testserver"


@pytest.fixture
def petition(db):
    news, _ = EmailList.objects.get_or_create(
        slug="test-petition-news",
        defaults={"name_en": "Petition news", "name_es": "Noticias", "double_opt_in": False},
    )
    record = Petition.objects.create(
        title="Test petition to the Governor",
        text="Commute every sentence of life without parole.",
        goal=100,
        public_list_enabled=True,
        email_list=news,
    )
    record.targets.add(
        Target.objects.create(name="Test Governor", title="Governor", office="Sacramento")
    )
    return record


@pytest.fixture
def pages(demo, petition):
    from wagtail.models import Page

    home = Page.objects.get(pk=demo["en"].pk).specific
    en, es = upsert_page(
        parent=home,
        model=PetitionPage,
        slug="test-petition",
        petition=petition,
        en={"title": "Test petition", "thank_you": "<p>Thanks from the test.</p>"},
        es={"title": "Petición de prueba", "slug": "peticion-de-prueba"},
    )
    return {"en": en, "es": es}


@pytest.fixture
def sign_post(client):
    """POST the signing form as a browser on our site would."""

    def post(page, **fields):
        data = {
            "first_name": "José",
            "last_name": "Nguyễn",
            "email": "jose@example.org",
            "zip_code": "94110",
            "comment": "",
            **fields,
        }
        lang = page.locale.language_code
        return client.post(
            f"/{lang}/petitions/sign/{page.pk}/",
            data,
            HTTP_ORIGIN=ORIGIN,
            HTTP_REFERER=ORIGIN + page.url,
        )

    return post


@pytest.fixture
def closed(petition):
    petition.closes_at = timezone.now()
    petition.save()
    return petition


@pytest.fixture
def production_wsgi():
    """For tests that call droplwop.wsgi's layers: like Django's test client, keep the test's
    transaction open (no closing of connections between requests)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def wsgi_post(app, path, data, *, address, origin=ORIGIN, host=None, headers=None):
    """POST a form to a WSGI application as a browser on our site would; (status, headers,
    body)."""
    body = data if isinstance(data, bytes) else urlencode(data).encode()
    host = host or ORIGIN.split("//", 1)[1]
    environ = {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "SERVER_NAME": host.split(":")[0],
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "REMOTE_ADDR": address,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": ORIGIN.split(":", 1)[0],
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        **({"HTTP_ORIGIN": origin} if origin else {}),
        **(headers or {}),
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    result = app(environ, start_response)
    content = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return answer["status"], answer["headers"], content
