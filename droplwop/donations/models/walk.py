import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# A CDCR number is one or two letters then four or five digits (e.g. "AB1234"). This app never
# stores one, so text that looks like one is refused before it can be published.
CDCR_NUMBER = re.compile(r"\b[A-Za-z]{1,2}[ -]?\d{4,5}\b")


def reject_cdcr_number(value):
    if value and CDCR_NUMBER.search(value):
        raise ValidationError(
            _(
                "This looks like a CDCR number. Never put a CDCR number on a walker's page; "
                "remove it."
            ),
            code="cdcr_number",
        )


class Participant(models.Model):
    """A walker in a campaign, with a public page under the campaign's fundraiser page.

    A proxy page is run by an organizer or a family member for a walker inside who cannot go
    online; it needs the walker's recorded consent. Only a display name is kept (a first name is
    enough); never a CDCR number.
    """

    class ManagerRole(models.TextChoices):
        SELF = "self", _("The walker")
        ORGANIZER = "organizer", _("An organizer")
        FAMILY = "family", _("A family member")

    class ConsentMethod(models.TextChoices):
        LETTER = "letter", _("Letter from the walker")
        PHONE = "phone", _("Phone call")
        VISIT = "visit", _("In-person visit")
        FORM = "form", _("Signed consent form")

    fund = models.ForeignKey(
        "donations.Fund",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("campaign"),
    )
    slug = models.SlugField(_("slug"))
    display_name = models.CharField(
        _("name shown"),
        max_length=80,
        validators=[reject_cdcr_number],
        help_text=_("A first name is enough."),
    )
    story_en = models.TextField(_("story (English)"), blank=True, validators=[reject_cdcr_number])
    story_es = models.TextField(_("story (Spanish)"), blank=True, validators=[reject_cdcr_number])
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("photo description"), max_length=250, blank=True)
    goal = models.PositiveIntegerField(_("personal goal (whole US dollars)"), null=True, blank=True)
    is_proxy = models.BooleanField(
        _("proxy page"),
        default=False,
        help_text=_("Run for a walker inside who cannot go online."),
    )
    manager_role = models.CharField(
        _("page run by"), max_length=10, choices=ManagerRole.choices, default=ManagerRole.SELF
    )
    manager = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_walker_pages",
        verbose_name=_("person running the page"),
    )
    consent_given_on = models.DateField(_("walker's consent: date"), null=True, blank=True)
    consent_method = models.CharField(
        _("walker's consent: how"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("walker's consent: recorded by"),
    )
    consent_note = models.TextField(
        _("walker's consent: note"), blank=True, validators=[reject_cdcr_number]
    )
    laps_completed = models.DecimalField(
        _("laps walked"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    miles_completed = models.DecimalField(
        _("miles walked"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    results_entered_at = models.DateTimeField(null=True, blank=True)
    is_published = models.BooleanField(_("page is public"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "slug"], name="one_walker_slug_per_campaign")
        ]
        verbose_name = _("walker")
        verbose_name_plural = _("walkers")

    def __str__(self):
        return self.display_name

    def clean(self):
        if self.is_proxy:
            missing = {}
            if not self.consent_given_on:
                missing["consent_given_on"] = _("A proxy page needs the date the walker agreed.")
            if not self.consent_method:
                missing["consent_method"] = _("Say how the walker gave consent.")
            if self.manager_role == self.ManagerRole.SELF:
                missing["manager_role"] = _("Say who runs this page for the walker.")
            if missing:
                raise ValidationError(missing)

    @property
    def goal_cents(self) -> int | None:
        return self.goal * 100 if self.goal else None

    def story_in(self, language_code):
        return self.story_es if language_code == "es" and self.story_es else self.story_en


class Pledge(models.Model):
    """A promise to give per lap, per mile or a flat amount for one walker, paid after the walk."""

    class Kind(models.TextChoices):
        PER_LAP = "per_lap", _("Per lap")
        PER_MILE = "per_mile", _("Per mile")
        FLAT = "flat", _("Flat amount")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        DUE = "due", _("Payment requested")
        PAID = "paid", _("Paid")
        NOTHING_DUE = "nothing_due", _("Nothing due")
        CANCELED = "canceled", _("Canceled")

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("walker")
    )
    supporter = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("pledger"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    rate_cents = models.PositiveIntegerField(_("amount per unit or flat amount (cents)"))
    cap_cents = models.PositiveIntegerField(_("maximum (cents)"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLEDGED, db_index=True
    )
    amount_due_cents = models.PositiveIntegerField(_("amount due (cents)"), null=True, blank=True)
    due_emailed_at = models.DateTimeField(_("payment link sent"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "supporter"], name="one_pledge_per_person_per_walker"
            )
        ]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self):
        return f"{self.supporter} → {self.participant} ({self.get_kind_display()})"
