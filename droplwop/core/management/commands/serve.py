import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from droplwop.core.demo_tools import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Run the web server and the task worker together; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        python = sys.executable
        processes = [
            subprocess.Popen([python, "manage.py", "runserver", addr, "--noreload"]),
            subprocess.Popen(
                [
                    python,
                    "manage.py",
                    "db_worker",
                    "--interval",
                    "0.5",
                    "--no-reload",
                    "--no-startup-delay",
                ]
            ),
        ]
        self.stdout.write(
            self.style.SUCCESS(
                f"\nDrop LWOP is running at http://{addr}/  (Spanish: http://{addr}/es/)\n"
                f"Admin: http://{addr}/admin/  login: organizer / {DEMO_PASSWORD}"
                f"  (editor and admin have the same password)\nPress Ctrl-C to stop.\n"
            )
        )
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes):
                time.sleep(0.3)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
