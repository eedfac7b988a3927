from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from droplwop.mailings import services
from droplwop.mailings.models import MailingStatus
from droplwop.mailings.selectors import get_audience
from droplwop.mailings.tasks import start_scheduled_mailing_task
from droplwop.supporters.models import Tag
from droplwop.supporters.services import record_activity

pytestmark = pytest.mark.django_db


def _emails(mailing):
    return sorted(
        get_audience(mailing).filter(email__endswith="@example.net").values_list("email", flat=True)
    )


def test_a_segment_narrows_by_tag_language_zip_and_action(make_supporter, make_mailing):
    family = Tag.objects.create(name="mailings test family")
    ana = make_supporter("ana@example.net", language="es", zip_code="94110")
    ana.tags.add(family)
    ben = make_supporter("ben@example.net", zip_code="94612")
    ben.tags.add(family)
    make_supporter("cy@example.net", zip_code="94110")
    make_supporter("out@example.net", zip_code="94110", subscribed=False).tags.add(family)
    record_activity(supporter=ben, kind="petitions.signed", summary="signed", obj=family)
    mailing = make_mailing()

    assert _emails(mailing) == ["ana@example.net", "ben@example.net", "cy@example.net"]
    mailing.segment_tags.add(family)
    assert _emails(mailing) == ["ana@example.net", "ben@example.net"]
    mailing.segment_zip_prefix = "941"
    assert _emails(mailing) == ["ana@example.net"]
    mailing.segment_zip_prefix = ""
    mailing.segment_language = "en"
    assert _emails(mailing) == ["ben@example.net"]
    mailing.segment_language = ""
    mailing.segment_activity_kind = "petitions.signed"
    mailing.segment_object_type = "supporters.tag"
    mailing.segment_object_id = str(family.pk)
    assert _emails(mailing) == ["ben@example.net"]
    mailing.segment_object_id = "999999"
    assert _emails(mailing) == []


def test_a_segment_without_a_list_reaches_only_people_subscribed_somewhere(
    make_supporter, make_mailing
):
    make_supporter("in@example.net")
    make_supporter("left@example.net", subscribed=False)
    mailing = make_mailing(email_list=None)

    assert _emails(mailing) == ["in@example.net"]


def test_unknown_merge_fields_are_refused_when_saving(make_mailing):
    mailing = make_mailing(subject_en="Hi {{ password }}")

    with pytest.raises(ValidationError) as error:
        mailing.full_clean()

    assert "password" in str(error.value)


def test_a_scheduled_mailing_starts_only_when_due(
    make_supporter, make_mailing, organizer, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_supporter("due@example.net")
    mailing = make_mailing()
    when = timezone.now() + timedelta(hours=2)

    with pytest.raises(ValidationError):
        services.schedule_mailing(
            mailing=mailing, send_at=timezone.now() - timedelta(minutes=1), actor=organizer
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_mailing(mailing=mailing, send_at=when, actor=organizer)

    task = DBTaskResult.objects.get(task_path__endswith="start_scheduled_mailing_task")
    assert abs((task.run_after - when).total_seconds()) < 1
    assert start_scheduled_mailing_task.call(mailing.pk) is False
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SCHEDULED
    type(mailing).objects.filter(pk=mailing.pk).update(scheduled_at=timezone.now())
    assert start_scheduled_mailing_task.call(mailing.pk) is True
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENDING
