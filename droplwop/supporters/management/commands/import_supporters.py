"""Import a CSV of people from the command line, through the same code as the admin screen."""

import json
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from droplwop.supporters.importing import (
    ImportProblem,
    create_import_job,
    map_and_preview,
    run_import,
)
from droplwop.supporters.models import EmailList


class Command(BaseCommand):
    help = "Import supporters from a CSV (Action Network export columns are recognized)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--list", dest="list_slug", help="slug of the email list to add them to"
        )
        parser.add_argument("--dry-run", action="store_true", help="count only, write no person")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, path, list_slug=None, dry_run=False, **options):
        email_list = EmailList.objects.filter(slug=list_slug).first() if list_slug else None
        if list_slug and email_list is None:
            raise CommandError(f"No email list with slug {list_slug!r}.")
        upload = SimpleUploadedFile(Path(path).name, Path(path).read_bytes(), "text/csv")
        try:
            job = create_import_job(upload=upload, actor=None, email_list=email_list)
            started = time.perf_counter()
            figures = map_and_preview(job=job, mapping=job.mapping)
            preview_seconds = time.perf_counter() - started
        except ImportProblem as exc:
            raise CommandError(str(exc)) from exc
        result = {"rows": job.total_rows, "preview_seconds": round(preview_seconds, 2)}
        result.update({k: figures[k] for k in ("new", "updated", "invalid")})
        if not dry_run:
            started, cpu = time.perf_counter(), time.process_time()
            job = run_import(job_id=job.pk)
            result["import_seconds"] = round(time.perf_counter() - started, 2)
            result["import_cpu_seconds"] = round(time.process_time() - cpu, 2)
            result.update(new=job.new_count, updated=job.updated_count, invalid=job.invalid_count)
        self.stdout.write(
            _dumps(result) if options["json"] else " ".join(f"{k}={v}" for k, v in result.items())
        )


def _dumps(value):
    return json.dumps(value)
