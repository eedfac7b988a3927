"""The dashboard's "What to do next" as each app feeds it, seen through /admin/."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.users.models import UserProfile

from droplwop.cases.models import Case
from droplwop.events.models import Event, Registration
from droplwop.pages.models import Comment, NewsPage
from droplwop.supporters.models import ImportJob, ImportStatus, Supporter


def _demo_organizer():
    # The demo's organizer leads the demo case's team (cases/demo.py).
    return get_user_model().objects.get(username="organizer")


def _dashboard(client, user, language="en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_case_team_sees_its_letters_to_review_and_overdue_tasks(client, demo):
    case = Case.objects.get(legal_name="Teresa Demo Example")
    html = _dashboard(client, _demo_organizer())
    assert f'href="/admin/cases/{case.pk}/#letters">1 support letter to review</a>' in html
    assert f'href="/admin/cases/{case.pk}/#tasks">1 case task is overdue</a>' in html
    spanish = _dashboard(client, _demo_organizer(), "es")
    assert "1 carta de apoyo por revisar" in spanish
    assert "1 tarea de caso está vencida" in spanish


def test_case_items_stay_with_the_case_team(client, demo, organizer, editor):
    for user in (organizer, editor):
        html = _dashboard(client, user)
        assert "support letter" not in html and "case task" not in html


def test_comments_registrations_imports_and_organizations_are_counted(client, demo, editor):
    post = NewsPage.objects.live().filter(locale__language_code="en").first()
    person = Supporter.objects.order_by("pk").first()
    Comment.objects.create(post=post, supporter=person, author_name="Ana", body="Hello")
    event = Event.objects.get(slug="strategy-week")
    registration = Registration.objects.filter(event=event).first()
    Registration.objects.filter(pk=registration.pk).update(needs="Spanish interpretation")
    organizer = _demo_organizer()
    job = ImportJob.objects.create(
        original_name="members.csv",
        status=ImportStatus.DONE,
        created_by=organizer,
        finished_at=timezone.now() - timedelta(hours=1),
    )
    html = _dashboard(client, organizer)
    assert 'href="/admin/snippets/pages/comment/?status=pending">1 comment to moderate</a>' in html
    assert (
        f'href="/admin/event-tools/{event.pk}/registrants/">1 registration for “Strategy Week”'
        " asks for interpretation or access</a>" in html
    )
    assert f'href="/admin/supporters/imports/{job.pk}/">1 import of people finished' in html
    assert "organization waiting to be verified" in html
    spanish = _dashboard(client, organizer, "es")
    assert "1 comentario por moderar" in spanish
    assert "pide interpretación o accesibilidad" in spanish
    assert "Terminó 1 importación de personas" in spanish
    # An editor moderates comments and sees nothing of people, events or imports.
    html = _dashboard(client, editor)
    assert "1 comment to moderate" in html
    assert "interpretation" not in html and "import of people" not in html
