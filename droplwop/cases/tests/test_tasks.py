import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from droplwop.cases import services
from droplwop.cases.selectors import count_cases_by_stage, list_overdue_tasks

pytestmark = pytest.mark.django_db


def test_reminders_reach_the_owner_once_a_day(
    case, lead, smtp_server, django_capture_on_commit_callbacks
):
    today = datetime.date(2026, 3, 10)
    services.add_task(
        actor=lead,
        case=case,
        title="Serve the DA notice",
        due_on=today + datetime.timedelta(1),
        owner=lead,
    )
    services.add_task(
        actor=lead, case=case, title="Far away", due_on=today + datetime.timedelta(30), owner=lead
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_task_reminders(today=today) == 1
        assert services.send_task_reminders(today=today) == 0
    messages = smtp_server.to(lead.email)
    assert len(messages) == 1
    assert "Serve the DA notice" in messages[0]["Subject"]
    body = messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "Test Person" not in body  # no case details in email


def test_task_owner_must_be_on_the_team(case, lead, other_case):
    outsider = other_case.members.get().user
    with pytest.raises(ValidationError, match="case team"):
        services.add_task(
            actor=lead, case=case, title="x", due_on=datetime.date(2026, 1, 1), owner=outsider
        )


def test_dashboard_counts(client, case, lead):
    services.add_task(actor=lead, case=case, title="Late one", due_on=datetime.date(2020, 1, 1))
    services.record_stage(actor=lead, case=case, stage="filed", date=datetime.date(2026, 1, 1))
    assert [t.title for t in list_overdue_tasks(lead)] == ["Late one"]
    counts = dict(count_cases_by_stage(lead))
    assert counts["Filed with the Governor's office"] == 1
    client.force_login(lead)
    html = client.get(reverse("cases_admin:dashboard")).content.decode()
    assert "Late one" in html and "Testy" in html


def test_pathways_show_statute_and_the_disclaimer(client, case, lead):
    client.force_login(lead)
    html = client.get(reverse("cases_admin:detail", args=[case.pk])).content.decode()
    assert "Information for advocates, not a legal determination." in html
    for statute in ("PC 3051(b)(4)", "PC 1172.6", "PC 1172.1", "PC 1473.5", "PC 1172.2", "PC 745"):
        assert statute in html
    assert (
        "California Supreme Court recommendation"
        not in html.split('id="stages"')[1].split('id="pathways"')[0]
    )
