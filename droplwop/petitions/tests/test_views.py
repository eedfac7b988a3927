from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from droplwop.petitions import selectors
from droplwop.petitions.models import Signature

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://droplwop.example.org")
def test_signing_redirects_to_thank_you_with_share_links(client, pages, petition, sign_post):
    response = sign_post(pages["en"], list_publicly="on", comment="Bring them home")
    assert response.status_code == 303
    assert response["Location"] == pages["en"].url + "thanks/signed/"
    thanks = client.get(response["Location"])
    body = thanks.content.decode()
    assert "Thank you for signing!" in body
    assert "Thanks from the test." in body
    # One signature of a goal of 100: the bar and what it says to a screen reader.
    assert 'value="1" aria-label="1% of the goal"' in body
    for network in ("https://wa.me/", "facebook.com/sharer", "x.com/intent", "mailto:"):
        assert network in body
    # The link to copy and share is the deployment's address, not Wagtail's Site (localhost).
    public = "https://droplwop.example.org" + pages["en"].url
    assert f'value="{public}"' in body
    assert quote(public, safe="") in body
    assert "localhost" not in body
    assert selectors.count_signatures(petition) == 1
    page = client.get(pages["en"].url).content.decode()
    assert "José N." in page and "Bring them home" in page
    assert "Nguyễn" not in page  # only the last initial is public


def test_signing_again_is_answered_as_a_first_signature_and_counts_once(
    client, pages, petition, sign_post
):
    """The page must not tell anyone whether an email has signed."""
    first = sign_post(pages["es"], email="ana@example.org")
    sign_post(pages["en"])
    again = sign_post(pages["es"], email="JOSE@example.org")

    assert (again.status_code, again["Location"]) == (303, first["Location"])
    assert client.get(again["Location"]).content == client.get(first["Location"]).content
    assert selectors.count_signatures(petition) == 2


@pytest.mark.parametrize(
    "first,last", [("José", "Hernández"), ("Thanh", "Nguyễn"), ("Sean", "O'Brien"), ("李", "王")]
)
def test_names_from_everywhere_are_kept_as_typed(pages, petition, sign_post, first, last):
    response = sign_post(
        pages["en"], first_name=first, last_name=last, email=f"{len(first)}{len(last)}x@example.org"
    )
    assert response.status_code == 303
    supporter = Signature.objects.get(petition=petition).supporter
    assert (supporter.first_name, supporter.last_name) == (first, last)


def test_bad_email_and_zip_keep_what_was_typed_in_spanish(pages, petition, sign_post):
    response = sign_post(pages["es"], email="jose@", zip_code="9411", comment="Con cariño")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Escribe un correo electrónico" in body
    assert "código postal de 5 dígitos" in body
    assert 'value="jose@"' in body and 'value="9411"' in body and "Con cariño" in body
    assert 'aria-describedby="id_email_error"' in body and 'id="id_email_error"' in body
    assert not Signature.objects.filter(petition=petition).exists()


def test_one_signers_errors_never_reach_the_next_signers_form(client, pages, petition, sign_post):
    # The fields that check a POST are shared by every request of a process.
    assert sign_post(pages["en"], email="jose@", zip_code="9411").status_code == 400

    fresh = client.get(pages["en"].url).content.decode()
    assert "aria-invalid" not in fresh and 'value="jose@"' not in fresh
    retry = sign_post(pages["en"], email="maria@example.org", zip_code="12")
    body = retry.content.decode()
    assert 'aria-describedby="id_zip_code_error"' in body
    assert 'aria-describedby="id_email_error"' not in body
    assert sign_post(pages["en"], email="maria@example.org").status_code == 303


def test_oversized_fields_are_refused_cleanly(pages, petition, sign_post):
    response = sign_post(pages["en"], first_name="A" * 5000, comment="B" * 5000)
    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    assert not Signature.objects.filter(petition=petition).exists()


def test_closed_petition_says_so_and_stores_nothing(pages, closed, sign_post):
    response = sign_post(pages["en"])
    assert response.status_code == 409
    assert "This petition is closed" in response.content.decode()
    assert not Signature.objects.filter(petition=closed).exists()


def test_post_without_our_origin_explains_itself(client, pages, petition):
    response = client.post(
        f"/en/petitions/sign/{pages['en'].pk}/",
        {"first_name": "A", "last_name": "B", "email": "a@example.org", "zip_code": "94110"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert "did not say this form came from our site" in body
    assert not Signature.objects.filter(petition=petition).exists()


def test_honeypot_pretends_success_and_stores_nothing(pages, petition, sign_post):
    response = sign_post(pages["en"], website="http://spam.example")
    assert response.status_code == 303
    assert not Signature.objects.filter(petition=petition).exists()


def test_flood_from_one_address_is_capped_before_any_write(pages, petition, sign_post, settings):
    settings.FORM_LIMITS = {**settings.FORM_LIMITS, "petitions.sign": (5, 600)}
    for i in range(5):
        assert sign_post(pages["en"], email=f"bot{i}@example.org").status_code == 303
    with CaptureQueriesContext(connection) as queries:
        response = sign_post(pages["en"], email="bot-extra@example.org")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Many forms came from your connection just now" in body
    # Refused before the form's work: nothing of a signature is written.
    written = ("core_pendingsubmission", "petitions_", "supporters_")
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and any(t in q["sql"] for t in written)
    ]
    assert writes == []
    assert Signature.objects.filter(petition=petition).count() == 5


def test_a_flood_is_logged_once_per_window_not_once_per_post(
    pages, petition, sign_post, caplog, settings
):
    settings.FORM_LIMITS = {**settings.FORM_LIMITS, "petitions.sign": (2, 600)}
    with caplog.at_level("WARNING"):
        codes = [sign_post(pages["en"], email=f"f{i}@example.org").status_code for i in range(6)]

    assert codes == [303, 303, 429, 429, 429, 429]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == ["Limit reached: petitions.sign, 2 attempts per 600 s"]


def test_burst_from_one_email_domain_is_capped(pages, petition, sign_post, settings):
    settings.FORM_LIMITS = {**settings.FORM_LIMITS, "petitions.sign_domain": (3, 60)}
    codes = [sign_post(pages["en"], email=f"p{i}@burst.example").status_code for i in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    assert Signature.objects.filter(petition=petition).count() == 3
    cache.clear()


def test_confirm_link_shows_a_button_then_counts(
    client, pages, petition, sign_post, mailoutbox, django_capture_on_commit_callbacks
):
    petition.confirmation_required = True
    petition.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_post(pages["es"])
    assert response["Location"].endswith("thanks/confirm/")
    link = mailoutbox[0].body.split("http://127.0.0.1:8000")[1].split()[0]
    assert client.get(link).status_code == 200
    assert selectors.count_signatures(petition) == 0
    confirmed = client.post(link)
    assert confirmed.status_code == 303
    assert selectors.count_signatures(petition) == 1
    assert client.get(link[:-5] + "xxxx/").status_code == 404


def test_home_page_lists_open_petitions_with_progress(client, pages, sign_post):
    sign_post(pages["en"])
    body = client.get("/en/").content.decode()
    assert "Test petition" in body
    assert "1 signature" in body


def test_counts_are_written_the_way_californians_write_them_in_both_languages(
    client, pages, petition
):
    petition.goal = 10000
    petition.paper_count = 1234
    petition.save()
    for page in (pages["en"], pages["es"]):
        body = client.get(page.url).content.decode()
        assert "<strong>1,234</strong>" in body
        assert "10,000" in body
        assert "10\xa0000" not in body and "10 000" not in body
