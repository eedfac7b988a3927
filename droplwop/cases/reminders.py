"""Task reminders: which tasks are due a reminder today, and the reminder email itself.

Below `services.py` and `tasks.py`: the service and the sweep task queue one email per task, and
the queued task sends it from here.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from droplwop.core.emails import send_templated_email

from .models import Task
from .selectors import list_tasks_due_for_reminder


def claim_due_reminders(*, today: datetime.date | None = None) -> list[int]:
    """Mark each task due within two days or overdue as reminded today and return their ids;
    a task already reminded today (by another sweep) is not claimed twice."""
    today = today or timezone.localdate()
    claimed = []
    for task in list_tasks_due_for_reminder(today):
        with transaction.atomic():
            updated = Task.objects.filter(pk=task.pk, reminded_on=task.reminded_on).update(
                reminded_on=today
            )
        if updated:
            claimed.append(task.pk)
    return claimed


def send_task_reminder(*, task: Task) -> None:
    if task.owner is None or not task.owner.email:
        return
    send_templated_email(
        "cases/emails/task_reminder",
        {"task": task, "owner": task.owner},
        to=task.owner.email,
        language="en",
    )
