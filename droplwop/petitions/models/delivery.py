from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryFile(models.Model):
    """A delivery PDF built in the task queue; staff watch its progress and download it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.CASCADE, related_name="delivery_files"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    total_signers = models.PositiveIntegerField(default=0)
    # Private: served only through a permission-checked view, never under MEDIA_URL.
    path = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        "users.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("delivery file")
