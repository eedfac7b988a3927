"""Work done in the queue: each task loads by id and calls the module doing the work
(`launch.py`, `delivery.py`, `proofs.py`); the services that queue these tasks sit above."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from droplwop.core.tasks_util import enqueue_on_commit

from . import delivery, launch, proofs
from .models import Mailing, MailingStatus


def enqueue_delivery(mailing_id: int) -> None:
    """Senders for a mailing just started, and its watch once a lease has passed (when the
    backend can defer), all after the start commits."""
    for _worker in range(max(1, settings.MAILINGS_SEND_TASKS)):
        enqueue_on_commit(deliver_mailing_task, mailing_id)
    if watch_mailing_task.get_backend().supports_defer:
        run_after = timezone.now() + timezone.timedelta(
            seconds=settings.MAILINGS_CLAIM_LEASE_SECONDS
        )
        enqueue_on_commit(watch_mailing_task.using(run_after=run_after), mailing_id)


@task()
def start_scheduled_mailing_task(mailing_id: int) -> bool:
    """Start only if still scheduled for now: the mailing may have been moved or stopped."""
    with transaction.atomic():
        mailing = launch.get_due_mailing(mailing_id)
        if mailing is None:
            return False
        launch.take_audience(mailing=mailing)
        enqueue_delivery(mailing.pk)
    return True


@task()
def deliver_mailing_task(mailing_id: int) -> dict:
    report = delivery.deliver_mailing(mailing_id)
    return {"sent": report.sent, "failed": report.failed, "skipped": report.skipped}


@task()
def watch_mailing_task(mailing_id: int) -> str:
    """Runs every lease while a mailing is sending: after a worker died or a server stayed
    down, it recovers abandoned batches and starts delivery again."""
    if not Mailing.objects.filter(pk=mailing_id, status=MailingStatus.SENDING).exists():
        return "done"
    delivery.recover_stale_claims(mailing_id)
    if delivery.finish_if_complete(mailing_id):
        return "done"
    if not delivery.has_live_claims(mailing_id):
        for _worker in range(max(1, settings.MAILINGS_SEND_TASKS)):
            deliver_mailing_task.enqueue(mailing_id)
    run_after = timezone.now() + timezone.timedelta(seconds=settings.MAILINGS_CLAIM_LEASE_SECONDS)
    watch_mailing_task.using(run_after=run_after).enqueue(mailing_id)
    return "watching"


@task()
def send_test_message_task(mailing_id: int, to: str, language: str, first_name: str = "") -> None:
    mailing = Mailing.objects.select_related("email_list").get(pk=mailing_id)
    proofs.send_test_message(mailing=mailing, to=to, language=language, first_name=first_name)
