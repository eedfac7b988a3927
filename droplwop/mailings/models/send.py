from django.db import models
from django.utils.translation import gettext_lazy as _


class SendStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    CLAIMED = "claimed", _("Taken by a worker")
    INFLIGHT = "inflight", _("Being handed to the mail server")
    SENT = "sent", _("Sent")
    UNCERTAIN = "uncertain", _("Probably sent (worker stopped)")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (unsubscribed or suppressed)")


class Send(models.Model):
    """One recipient of one mailing: the log that keeps a restarted worker from mailing twice.

    See delivery.py for the state machine and the exact guarantee.
    """

    mailing = models.ForeignKey("mailings.Mailing", on_delete=models.CASCADE, related_name="sends")
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="mailing_sends"
    )
    language = models.CharField(max_length=2)
    status = models.CharField(
        _("status"), max_length=10, choices=SendStatus.choices, default=SendStatus.QUEUED
    )
    claim_token = models.CharField(max_length=32, blank=True, default="", db_index=True)
    error = models.CharField(_("error"), max_length=255, blank=True, default="")
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    complained_at = models.DateTimeField(_("marked as spam"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "supporter"], name="one_send_per_mailing_and_supporter"
            )
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="send_mailing_status")]
        verbose_name = _("send")
        verbose_name_plural = _("sends")

    def __str__(self):
        return f"{self.mailing_id} → {self.supporter_id} ({self.status})"


class SendClaim(models.Model):
    """A worker's lease on a batch of sends. A lease not renewed in time marks a dead worker."""

    token = models.CharField(max_length=32, primary_key=True)
    mailing = models.ForeignKey("mailings.Mailing", on_delete=models.CASCADE, related_name="+")
    heartbeat_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
