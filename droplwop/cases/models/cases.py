from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ContactKind, MemberRole, Stage
from ..storage import private_storage
from ..validators import validate_cdcr_number


class Case(models.Model):
    """A person inside whom the coalition supports. Private: only the case team sees it."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    preferred_name = models.CharField(_("preferred name"), max_length=200, blank=True)
    facility = models.ForeignKey(
        "inreach.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    yard = models.CharField(
        _("facility yard"), max_length=40, blank=True, help_text=_("For example A, B, M or ASU1.")
    )
    housing = models.CharField(_("housing"), max_length=60, blank=True)
    county_of_conviction = models.CharField(_("county of conviction"), max_length=60, blank=True)
    sentence = models.CharField(_("sentence"), max_length=200, blank=True)
    offense_date = models.DateField(_("offense date"), null=True, blank=True)
    age_at_offense = models.PositiveSmallIntegerField(_("age at offense"), null=True, blank=True)
    twice_convicted = models.BooleanField(
        _("twice convicted of a felony"),
        default=False,
        help_text=_("Clemency then needs a California Supreme Court recommendation."),
    )
    custody_start = models.DateField(_("in custody since"), null=True, blank=True)
    languages = models.CharField(_("languages"), max_length=120, blank=True)
    stage = models.CharField(
        _("stage"), max_length=32, choices=Stage.choices, default=Stage.PREPARING
    )
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.preferred_name or self.legal_name

    @property
    def current_cdcr_number(self):
        number = self.cdcr_numbers.order_by("-valid_from", "-id").first()
        return number.number if number else ""

    @property
    def current_consent(self):
        return self.consents.order_by("-recorded_on", "-id").first()


class CdcrNumber(models.Model):
    """A person can hold several CDCR numbers over time; the newest is the current one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cdcr_numbers")
    number = models.CharField(_("CDCR number"), max_length=8, validators=[validate_cdcr_number])
    valid_from = models.DateField(_("valid from"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="cases_cdcr_once_per_case")
        ]

    def __str__(self):
        return self.number


class CaseMember(models.Model):
    """A staff user on the case team. Membership, not a role, opens a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_memberships"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="cases_member_once_per_case")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class CaseContact(models.Model):
    """Family and outside advocates: supporter records linked to the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="case_contacts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContactKind.choices)
    relationship = models.CharField(_("relationship"), max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "supporter", "kind"], name="cases_contact_once_per_case"
            )
        ]

    def __str__(self):
        return f"{self.supporter} ({self.get_kind_display()})"


class Consent(models.Model):
    """What the person agreed to, on paper. Rows are added, never edited: the newest counts."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    public_page = models.BooleanField(_("a public campaign page"), default=False)
    photo = models.BooleanField(_("their photo"), default=False)
    story = models.BooleanField(_("their story text"), default=False)
    name = models.BooleanField(_("their name"), default=False)
    recorded_on = models.DateField(_("date on the signed form"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scan = models.FileField(
        _("scanned document"), storage=private_storage, upload_to="cases/consent/", blank=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]

    @property
    def allows_anything(self):
        return self.public_page
