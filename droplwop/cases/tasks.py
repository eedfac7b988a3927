"""Work for the queue: load by id, call the module that does the work.

The services that queue these tasks import this module; the work sits below it (`packets.py`,
`reminders.py`, `letter_links.py`), so no import runs the other way.
"""

from django_tasks import task

from .letter_links import send_letter_change_link
from .models import Packet, SupportLetter, Task
from .packets import build_packet
from .reminders import claim_due_reminders, send_task_reminder


@task()
def build_packet_task(packet_id: int) -> None:
    packet = Packet.objects.filter(pk=packet_id).select_related("case").first()
    if packet is not None:
        build_packet(packet=packet)


@task()
def send_task_reminder_task(task_id: int) -> None:
    item = Task.objects.filter(pk=task_id).select_related("owner", "case").first()
    if item is not None and item.done_at is None:
        send_task_reminder(task=item)


@task()
def send_task_reminders_task() -> None:
    """The daily sweep, for schedulers that enqueue tasks; cron can run `cases_send_reminders`."""
    for task_id in claim_due_reminders():
        send_task_reminder_task.enqueue(task_id)


@task()
def send_letter_change_link_task(letter_id: int) -> None:
    letter = SupportLetter.objects.filter(pk=letter_id).select_related("supporter").first()
    if letter is not None:
        send_letter_change_link(letter=letter)
