"""The form's path: a signature is acknowledged once stored as a waiting submission
(core.deferred), then filed by the task queue through services.sign_petitions into a signature,
a count, a timeline line and list consent."""

import pytest
from django_tasks import default_task_backend

from droplwop.core import deferred
from droplwop.core.models import PendingSubmission
from droplwop.petitions import selectors
from droplwop.petitions.models import Signature
from droplwop.supporters.models import Activity, Subscription

pytestmark = pytest.mark.django_db


def waiting_emails() -> set[str]:
    return set(PendingSubmission.objects.values_list("email", flat=True))


def count_waiting() -> int:
    return PendingSubmission.objects.count()


@pytest.fixture
def queue_held(settings):
    """A task queue that keeps what is enqueued and runs nothing: the worker is "busy"."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_an_acknowledged_signature_is_stored_then_filed_by_the_queue(
    pages, petition, sign_post, queue_held
):
    before = selectors.count_signatures(petition)

    response = sign_post(pages["es"], email="Rosa@Example.org", wants_updates="on", comment="¡Ya!")

    assert response.status_code == 303 and response["Location"].endswith("thanks/signed/")
    (pending,) = PendingSubmission.objects.all()
    assert pending.email == "rosa@example.org"
    assert (pending.payload["language"], pending.payload["comment"]) == ("es", "¡Ya!")
    assert not Signature.objects.filter(petition=petition).exists()
    assert [r.task.name for r in queue_held.results] == ["file_pending_task"]

    assert deferred.file_pending() == 1

    signature = Signature.objects.select_related("supporter").get(petition=petition)
    assert signature.supporter.email == "rosa@example.org"
    assert (signature.language, signature.comment) == ("es", "¡Ya!")
    assert signature.created_at == pending.created_at
    assert selectors.count_signatures(petition) == before + 1
    assert Activity.objects.filter(supporter=signature.supporter, kind="petitions.signed").exists()
    subscription = Subscription.objects.get(
        supporter=signature.supporter, email_list=petition.email_list
    )
    # The wording the form showed, in the signer's language.
    assert subscription.consent_text.startswith("Quiero recibir por correo novedades")
    assert count_waiting() == 0


def test_a_spike_queues_one_filing_task_and_a_repeat_is_answered_as_a_new_signer(
    client, pages, petition, sign_post, queue_held
):
    first = sign_post(pages["en"], email="p0@example.org")
    for n in range(1, 5):
        assert sign_post(pages["en"], email=f"p{n}@example.org").status_code == 303
    again = sign_post(pages["en"], email="P0@example.org")

    assert (again.status_code, again["Location"]) == (303, first["Location"])
    assert count_waiting() == 6
    assert len(queue_held.results) == 1

    assert deferred.file_pending(batch_size=2) == 6
    assert Signature.objects.filter(petition=petition).count() == 5
    before = selectors.count_signatures(petition)
    # Filed already: signing again is answered as the first time, and the count stays.
    repeat = sign_post(pages["en"], email="p3@example.org")
    assert (repeat.status_code, repeat["Location"]) == (303, first["Location"])
    assert client.get(repeat["Location"]).content == client.get(first["Location"]).content
    assert deferred.file_pending() == 1
    assert selectors.count_signatures(petition) == before
    assert count_waiting() == 0


def test_a_signature_taken_while_open_is_filed_after_the_petition_closes(
    pages, petition, sign_post, queue_held
):
    sign_post(pages["en"], email="late@example.org")
    petition.status = "closed"
    petition.save(update_fields=["status"])

    assert deferred.file_pending() == 1
    assert Signature.objects.filter(petition=petition, supporter__email="late@example.org").exists()


def test_a_new_filing_is_queued_once_the_last_one_has_started(
    pages, petition, sign_post, queue_held
):
    sign_post(pages["en"], email="first@example.org")
    deferred.file_pending()
    sign_post(pages["en"], email="second@example.org")

    assert len(queue_held.results) == 2


def test_an_unpublished_page_stops_taking_signatures_at_once(pages, petition, sign_post):
    assert sign_post(pages["en"], email="before@example.org").status_code == 303
    pages["en"].unpublish()

    assert sign_post(pages["en"], email="after@example.org").status_code == 404
    assert "after@example.org" not in waiting_emails()


def test_a_batch_files_with_the_rules_of_a_single_signature(
    pages, petition, sign_post, queue_held, mailoutbox
):
    from droplwop.petitions import services
    from droplwop.supporters.models import Supporter, SupporterEmail
    from droplwop.supporters.services import find_or_create_supporter

    kept, _ = find_or_create_supporter(email="main@example.org")  # no name yet
    SupporterEmail.objects.create(supporter=kept, email="old@example.org")
    api_signer, _ = find_or_create_supporter(email="api@example.org", first_name="Api")
    sign_post(pages["en"], email="old@example.org", first_name="Marta", last_name="Ortiz")
    sign_post(pages["en"], email="api@example.org")
    sign_post(pages["es"], email="nueva@example.org", first_name="Nguyễn", last_name="李")
    # The same person signs through the partner API before the batch is filed.
    services.sign_petition(
        petition=petition, email="api@example.org", first_name="Api", last_name="X"
    )
    before = selectors.count_signatures(petition)

    assert deferred.file_pending(batch_size=10) == 3

    kept.refresh_from_db()
    assert (kept.first_name, kept.last_name) == ("Marta", "Ortiz")
    assert not Supporter.objects.filter(email="old@example.org").exists()
    assert Signature.objects.filter(petition=petition, supporter=api_signer).count() == 1
    newcomer = Supporter.objects.get(email="nueva@example.org")
    assert (newcomer.first_name, newcomer.preferred_language) == ("Nguyễn", "es")
    assert selectors.count_signatures(petition) == before + 2
    lines = Activity.objects.filter(kind="petitions.signed", supporter__in=[kept, newcomer])
    assert lines.count() == 2


def test_a_petition_that_asks_for_confirmation_counts_filed_signatures_once_confirmed(
    pages, petition, sign_post, settings, django_capture_on_commit_callbacks, mailoutbox
):
    petition.confirmation_required = True
    petition.save(update_fields=["confirmation_required"])
    before = selectors.count_signatures(petition)

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_post(pages["es"], email="confirma@example.org")

    assert response["Location"].endswith("thanks/confirm/")
    signature = Signature.objects.get(petition=petition, supporter__email="confirma@example.org")
    assert signature.confirmed_at is None
    assert selectors.count_signatures(petition) == before
    assert [m.to for m in mailoutbox] == [["confirma@example.org"]]


@pytest.mark.parametrize(
    "dates",
    [{"closes_at": -1}, {"opens_at": +1}],
    ids=["closed-yesterday", "opens-tomorrow"],
)
def test_outside_its_dates_a_petition_stores_nothing_and_says_so(pages, petition, sign_post, dates):
    from datetime import timedelta

    from django.utils import timezone

    for field, days in dates.items():
        setattr(petition, field, timezone.now() + timedelta(days=days))
    petition.save()

    response = sign_post(pages["en"], email="late@example.org")

    assert response.status_code == 409
    assert "This petition is closed" in response.content.decode()
    assert count_waiting() == 0


def test_closing_a_petition_stops_signatures_at_once_and_reopening_takes_them(
    pages, petition, sign_post
):
    # The first signature makes every server process keep the petition's facts.
    assert sign_post(pages["en"], email="first@example.org").status_code == 303
    petition.status = "closed"
    petition.save()

    refused = sign_post(pages["en"], email="after@example.org")

    assert refused.status_code == 409
    assert "after@example.org" not in waiting_emails()
    petition.status = "open"
    petition.save()
    assert sign_post(pages["en"], email="after@example.org").status_code == 303


def test_a_petition_closes_at_its_closing_time_without_being_saved(
    pages, petition, sign_post, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    petition.closes_at = now + timedelta(hours=1)
    petition.save()
    assert sign_post(pages["en"], email="in-time@example.org").status_code == 303

    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))

    assert sign_post(pages["en"], email="too-late@example.org").status_code == 409
    assert "too-late@example.org" not in waiting_emails()


def test_asking_for_confirmation_applies_to_the_next_signer(pages, petition, sign_post):
    assert sign_post(pages["en"], email="a@example.org")["Location"].endswith("thanks/signed/")
    petition.confirmation_required = True
    petition.save()

    assert sign_post(pages["en"], email="b@example.org")["Location"].endswith("thanks/confirm/")


def test_a_partial_batch_waits_a_moment_for_more_signers(
    pages, petition, sign_post, queue_held, settings, monkeypatch
):
    settings.DEFERRED_LINGER = 0.25
    for n in range(3):
        sign_post(pages["en"], email=f"early{n}@example.org")
    waits = []

    def more_signers_arrive(seconds):
        waits.append(seconds)
        if len(waits) == 1:
            for n in range(2):
                sign_post(pages["en"], email=f"late{n}@example.org")

    monkeypatch.setattr(deferred.time, "sleep", more_signers_arrive)

    assert deferred.file_pending(batch_size=5) == 5
    # One wait, then all five in a single full batch; nothing left to wait for.
    assert waits == [0.25]
    assert Signature.objects.filter(petition=petition).count() == 5


def test_a_deleted_petition_takes_its_waiting_signatures_with_it(
    pages, petition, sign_post, queue_held
):
    sign_post(pages["en"], email="gone@example.org")
    for page in pages.values():
        page.delete()
    petition.delete()

    assert deferred.file_pending() == 1
    assert count_waiting() == 0
    assert not Signature.objects.filter(supporter__email="gone@example.org").exists()


def test_a_batch_filed_again_after_a_crash_changes_nothing(pages, petition, sign_post, queue_held):
    """A worker killed after the batch committed but before its rows were gone files it again."""
    for n in range(3):
        sign_post(pages["en"], email=f"crash{n}@example.org")
    kept = list(PendingSubmission.objects.all())
    deferred.file_pending()
    before = selectors.count_signatures(petition)
    PendingSubmission.objects.bulk_create(kept)

    assert deferred.file_pending() == 3

    signed = Signature.objects.filter(petition=petition, supporter__email__startswith="crash")
    assert signed.count() == 3
    assert selectors.count_signatures(petition) == before
    lines = Activity.objects.filter(kind="petitions.signed", supporter__email__startswith="crash")
    assert lines.count() == 3
    assert count_waiting() == 0


def test_a_row_its_service_refuses_is_kept_aside_and_the_others_are_filed(
    pages, petition, sign_post, queue_held
):
    for n in range(3):
        sign_post(pages["en"], email=f"row{n}@example.org")
    broken = PendingSubmission.objects.get(email="row1@example.org")
    broken.payload["comment"] = 5  # as a bug in a later version might leave it
    broken.save()

    assert deferred.file_pending() == 2

    broken.refresh_from_db()
    assert broken.failed_at is not None and "Error" in broken.error
    signed = Signature.objects.filter(petition=petition)
    assert set(signed.values_list("supporter__email", flat=True)) == {
        "row0@example.org",
        "row2@example.org",
    }
    assert deferred.file_pending() == 0


def test_erasing_a_person_removes_their_waiting_signatures(pages, petition, sign_post, queue_held):
    sign_post(pages["en"], email="Private@Example.org")
    sign_post(pages["en"], email="other@example.org")

    assert [p.email for p in deferred.list_pending("private@example.org")] == [
        "private@example.org"
    ]
    assert deferred.forget("private@example.org") == 1
    assert waiting_emails() == {"other@example.org"}


def test_a_repeat_signer_is_told_by_email_once_a_day_in_their_language(
    pages, petition, sign_post, django_capture_on_commit_callbacks, mailoutbox
):
    sign_post(pages["es"], email="rosa@example.org", first_name="Rosa")
    with django_capture_on_commit_callbacks(execute=True):
        sign_post(pages["en"], email="ROSA@example.org", first_name="<a href=x>Mallory</a>")
    with django_capture_on_commit_callbacks(execute=True):
        sign_post(pages["en"], email="rosa@example.org")

    (told,) = mailoutbox
    assert told.to == ["rosa@example.org"]
    assert told.subject.startswith("Ya firmaste")
    assert "Hola, Rosa:" in told.body and "Mallory" not in told.body
    assert Signature.objects.filter(petition=petition).count() == 1
