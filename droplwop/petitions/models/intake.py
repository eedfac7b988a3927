from django.db import models
from django.utils import timezone

from .records import Petition


class PendingSignature(models.Model):
    """A signature the form has taken and acknowledged but not yet filed.

    The form's request makes one small insert here and answers; the task queue files it
    (supporter, signature, count, timeline, list consent, confirmation email) in batches moments
    later. Under a viral spike this keeps the signer's request to one short write, where filing
    takes a dozen statements that all need the database's write lock. Once filed, the row is
    deleted: it holds contact data only for those seconds. On SQLite the same rows wait in a
    file of their own instead of this table (petitions.intake_store says why).
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    email = models.CharField(max_length=254)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    zip_code = models.CharField(max_length=10, blank=True)
    comment = models.CharField(max_length=500, blank=True)
    list_publicly = models.BooleanField(default=False)
    wants_updates = models.BooleanField(default=False)
    consent_text = models.TextField(blank=True)
    language = models.CharField(max_length=2, default="en")
    referrer = models.CharField(max_length=200, blank=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    ip_hash = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "email"], name="one_pending_per_email")
        ]
