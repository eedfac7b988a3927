"""The case rule holds on the supporter screens too: a person's timeline, privacy export (JSON
and CSV), merge, delete and anonymize show or touch a case's letters and contacts only for that
case's team and administrators. Everyone else sees the person without them, and a change that
would touch them is refused with a message that says why."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from droplwop.cases import services
from droplwop.cases.models import CaseContact, SupportLetter
from droplwop.supporters.models import Supporter

from .conftest import make_staff

pytestmark = pytest.mark.django_db

SECRET = "She taught me to read in the yard"


@pytest.fixture
def world(case, lead, member, administrator, other_case, editor):
    letter = services.submit_letter(
        case=case,
        email="writer@example.org",
        writer_name="Wanda Writer",
        relationship="family",
        city="Fresno",
        how_known="Cousin",
        body=SECRET,
        include_in_packet=True,
        language="en",
    )
    services.add_contact(
        actor=lead,
        case=case,
        first_name="Wanda",
        last_name="Writer",
        email="writer@example.org",
        kind="family",
        relationship="Cousin of the person inside",
    )
    twin = Supporter.objects.create(email="wanda.w@example.org", first_name="Wanda")
    return {
        "case": case,
        "letter": letter,
        "person": letter.supporter,
        "twin": twin,
        "visitors": {
            "organizer_without_role": make_staff("bystander", "Organizer"),
            "other_case_member": other_case.members.get().user,
            "case_member": member,
            "administrator": administrator,
            "editor": editor,
        },
    }


OFF_TEAM = ("organizer_without_role", "other_case_member")
ON_TEAM = ("case_member", "administrator")


def export(client, person, fmt):
    return client.get(reverse("supporters_admin:ccpa_export", args=[person.pk, fmt]))


def csv_of(client, person):
    response = export(client, person, "csv")
    return b"".join(response.streaming_content).decode()


def inspect(client, person):
    return client.get(reverse("supporters_people:inspect", args=[person.pk]))


@pytest.mark.parametrize("who", OFF_TEAM)
def test_off_the_team_the_person_shows_without_the_case(client, world, who):
    client.force_login(world["visitors"][who])
    person, case = world["person"], world["case"]

    page = inspect(client, person)
    assert page.status_code == 200
    text = page.content.decode()
    assert "writer@example.org" in text
    assert f"case {case.pk}" not in text and "cases.letter_written" not in text

    data = json.loads(export(client, person, "json").content)
    assert data["supporter"]["email"] == "writer@example.org"
    assert "cases.supportletter" not in data["related"]
    assert "cases.casecontact" not in data["related"]
    assert all(
        a["kind"] != "cases.letter_written" for a in data["related"].get("supporters.activity", [])
    )
    assert SECRET not in json.dumps(data)
    assert "belong to a case team and are left out" in data["incomplete"]

    csv_text = csv_of(client, person)
    assert SECRET not in csv_text and "Cousin of the person inside" not in csv_text
    assert "cases.supportletter" not in csv_text and "left out" in csv_text


@pytest.mark.parametrize("who", ON_TEAM)
def test_the_case_team_sees_the_case_rows(client, world, who):
    client.force_login(world["visitors"][who])
    person, case = world["person"], world["case"]
    assert f"Support letter for case {case.pk}" in inspect(client, person).content.decode()
    data = json.loads(export(client, person, "json").content)
    assert data["related"]["cases.supportletter"][0]["body"] == SECRET
    assert data["related"]["cases.casecontact"][0]["case_id"] == case.pk
    assert "incomplete" not in data
    assert SECRET in csv_of(client, person)


REFUSAL = "This person has records that belong to a case team you are not on."


@pytest.mark.parametrize("who", OFF_TEAM)
@pytest.mark.parametrize("action", ["delete", "anonymize"])
def test_off_the_team_delete_and_anonymize_are_refused(client, world, who, action):
    client.force_login(world["visitors"][who])
    person = world["person"]
    response = client.post(
        reverse("supporters_admin:privacy", args=[person.pk]),
        {"action": action, "confirm_email": person.email, "reason": "CCPA 7"},
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        REFUSAL + " Only a member of that team or an Administrator can delete, anonymize or "
        "merge them."
    ]
    person.refresh_from_db()
    assert person.anonymized_at is None and person.email == "writer@example.org"
    assert SupportLetter.objects.get(pk=world["letter"].pk).body == SECRET
    assert CaseContact.objects.filter(supporter=person).exists()


@pytest.mark.parametrize("who", OFF_TEAM)
def test_off_the_team_a_merge_is_refused(client, world, who):
    client.force_login(world["visitors"][who])
    person, twin = world["person"], world["twin"]
    merge_url = reverse("supporters_admin:merge", args=[person.pk, twin.pk])
    assert client.get(merge_url).status_code == 200
    response = client.post(merge_url, {"keep": str(twin.pk)})
    assert response.status_code == 302
    assert response["Location"] == reverse("supporters_admin:duplicates")
    assert "belong to a case team you are not on" in str(
        list(get_messages(response.wsgi_request))[0]
    )
    assert Supporter.objects.filter(pk=person.pk).exists()
    assert SupportLetter.objects.get(pk=world["letter"].pk).supporter_id == person.pk


def test_the_case_team_may_delete_and_a_refusal_is_in_spanish(client, world):
    person = world["person"]
    client.force_login(world["visitors"]["organizer_without_role"])
    response = client.post(
        reverse("supporters_admin:privacy", args=[person.pk]),
        {"action": "delete", "confirm_email": person.email},
        HTTP_ACCEPT_LANGUAGE="es",
        follow=True,
    )
    assert "equipo de un caso" in response.content.decode()
    client.force_login(world["visitors"]["case_member"])
    response = client.post(
        reverse("supporters_admin:privacy", args=[person.pk]),
        {"action": "delete", "confirm_email": person.email},
    )
    assert response.status_code == 302
    assert not SupportLetter.objects.filter(pk=world["letter"].pk).exists()
    person.refresh_from_db()
    assert person.anonymized_at is not None


def test_the_case_team_may_merge(client, world):
    person, twin = world["person"], world["twin"]
    client.force_login(world["visitors"]["case_member"])
    response = client.post(
        reverse("supporters_admin:merge", args=[person.pk, twin.pk]), {"keep": str(twin.pk)}
    )
    assert response.status_code == 302
    assert SupportLetter.objects.get(pk=world["letter"].pk).supporter_id == twin.pk


def test_an_editor_gets_none_of_these_screens(client, world):
    client.force_login(world["visitors"]["editor"])
    person = world["person"]
    for url in (
        reverse("supporters_admin:ccpa_export", args=[person.pk, "json"]),
        reverse("supporters_admin:ccpa_export", args=[person.pk, "csv"]),
        reverse("supporters_admin:privacy", args=[person.pk]),
        reverse("supporters_admin:merge", args=[person.pk, world["twin"].pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert SupportLetter.objects.filter(pk=world["letter"].pk).exists()
