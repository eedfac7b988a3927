"""CSV import of people: Action Network's activist export, or any CSV after a column mapping.

Upload -> mapping -> dry-run preview (counts, invalid rows with reasons) -> the run in the task
queue. The run commits chunk by chunk and stores how far it got in the same transaction, so a
failed or killed run resumes after the last committed row: nothing is imported twice or half.
"""

from django.utils import timezone

from droplwop.core.audit import record_audit
from droplwop.core.tasks_util import enqueue_on_commit

from .import_parse import (  # noqa: F401 - TARGETS, ImportProblem: this module is their public path
    MAX_BYTES,
    TARGETS,
    ImportProblem,
    check_mapping,
    decode,
    guess_mapping,
    read_header,
)
from .import_run import job_header, job_text, run_import, run_preview  # noqa: F401
from .import_write import preview
from .models import ImportJob, ImportStatus
from .tasks import preview_import_task, run_import_task


def create_import_job(*, upload, actor, email_list=None, tag=None) -> ImportJob:
    """Keep an uploaded file (in private storage) once it reads as CSV with a header."""
    raw = upload.read(MAX_BYTES + 1)
    text, encoding = decode(raw)
    header = read_header(text)
    upload.seek(0)
    job = ImportJob(
        original_name=(upload.name or "import.csv")[:255],
        encoding=encoding,
        mapping=guess_mapping(header),
        email_list=email_list,
        tag=tag,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    job.file.save(f"import-{timezone.now():%Y%m%d-%H%M%S}.csv", upload, save=False)
    job.save()
    record_audit(
        actor=actor, action="supporter.import_uploaded", obj=job, summary=job.original_name
    )
    return job


def map_and_preview(*, job: ImportJob, mapping: dict[str, str]) -> dict:
    text = job_text(job)
    job.mapping = check_mapping(read_header(text), mapping)
    job.save(update_fields=["mapping"])
    return preview(job=job, text=text)


def request_preview(*, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    """Save the column choices and check the whole file in the task queue: a large file takes
    longer than a request may."""
    job.mapping = check_mapping(job_header(job), mapping)
    job.status = ImportStatus.CHECKING
    job.failure = ""
    job.save(update_fields=["mapping", "status", "failure"])
    enqueue_on_commit(preview_import_task, job.pk)
    return job


def start_import(*, job: ImportJob, actor) -> ImportJob:
    """Queue the run (or the rest of a failed one) once the preview was approved."""
    if job.status not in (ImportStatus.PREVIEWED, ImportStatus.FAILED):
        return job
    job.status = ImportStatus.QUEUED
    job.save(update_fields=["status"])
    record_audit(actor=actor, action="supporter.import_started", obj=job, summary=job.original_name)
    enqueue_on_commit(run_import_task, job.pk)
    return job
