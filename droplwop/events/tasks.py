"""Background work: each task loads by id and calls a service or an email sender."""

from django.utils import timezone
from django_tasks import default_task_backend, task

from . import emails, services
from .models import Registration, RegistrationStatus


def _registration(registration_id):
    return (
        Registration.objects.select_related("event", "supporter")
        .prefetch_related("sessions", "event__sessions", "event__exceptions")
        .filter(pk=registration_id)
        .first()
    )


@task()
def send_confirmation_task(registration_id: int) -> None:
    registration = _registration(registration_id)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return
    emails.send_confirmation_email(registration)


@task()
def send_promotion_task(registration_id: int) -> None:
    registration = _registration(registration_id)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return
    emails.send_promotion_email(registration)


@task()
def send_organizer_message_task(message_id: int) -> None:
    services.send_organizer_message(message_id=message_id)


@task()
def dispatch_reminders_task() -> None:
    """Send the reminders that are due, then come back in a few minutes.

    A self-rescheduling task rather than reminders enqueued at registration time: dates move,
    series have no end, and people change sessions, so each run reads the dates as they are now.
    The clock row lets only one chain live; the sent log makes every reminder go out once.
    """
    now = timezone.now()
    next_run_at = services.claim_dispatch_slot(now=now)
    if next_run_at is None:
        return
    services.send_due_reminders(now=now)
    if default_task_backend.supports_defer:
        dispatch_reminders_task.using(run_after=next_run_at).enqueue()
