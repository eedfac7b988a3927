from django.db import models
from django.utils.translation import gettext_lazy as _


class Fund(models.Model):
    """What a gift is for: the coalition's general fund or a campaign with a goal.

    Language-independent: the English and Spanish pages point at the same fund, so totals never
    split by language. A campaign may raise money for someone else (an external beneficiary).
    """

    class Kind(models.TextChoices):
        GENERAL = "general", _("General fund")
        CAMPAIGN = "campaign", _("Campaign")

    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GENERAL)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_es = models.CharField(_("name (Spanish)"), max_length=150)
    goal = models.PositiveIntegerField(
        _("goal (whole US dollars)"),
        null=True,
        blank=True,
        help_text=_("For example 10000 for $10,000. Leave empty for no goal."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    beneficiary_name = models.CharField(
        _("external beneficiary"),
        max_length=200,
        blank=True,
        help_text=_("Fill in only when the money goes to another organization."),
    )
    beneficiary_note_en = models.TextField(_("beneficiary note (English)"), blank=True)
    beneficiary_note_es = models.TextField(_("beneficiary note (Spanish)"), blank=True)
    is_active = models.BooleanField(_("accepting gifts"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self):
        return self.name_en

    @property
    def goal_cents(self) -> int | None:
        return self.goal * 100 if self.goal else None

    def name_in(self, language_code):
        return self.name_es if language_code == "es" and self.name_es else self.name_en

    def beneficiary_note_in(self, language_code):
        if language_code == "es" and self.beneficiary_note_es:
            return self.beneficiary_note_es
        return self.beneficiary_note_en
