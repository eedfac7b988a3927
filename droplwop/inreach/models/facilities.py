from django.db import models
from django.utils.translation import gettext_lazy as _


class Facility(models.Model):
    """A CDCR adult institution. Mail addresses come only from sourced research; none is guessed."""

    acronym = models.CharField(_("acronym"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("city"), max_length=80)
    is_open = models.BooleanField(_("open"), default=True)
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the mailing address was found.")
    )
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_(
            "The day an organizer last checked the address on CDCR's facility page. "
            "Empty means nobody has checked it yet."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self):
        return f"{self.name} ({self.acronym})"


class FacilityMailAddress(models.Model):
    """Where letters to people inside go. Several prisons use one PO box per yard."""

    facility = models.ForeignKey(
        Facility,
        on_delete=models.CASCADE,
        related_name="mail_addresses",
        verbose_name=_("facility"),
    )
    yard = models.CharField(
        _("yard"),
        max_length=40,
        blank=True,
        help_text=_("Facility letter or unit (A, B, M, ASU1...). Empty for the general address."),
    )
    po_box = models.CharField(_("PO box"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=80)
    state = models.CharField(_("state"), max_length=2, default="CA")
    zip_code = models.CharField(_("ZIP code"), max_length=10)

    class Meta:
        ordering = ["facility", "yard"]
        verbose_name = _("mailing address")
        verbose_name_plural = _("mailing addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "yard"], name="inreach_one_address_per_yard"
            )
        ]

    def __str__(self):
        box = f"P.O. Box {self.po_box}, " if self.po_box else ""
        return f"{box}{self.city}, {self.state} {self.zip_code}"
