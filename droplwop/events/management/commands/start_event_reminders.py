"""Start the self-rescheduling reminder dispatcher (run once after deploy; safe to run again)."""

from django.core.management.base import BaseCommand

from droplwop.events.services import ensure_reminder_dispatcher


class Command(BaseCommand):
    help = "Enqueue the event reminder dispatcher unless one is already scheduled."

    def handle(self, *args, **options):
        if ensure_reminder_dispatcher():
            self.stdout.write("Reminder dispatcher enqueued; `manage.py db_worker` runs it.")
        else:
            self.stdout.write(
                "A reminder dispatcher is already scheduled (or the backend runs tasks at once)."
            )
