from django.core.management.base import BaseCommand

from droplwop.cases.services import send_task_reminders


class Command(BaseCommand):
    help = "Queue reminder emails for case tasks due within two days or overdue (run daily)."

    def handle(self, *args, **options):
        count = send_task_reminders()
        self.stdout.write(f"{count} reminder(s) queued")
