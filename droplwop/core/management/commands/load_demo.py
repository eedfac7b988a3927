from django.core.management.base import BaseCommand
from django.db import transaction

from droplwop.core.demo_tools import DemoContext, demo_loaders


class Command(BaseCommand):
    help = "Load the demo content of every app (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        context = DemoContext()
        for label, load in demo_loaders():
            with transaction.atomic():
                load(context)
            self.stdout.write(f"demo: {label} loaded")
        for line in context.log:
            self.stdout.write(line)
