from django.db import models
from django.utils.translation import gettext_lazy as _


class SuppressionReason(models.TextChoices):
    BOUNCED = "bounced", _("Bounced")
    COMPLAINED = "complained", _("Marked as spam")


class Suppression(models.Model):
    """An address no mailing may reach again, whatever list it is on."""

    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="suppressions"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=SuppressionReason.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    provider_event_id = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["supporter", "reason"], name="one_suppression_per_reason"
            )
        ]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return f"{self.supporter} ({self.get_reason_display()})"
