"""Work for the queue: load by id, call a service."""

from django_tasks import task

from .models import Packet, Task
from .packets import build_packet
from .services import send_task_reminder, send_task_reminders


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
    send_task_reminders()


@task()
def send_letter_change_link_task(letter_id: int) -> None:
    from .letters import send_letter_change_link
    from .models import SupportLetter

    letter = SupportLetter.objects.filter(pk=letter_id).select_related("supporter").first()
    if letter is not None:
        send_letter_change_link(letter=letter)
