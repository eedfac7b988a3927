from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Pathway, PathwayState, Stage


class StageEvent(models.Model):
    """One step on the commutation path: when it happened, the papers, what comes next."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="stage_events")
    stage = models.CharField(_("stage"), max_length=32, choices=Stage.choices)
    date = models.DateField(_("date"))
    documents = models.CharField(_("documents"), max_length=255, blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]


class PathwayStatus(models.Model):
    """An advocate's note on one relief pathway: information, not a legal determination."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="pathways")
    pathway = models.CharField(_("pathway"), max_length=32, choices=Pathway.choices)
    state = models.CharField(
        _("status"), max_length=24, choices=PathwayState.choices, default=PathwayState.NOT_ASSESSED
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "pathway"], name="cases_pathway_once_per_case")
        ]


class Task(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_tasks",
    )
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    reminded_on = models.DateField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_on", "id"]

    def __str__(self):
        return self.title
