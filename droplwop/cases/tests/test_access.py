"""Every case URL against every kind of visitor: only the case team and administrators get in,
everyone else, anonymous visitors included, gets the same 403 and every refusal is audited."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from droplwop.cases import services
from droplwop.cases.models import Packet
from droplwop.core.models import AuditEntry

from .conftest import make_staff, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(case, lead, member, administrator, other_case, editor):
    bystander = make_staff("bystander", "Organizer")
    spare = make_staff("spare-member")
    spare_membership = services.add_member(actor=lead, case=case, user=spare)
    document = services.upload_document(
        actor=lead, case=case, kind="certificate", title="GED", upload=upload("a.pdf", pdf_bytes())
    )
    letter = services.submit_letter(
        case=case,
        email="writer@example.org",
        writer_name="Wanda Writer",
        relationship="family",
        city="Fresno",
        how_known="Cousin",
        body="Please let her come home.",
        include_in_packet=True,
        language="en",
        upload=upload("l.pdf", pdf_bytes()),
    )
    consent = services.record_consent(
        actor=lead,
        case=case,
        recorded_on=datetime.date(2026, 1, 5),
        public_page=True,
        scan=upload("c.pdf", pdf_bytes()),
    )
    task = services.add_task(
        actor=lead, case=case, title="Call DA", due_on=datetime.date(2026, 1, 1)
    )
    packet = Packet.objects.create(case=case, version=99, status="done")
    packet.file.save("p.pdf", upload("p.pdf", pdf_bytes()))
    other_lead = other_case.members.get().user
    return {
        "case": case,
        "document": document,
        "letter": letter,
        "consent": consent,
        "task": task,
        "packet": packet,
        "spare_membership": spare_membership,
        "visitors": {
            "editor": editor,
            "organizer_without_role": bystander,
            "other_case_member": other_lead,
            "case_member": member,
            "administrator": administrator,
        },
    }


def case_urls(w):
    c = w["case"].pk
    get = [
        ("detail", [c]),
        ("edit", [c]),
        ("consent_scan", [c, w["consent"].pk]),
        ("document", [c, w["document"].pk]),
        ("letter", [c, w["letter"].pk]),
        ("letter_file", [c, w["letter"].pk]),
        ("packet", [c, w["packet"].pk]),
        ("packet_pdf", [c, w["packet"].pk]),
        ("mail_letter", [c]),
    ]
    post = [
        ("cdcr_add", [c], {"number": "CD5678"}),
        ("member_add", [c], {"username": "nobody", "role": "member"}),
        ("member_remove", [c, w["spare_membership"].pk], {}),
        ("contact_add", [c], {"first_name": "Fam", "email": "fam@example.org", "kind": "family"}),
        ("consent_record", [c], {"recorded_on": "2026-02-01", "public_page": "on"}),
        ("stage_add", [c], {"stage": "da_notice", "date": "2026-02-02"}),
        ("pathway_set", [c], {"pathway": "racial_justice", "state": "possibly_relevant"}),
        ("task_add", [c], {"title": "Write", "due_on": "2026-03-01"}),
        ("task_done", [c, w["task"].pk], {}),
        ("document_upload", [c], {"kind": "other", "title": "x"}),
        ("letter_review", [c, w["letter"].pk], {"status": "approved"}),
        ("packet_build", [c], {}),
    ]
    return [("get", name, args, None) for name, args in get] + [
        ("post", name, args, data) for name, args, data in post
    ]


DENIED = ("editor", "organizer_without_role", "other_case_member")
ALLOWED = ("case_member", "administrator")


def test_anonymous_visitors_are_refused_with_an_audit_row(client, world):
    for method, name, args, data in case_urls(world) + [("get", "dashboard", [], None)]:
        url = reverse(f"cases_admin:{name}", args=args)
        before = AuditEntry.objects.filter(actor=None, action="case.access_denied").count()
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, url
        page = response.content.decode()
        assert "You do not have access to this page" in page, url
        assert "Test Person" not in page and "Testy" not in page, url
        after = AuditEntry.objects.filter(actor=None, action="case.access_denied")
        assert after.count() == before + 1, url
        assert after.latest("pk").summary == f"Refused {url}"
    assert world["case"].cdcr_numbers.count() == 1
    assert world["case"].stage == "preparing"


def test_a_case_that_does_not_exist_gets_the_same_refusal(client, world):
    client.force_login(world["visitors"]["organizer_without_role"])
    answers = []
    for case_id in (world["case"].pk + 1000, world["case"].pk):
        path = reverse("cases_admin:detail", args=[case_id])
        response = client.get(path)
        assert response.status_code == 403
        # The page names its own address (language links) and carries a per-response nonce.
        page = re.sub(r'nonce="[^"]*"', "", response.content.decode()).replace(path, "URL")
        answers.append(page)
    assert answers[0] == answers[1]


@pytest.mark.parametrize("who", DENIED)
def test_people_off_the_case_team_are_refused_with_an_audit_row(client, world, who):
    user = world["visitors"][who]
    client.force_login(user)
    for method, name, args, data in case_urls(world):
        url = reverse(f"cases_admin:{name}", args=args)
        before = AuditEntry.objects.filter(actor=user, action="case.access_denied").count()
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, (who, url, response.status_code)
        assert "Test Person" not in response.content.decode()
        after = AuditEntry.objects.filter(actor=user, action="case.access_denied").count()
        assert after == before + 1, (who, url)
    # Nothing changed on the case.
    assert world["case"].cdcr_numbers.count() == 1
    assert world["case"].stage == "preparing"


# What an allowed person gets: each screen, each action's redirect back to the case, and the form
# shown again with its error where the posted data is refused on purpose (an unknown username,
# a document without its file).
_ALLOWED_ANSWER = {
    ("post", "member_add"): 400,
    ("post", "document_upload"): 400,
}


def _allowed_answer(method, name):
    return _ALLOWED_ANSWER.get((method, name), 200 if method == "get" else 302)


@pytest.mark.parametrize("who", ALLOWED)
def test_case_team_and_administrators_get_in_and_leave_a_trace(client, world, who):
    user = world["visitors"][who]
    client.force_login(user)
    for method, name, args, data in case_urls(world):
        if name in ("member_add", "member_remove") and who == "case_member":
            continue  # a lead's action; covered below
        url = reverse(f"cases_admin:{name}", args=args)
        before = AuditEntry.objects.filter(actor=user).count()
        response = getattr(client, method)(url, data or {})
        assert response.status_code == _allowed_answer(method, name), (who, url)
        assert AuditEntry.objects.filter(actor=user).count() > before, (who, url)


def test_a_plain_member_may_not_change_the_team(client, world):
    client.force_login(world["visitors"]["case_member"])
    url = reverse(
        "cases_admin:member_remove", args=[world["case"].pk, world["spare_membership"].pk]
    )
    assert client.post(url).status_code == 403
    assert world["case"].members.filter(pk=world["spare_membership"].pk).exists()


def test_dashboard_lists_only_my_cases(client, world, other_case):
    client.force_login(world["visitors"]["organizer_without_role"])
    page = client.get(reverse("cases_admin:dashboard")).content.decode()
    assert "Testy" not in page and "Other Person" not in page
    client.force_login(world["visitors"]["case_member"])
    page = client.get(reverse("cases_admin:dashboard")).content.decode()
    assert "Testy" in page and "Other Person" not in page


def test_editor_cannot_open_a_case_or_see_cases_in_the_menu(client, world):
    editor = world["visitors"]["editor"]
    assert not editor.has_perm("cases.add_case")
    assert Group.objects.get(name="Organizer").permissions.filter(codename="add_case").exists()
    assert not Group.objects.get(name="Organizer").permissions.filter(codename="view_case").exists()
    client.force_login(editor)
    assert client.get(reverse("cases_admin:create")).status_code == 403
    before = AuditEntry.objects.filter(actor=editor, action="case.access_denied").count()
    assert client.get(reverse("cases_admin:dashboard")).status_code == 403
    assert (
        AuditEntry.objects.filter(actor=editor, action="case.access_denied").count() == before + 1
    )
    admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("cases_admin:dashboard") not in admin_home


@pytest.mark.parametrize("who", DENIED)
def test_a_get_on_a_post_only_url_gets_the_same_audited_refusal(client, world, who):
    """The case check comes before the method check: a 405 would confirm the URL to anyone."""
    user = world["visitors"][who]
    client.force_login(user)
    for method, name, args, _data in case_urls(world):
        if method != "post":
            continue
        url = reverse(f"cases_admin:{name}", args=args)
        before = AuditEntry.objects.filter(actor=user, action="case.access_denied").count()
        response = client.get(url)
        assert response.status_code == 403, (who, url, response.status_code)
        assert "You do not have access to this page" in response.content.decode()
        after = AuditEntry.objects.filter(actor=user, action="case.access_denied").count()
        assert after == before + 1, (who, url)


def test_the_team_is_told_a_post_only_url_wants_a_post(client, world):
    client.force_login(world["visitors"]["case_member"])
    for method, name, args, _data in case_urls(world):
        if method == "post":
            response = client.get(reverse(f"cases_admin:{name}", args=args))
            assert response.status_code == 405, name
