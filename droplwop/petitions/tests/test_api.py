import json

import pytest

from droplwop.petitions import selectors
from droplwop.petitions.models import Signature

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
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["droplwop:outcome"] == "signed"
    signature = Signature.objects.get(petition=petition)
    assert signature.channel == "api"
    assert signature.comment == "From a partner site"
    again = osdi(client, petition, person(email="PARTNER@example.org"))
    assert again.status_code == 200 and again.json()["droplwop:outcome"] == "already"
    assert selectors.count_signatures(petition) == 1


@pytest.mark.parametrize(
    "payload,field",
    [
        (person(email="nope"), "email"),
        (person(zip_code="ABCDE"), "zip_code"),
        ({"person": "x"}, "email"),
    ],
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
    settings.PETITIONS_IP_LIMIT = (2, 600)
    codes = [
        osdi(client, petition, person(email=f"a{i}@example.org")).status_code for i in range(3)
    ]
    assert codes == [201, 201, 429]
