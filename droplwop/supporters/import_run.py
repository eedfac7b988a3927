"""The import's runs in the task queue: the whole-file preview and the real run, resumable."""

import csv

from django.db import IntegrityError, transaction
from django.utils import timezone

from droplwop.core.audit import record_audit

from .import_parse import MAX_STORED_ERRORS, ImportProblem, decode, read_header
from .import_write import _chunks, _write_batch, preview
from .models import ImportJob, ImportStatus


def run_import(*, job_id: int) -> ImportJob:
    """The real run. Each chunk commits with the job's counters, so a crash loses nothing and
    a second run starts where the first stopped."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status == ImportStatus.DONE:
            return job
        job.status = ImportStatus.RUNNING
        job.failure = ""
        job.save(update_fields=["status", "failure"])
    try:
        with job.file.open("rb") as handle:
            text, _encoding = decode(handle.read())
        tag_cache: dict[str, int] = {}
        for count, batch in _chunks(text, job.mapping, skip=job.processed_rows):
            if count <= job.processed_rows:
                continue
            for attempt in range(2):
                try:
                    with transaction.atomic():
                        new, updated = _write_batch(job, batch, tag_cache)
                        job.new_count += new
                        job.updated_count += updated
                        job.invalid_count += len(batch.errors)
                        room = MAX_STORED_ERRORS - len(job.errors)
                        job.errors = job.errors + batch.errors[: max(0, room)]
                        job.processed_rows = count
                        job.total_rows = max(job.total_rows, count)
                        job.save(
                            update_fields=[
                                *("new_count", "updated_count", "invalid_count", "errors"),
                                *("processed_rows", "total_rows"),
                            ]
                        )
                    break
                except IntegrityError:
                    # Someone signed up with one of these addresses meanwhile: read again.
                    job.refresh_from_db()
                    tag_cache.clear()
                    if attempt:
                        raise
    except Exception as exc:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, failure=str(exc)[:2000]
        )
        raise
    job.status = ImportStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    record_audit(
        actor=job.created_by,
        action="supporter.imported",
        obj=job,
        summary=f"Imported {job.original_name}",
        data={"new": job.new_count, "updated": job.updated_count, "invalid": job.invalid_count},
    )
    return job


def job_text(job: ImportJob) -> str:
    with job.file.open("rb") as handle:
        return decode(handle.read())[0]


def job_header(job: ImportJob) -> list[str]:
    return read_header(job_text(job))


def run_preview(*, job_id: int) -> ImportJob:
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportStatus.CHECKING:
        return job
    try:
        preview(job=job, text=job_text(job))
    except (ImportProblem, csv.Error) as exc:
        job.status, job.failure = ImportStatus.UPLOADED, str(exc)[:2000]
        job.save(update_fields=["status", "failure"])
    return job
