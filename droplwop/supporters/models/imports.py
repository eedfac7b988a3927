from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded, waiting for column choices")
    CHECKING = "checking", _("Checking the file (nothing is imported yet)")
    PREVIEWED = "previewed", _("Checked, waiting for approval")
    QUEUED = "queued", _("Waiting in the queue")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One uploaded CSV of people, from upload through preview to the run in the task queue.

    The run commits chunk by chunk and records how far it got in the same transaction, so a
    worker that dies mid-file resumes after the last committed row and never imports twice.
    """

    file = models.FileField(_("file"), upload_to="supporter-imports/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    email_list = models.ForeignKey(
        "supporters.EmailList",
        verbose_name=_("add to list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tag = models.ForeignKey(
        "supporters.Tag",
        verbose_name=_("tag everyone with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    invalid_count = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(
        default=list, blank=True, help_text="[row number, email, reason] for each invalid row"
    )
    failure = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("supporter import")
        verbose_name_plural = _("supporter imports")

    def __str__(self):
        return self.original_name

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == ImportStatus.DONE else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
