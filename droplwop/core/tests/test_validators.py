"""Names are one line, without links or control characters, on every public form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from droplwop.core.tests.test_form_guard import ORIGIN, _english_forms
from droplwop.core.validators import validate_name

NAME_FIELDS = ("first_name", "last_name", "writer_name", "name")


@pytest.mark.parametrize(
    "name", ["Ana María", "José-Luis O'Neil", "J.R. Smith", "Nguyễn Thị", "St.Claire", "محمد"]
)
def test_real_names_pass(name):
    validate_name(name)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ana\nClick here", "multiline"),
        ("Ana\r\nReyes", "multiline"),
        ("Ana\u2028Reyes", "multiline"),
        ("Ana\x00", "control"),
        ("Ana\u202eseyeR", "control"),
        ("Visit https://spam.example", "url"),
        ("Ana www.spam.example", "url"),
        ("Win at cheap-pills.com", "url"),
    ],
)
def test_tricks_are_refused(name, code):
    with pytest.raises(ValidationError) as refused:
        validate_name(name)
    assert refused.value.code == code


def test_every_public_form_refuses_a_link_in_a_name_and_keeps_what_was_typed(client, demo):
    from droplwop.supporters.models import Supporter

    typed = "Flo cheap-pills.com"
    for name, url, data, _csrf, _bot in _english_forms():
        fields = [field for field in NAME_FIELDS if field in data]
        if not fields:
            continue
        response = client.post(url, {**data, fields[0]: typed}, HTTP_ORIGIN=ORIGIN)
        html = response.content.decode()
        assert "Please leave web addresses out of the name." in html, name
        assert f'value="{typed}"' in html, name
    assert not Supporter.objects.filter(email="flood@example.org").exists()


def test_the_message_is_in_spanish(client, demo):
    with translation.override("es"):
        url = reverse("supporters:signup")
    response = client.post(
        url,
        {"first_name": "Flo\nOd", "email": "flood@example.org", "zip_code": "94110"},
        HTTP_ORIGIN=ORIGIN,
    )
    assert "Escribe el nombre en una sola línea." in response.content.decode()
