from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import DocumentKind, PacketStatus
from ..storage import private_storage


class Document(models.Model):
    """A case file: kept in private storage and served only through a permission-checked view."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(storage=private_storage, upload_to="cases/documents/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField()
    page_count = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-uploaded_at"]

    def __str__(self):
        return self.title


class Packet(models.Model):
    """One build of the clemency packet PDF, numbered per case, with what went into it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="packets")
    version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=PacketStatus.choices, default=PacketStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=private_storage, upload_to="cases/packets/", blank=True)
    contents = models.JSONField(default=list, blank=True)
    # Files left out because they could not be read: kind, title, reason, letter or document.
    skipped = models.JSONField(default=list, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="cases_packet_version")
        ]
