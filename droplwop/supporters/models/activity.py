from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    """One line of a person's timeline. Other apps write here through services.record_activity,
    naming what happened with a dotted kind ("petitions.signed", "events.registered")."""

    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    summary = models.CharField(_("summary"), max_length=255)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.summary
