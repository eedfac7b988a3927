from django.db import models
from django.utils import timezone


class PendingSubmission(models.Model):
    """A public form's submission, acknowledged and waiting to be filed (core.deferred).

    It holds what the person typed (contact data included) for the seconds until the filing
    task hands it to its app's service and deletes it. `email` is kept as a column so that the
    privacy export and erasure find a person's waiting rows.
    """

    kind = models.CharField(max_length=60)
    email = models.CharField(max_length=254, db_index=True)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the service refused the row on its own (a bug, not a busy database): kept for
    # staff to look at, never claimed again.
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "failed_at", "id"], name="pending_claim")]

    def __str__(self):
        return f"{self.kind} #{self.pk}"
