"""The short stack in front of Django (droplwop.wsgi): a signer's redirect is answered as the
full stack answers it, and every other outcome is rendered by the view, decided once."""

import pytest
from django.test import override_settings

from droplwop.core import rate_limit
from droplwop.petitions import intake
from droplwop.petitions.models import Signature
from droplwop.petitions.quick_sign import QuickSign
from droplwop.supporters.models import Subscription

from .conftest import wsgi_post

pytestmark = pytest.mark.django_db

# Each differs by the moment of the answer only.
MOMENT_HEADERS = {"Expires"}


@pytest.fixture
def apps(production_wsgi):
    """(the short stack in front of Django with Django's calls counted, Django alone)."""
    from droplwop.wsgi import django_application

    calls = []

    def counted(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return django_application(environ, start_response)

    return QuickSign(counted), django_application, calls


def person(email, **fields):
    return {"first_name": "José", "last_name": "Nguyễn", "email": email, "zip_code": "94110"} | (
        fields
    )


def sign_path(page):
    return f"/{page.locale.language_code}/petitions/sign/{page.pk}/"


def filed_emails(petition):
    intake.file_pending()
    return set(
        Signature.objects.filter(petition=petition).values_list("supporter__email", flat=True)
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_signers_redirect_is_the_full_stacks_answer_without_the_full_stack(
    apps, pages, petition, language
):
    quick, django_app, calls = apps
    page = pages[language]

    short = wsgi_post(quick, sign_path(page), person("ana@gmail.com"), address="198.51.100.1")
    full = wsgi_post(django_app, sign_path(page), person("luz@gmail.com"), address="198.51.100.2")

    assert calls == []
    assert short[0] == full[0] == "303 See Other"
    assert short[1]["Location"] == full[1]["Location"] == f"{page.url}thanks/signed/"
    assert short[1]["Content-Language"] == language
    assert {k: v for k, v in short[1].items() if k not in MOMENT_HEADERS} == {
        k: v for k, v in full[1].items() if k not in MOMENT_HEADERS
    }
    assert short[2] == full[2] == b""
    assert filed_emails(petition) == {"ana@gmail.com", "luz@gmail.com"}


def test_the_consent_is_kept_in_the_signers_language(apps, pages, petition):
    quick, _django_app, _calls = apps
    wsgi_post(
        quick,
        sign_path(pages["es"]),
        person("rosa@gmail.com", wants_updates="on"),
        address="198.51.100.3",
    )

    intake.file_pending()
    signature = Signature.objects.get(petition=petition, supporter__email="rosa@gmail.com")
    assert signature.language == "es"
    consent = Subscription.objects.get(
        supporter=signature.supporter, email_list=petition.email_list
    )
    assert consent.consent_text.startswith("Quiero recibir por correo novedades")


def test_signing_twice_says_so_and_counts_once(apps, pages, petition):
    quick, _django_app, calls = apps
    first = wsgi_post(quick, sign_path(pages["en"]), person("ana@gmail.com"), address="1.2.3.4")
    again = wsgi_post(quick, sign_path(pages["en"]), person("ANA@gmail.com"), address="1.2.3.5")

    assert first[1]["Location"].endswith("/thanks/signed/")
    assert again[1]["Location"].endswith("/thanks/already/")
    assert calls == []
    assert filed_emails(petition) == {"ana@gmail.com"}


@override_settings(PETITIONS_IP_LIMIT=(3, 600))
def test_errors_are_rendered_by_the_view_and_each_attempt_counts_once(apps, pages, petition):
    quick, _django_app, calls = apps
    rate_limit.reset()
    page, address = pages["en"], "203.0.113.20"

    invalid = wsgi_post(
        quick, sign_path(page), person("not-an-email", first_name="Zoë"), address=address
    )
    assert invalid[0].startswith("400") and calls == [sign_path(page)]
    assert b"Please enter an email address such as name@example.org." in invalid[2]
    assert b'value="not-an-email"' in invalid[2] and "Zoë".encode() in invalid[2]
    wsgi_post(quick, sign_path(page), person("bad", zip_code="9"), address=address)

    # The third attempt from the address is within the limit of 3: had the view counted the
    # invalid ones again, it would be refused.
    valid = wsgi_post(quick, sign_path(page), person("zoe@gmail.com"), address=address)
    assert valid[0] == "303 See Other"
    refused = wsgi_post(quick, sign_path(page), person("max@gmail.com"), address=address)
    assert refused[0].startswith("429") and b"Your signature was not recorded" in refused[2]
    assert filed_emails(petition) == {"zoe@gmail.com"}


def test_a_closed_petition_is_explained_and_nothing_is_stored(apps, pages, closed):
    quick, _django_app, calls = apps
    status, _headers, body = wsgi_post(
        quick, sign_path(pages["es"]), person("ana@gmail.com"), address="198.51.100.9"
    )

    assert status.startswith("409") and calls
    assert "Tu firma no se registró".encode() in body
    assert filed_emails(closed) == set()


def test_a_foreign_origin_a_bot_and_a_foreign_host(apps, pages, petition):
    quick, _django_app, calls = apps
    path = sign_path(pages["en"])

    foreign = wsgi_post(
        quick, path, person("a@gmail.com"), address="1.1.1.1", origin="https://evil.example"
    )
    assert foreign[0].startswith("403") and calls == [path]

    bot = wsgi_post(quick, path, person("b@gmail.com", website="spam"), address="1.1.1.2")
    assert bot[1]["Location"].endswith("/thanks/signed/") and len(calls) == 1

    host = wsgi_post(quick, path, person("c@gmail.com"), address="1.1.1.3", host="evil.example")
    assert host[0].startswith("400")
    assert filed_emails(petition) == set()


def test_what_is_not_a_plain_signing_post_goes_to_django(apps, pages, petition):
    quick, _django_app, calls = apps
    page = pages["en"]
    boundary = "b0undary"
    multipart = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in person("a@gmail.com").items()
    )
    as_multipart = wsgi_post(
        quick,
        sign_path(page),
        f"{multipart}--{boundary}--\r\n".encode(),
        address="2.2.2.1",
        headers={"CONTENT_TYPE": f"multipart/form-data; boundary={boundary}"},
    )
    unknown_language = wsgi_post(
        quick, f"/xx/petitions/sign/{page.pk}/", person("b@gmail.com"), address="2.2.2.2"
    )
    organization = wsgi_post(
        quick, f"{sign_path(page)}organization/", person("c@gmail.com"), address="2.2.2.3"
    )

    assert as_multipart[0] == "303 See Other"
    assert unknown_language[0] == "302 Found"  # to the default language, by LocaleMiddleware
    assert organization[0].startswith("404")  # the test petition has no letter
    assert len(calls) == 3
    assert filed_emails(petition) == {"a@gmail.com"}
