import json

import pytest

from droplwop.petitions import selectors, services
from droplwop.petitions.models import Signature
from droplwop.supporters.models import Subscription

pytestmark = pytest.mark.django_db


def osdi(client, petition, payload, **extra):
    return client.post(
        f"/petitions/osdi/{petition.pk}/record_signature_helper/",
        data=json.dumps(payload) if not isinstance(payload, (bytes, str)) else payload,
        content_type="application/json",
        **extra,
    )


def person(email="partner@example.org", zip_code="94110", **extra):
    return {
        "person": {
            "given_name": "Lupe",
            "family_name": "O'Brien",
            "email_addresses": [{"address": email}],
            "postal_addresses": [{"postal_code": zip_code}],
        },
        "comments": "From a partner site",
        **extra,
    }


def test_partner_signature_is_recorded_once(client, petition):
    response = osdi(client, petition, person(), HTTP_ORIGIN="https://partner.example")
    assert response.status_code == 202
    assert response["Access-Control-Allow-Origin"] == "*"
    signature = Signature.objects.get(petition=petition)
    assert signature.channel == "api"
    assert signature.comment == "From a partner site"
    again = osdi(client, petition, person(email="PARTNER@example.org"))
    assert (again.status_code, again.json()) == (202, response.json())
    assert selectors.count_signatures(petition) == 1


def test_without_a_key_nothing_is_read_back_whether_or_not_the_person_signed(client, petition):
    """Anyone may call: the answer must not say who signed, when, or what they wrote."""
    services.sign_petition(
        petition=petition,
        email="known@example.org",
        first_name="Known",
        last_name="Signer",
        comment="Private words for the case team",
    )
    known = osdi(client, petition, person(email="known@example.org"))
    unknown = osdi(client, petition, person(email="stranger@example.org"))

    assert (known.status_code, known.content) == (unknown.status_code, unknown.content)
    assert known.json() == {"droplwop:outcome": "received", "droplwop:petition": petition.pk}
    assert b"Private words" not in known.content


def test_consent_is_the_lists_own_wording_not_the_callers(client, petition):
    payload = person(
        **{
            "droplwop:wants_updates": True,
            "droplwop:consent_text": "I agree to receive anything at all",
            "droplwop:language": "es",
        }
    )
    assert osdi(client, petition, payload).status_code == 202
    subscription = Subscription.objects.get(email_list=petition.email_list)
    assert subscription.consent_text == (
        "Quiero recibir por correo novedades sobre esta petición y la campaña para acabar con la "
        "cadena perpetua sin libertad condicional. Puedo darme de baja cuando quiera."
    )


@pytest.mark.parametrize(
    "body",
    [b"[" * 50_000 + b"]" * 50_000, b'{"person": ' * 5000 + b"1" + b"}" * 5000, b" " * 20_000],
    ids=["nested-array", "nested-object", "oversized"],
)
def test_deep_or_oversized_json_is_a_clear_400(client, petition, body):
    response = osdi(client, petition, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
    assert not Signature.objects.filter(petition=petition).exists()


@pytest.mark.parametrize(
    "payload,field",
    [
        (person(email="nope"), "email"),
        (person(zip_code="ABCDE"), "zip_code"),
        ({"person": "x"}, "email"),
        (
            person() | {"person": person()["person"] | {"given_name": "Lupe\nhttp://x.example"}},
            "first_name",
        ),
        (
            person() | {"person": person()["person"] | {"family_name": "visit spam.com"}},
            "last_name",
        ),
    ],
    ids=["email", "zip", "no-person", "multiline-given-name", "address-in-family-name"],
)
def test_invalid_signatures_get_field_errors(client, petition, payload, field):
    response = osdi(client, petition, payload)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Signature.objects.filter(petition=petition).exists()


def test_garbage_closed_and_unknown(client, petition, closed):
    assert osdi(client, petition, b"{not json").status_code == 400
    assert osdi(client, petition, "[1, 2]").status_code == 400
    assert osdi(client, petition, person()).status_code == 409
    assert not Signature.objects.filter(petition=petition).exists()
    unknown = client.post(
        "/petitions/osdi/999999/record_signature_helper/", "{}", content_type="application/json"
    )
    assert unknown.status_code == 400 and unknown.json()["error"] == "No such petition."


def test_preflight_and_wrong_method(client, petition):
    url = f"/petitions/osdi/{petition.pk}/record_signature_helper/"
    assert client.options(url)["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert client.get(url).status_code == 405


def test_same_ip_limit_as_the_form(client, petition, settings):
    settings.FORM_LIMITS = {**settings.FORM_LIMITS, "petitions.sign": (2, 600)}
    codes = [
        osdi(client, petition, person(email=f"a{i}@example.org")).status_code for i in range(3)
    ]
    assert codes == [202, 202, 429]
