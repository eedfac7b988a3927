import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from droplwop.cases import services
from droplwop.cases.mail_letters import envelope_for
from droplwop.inreach.facility_data import read_facilities
from droplwop.inreach.models import Facility

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["AB1234", "ab-1234", "D27854", "P 45678"])
def test_cdcr_numbers_in_either_format_are_accepted(case, lead, number):
    record = services.add_cdcr_number(actor=lead, case=case, number=number)
    assert record.number == number.upper().replace("-", "").replace(" ", "")


@pytest.mark.parametrize("number", ["1234", "ABC123", "A1234", "AB12345", "12-AB34", ""])
def test_a_wrong_cdcr_number_is_refused_with_an_example(case, lead, number):
    with pytest.raises(ValidationError) as exc:
        services.add_cdcr_number(actor=lead, case=case, number=number)
    assert "AB1234" in exc.value.messages[0]


def test_the_form_shows_the_example_and_keeps_the_input(client, case, lead):
    client.force_login(lead)
    response = client.post(reverse("cases_admin:cdcr_add", args=[case.pk]), {"number": "12345"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "like AB1234" in html and 'value="12345"' in html


def test_envelope_uses_the_yard_box_and_cdcr_format(case):
    envelope = envelope_for(case)
    assert envelope.known
    assert envelope.lines == [
        "Test Person Fictional, CDCR# AB1234",
        "Kern Valley State Prison",
        "P.O. Box 5102, B3-101",
        "Delano, CA 93216",
    ]
    assert envelope.verified_on is None


def test_unknown_address_is_said_plainly(case, lead, client):
    services.update_case(actor=lead, case=case, facility=Facility.objects.get(acronym="MCSP"))
    assert not envelope_for(case).known
    client.force_login(lead)
    html = client.get(reverse("cases_admin:mail_letter", args=[case.pk])).content.decode()
    assert "Mailing address unknown" in html
    response = client.post(
        reverse("cases_admin:mail_letter", args=[case.pk]),
        {"message": "Hello from the team", "language": "es"},
    )
    assert response["Content-Type"] == "application/pdf"
    from io import BytesIO

    from pypdf import PdfReader

    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Dirección postal desconocida" in text or "Mailing address unknown" in text
    assert "Hello from the team" in text


def test_facility_seed_matches_the_sourced_csv():
    rows = {row.acronym: row for row in read_facilities()}
    for facility in Facility.objects.prefetch_related("mail_addresses"):
        row = rows[facility.acronym]
        for address in facility.mail_addresses.all():
            assert address.zip_code in row.raw_address
            assert address.po_box in row.raw_address
    # No address for facilities the research did not find or found conflicting.
    for acronym in ("ASP", "CIW", "LAC", "CHCF", "WSP", "SAC", "MCSP"):
        assert not Facility.objects.get(acronym=acronym).mail_addresses.exists()
    kvsp = Facility.objects.get(acronym="KVSP")
    assert kvsp.mail_addresses.get(yard="ASU1").po_box == "5107"
