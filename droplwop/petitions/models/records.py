"""What people sign: one record per petition or letter, whatever the language of its pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Signing bumps one of these rows at random, so concurrent signers rarely wait on each other's
# row lock; the total is a sum over this many rows.
from droplwop.core.fields import HttpsURLField

COUNTER_SHARDS = 16


class Target(models.Model):
    """A decision maker a petition is addressed to."""

    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150)
    title_es = models.CharField(_("title (Spanish)"), max_length=150, blank=True)
    office = models.CharField(_("office"), max_length=200, blank=True)

    class Meta:
        ordering = ["title", "name"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.title} {self.name}".strip()

    def title_in(self, language_code):
        return self.title_es if language_code == "es" and self.title_es else self.title


class PetitionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    WON = "won", _("Won")
    DELIVERED = "delivered", _("Delivered")


class Petition(models.Model):
    """The language-independent record: one count and one signer list for every page."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("petition text"),
        help_text=_("The statement as it is delivered to the targets."),
    )
    text_es = models.TextField(
        _("petition text (Spanish)"),
        blank=True,
        help_text=_("Shown on the Spanish page; the English text is what is delivered."),
    )
    targets = models.ManyToManyField(Target, blank=True, verbose_name=_("targets"))
    goal = models.PositiveIntegerField(_("goal"), default=1000)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PetitionStatus.choices,
        default=PetitionStatus.OPEN,
        db_index=True,
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    paper_count = models.PositiveIntegerField(
        _("paper signatures"), default=0, help_text=_("Signatures collected on paper.")
    )
    confirmation_required = models.BooleanField(
        _("confirm by email"),
        default=False,
        help_text=_("A signature counts only once the signer clicks the link in an email."),
    )
    public_list_enabled = models.BooleanField(
        _("show a public list of signers"),
        default=False,
        help_text=_("Only signers who chose to be listed appear, as first name, initial, city."),
    )
    email_list = models.ForeignKey(
        "supporters.EmailList",
        verbose_name=_("list for 'keep me informed'"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self):
        return self.title

    def text_in(self, language_code):
        return self.text_es if language_code == "es" and self.text_es else self.text

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != PetitionStatus.OPEN or self.opens_at > now:
            return False
        return self.closes_at is None or self.closes_at > now


class SignOnLetter(Petition):
    """A letter individuals and organizations sign; its individual signatures are Signatures."""

    letter_en = models.TextField(_("letter (English)"))
    letter_es = models.TextField(_("letter (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("sign-on letter")
        verbose_name_plural = _("sign-on letters")

    def letter_in(self, language_code):
        return self.letter_es if language_code == "es" and self.letter_es else self.letter_en


class PetitionCounter(models.Model):
    """Confirmed online signatures, kept as a few rows bumped in the signing transaction."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="counters")
    shard = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "shard"], name="one_counter_per_shard")
        ]


class Signature(models.Model):
    """One person's signature. The person (name, email, ZIP, city) lives on Supporter."""

    class Channel(models.TextChoices):
        FORM = "form", _("Form")
        API = "api", _("Partner site (API)")
        IMPORT = "import", _("Import")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="petition_signatures"
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    list_publicly = models.BooleanField(_("may be listed publicly"), default=False)
    wants_updates = models.BooleanField(_("wants updates"), default=False)
    language = models.CharField(_("language"), max_length=2, default="en")
    created_at = models.DateTimeField(_("signed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.FORM)
    referrer = models.CharField(_("referrer"), max_length=200, blank=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    ip_hash = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "supporter"], name="one_signature_per_person"
            )
        ]
        indexes = [models.Index(fields=["petition", "created_at"])]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self):
        return f"{self.supporter} / {self.petition}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class OrgSignature(models.Model):
    """An organization signing a letter; shown only after an organizer verifies it."""

    letter = models.ForeignKey(
        SignOnLetter, on_delete=models.CASCADE, related_name="org_signatures"
    )
    supporter = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.CASCADE,
        related_name="org_letter_signatures",
        help_text=_("The person who signed for the organization."),
    )
    organization = models.CharField(_("organization"), max_length=200)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = HttpsURLField(_("website"), blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    authorized = models.BooleanField(_("authorized to sign for the organization"))
    created_at = models.DateTimeField(_("signed"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)

    class Meta:
        ordering = ["organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "supporter", "organization"], name="one_org_signature_per_person"
            )
        ]
        verbose_name = _("organizational signature")
        verbose_name_plural = _("organizational signatures")

    def __str__(self):
        return self.organization


class PetitionUpdate(models.Model):
    """News for signers: shown on the page and emailed to confirmed signers who opted in."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="updates")
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    body_en = models.TextField(_("text (English)"))
    body_es = models.TextField(_("text (Spanish)"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("petition update")
        verbose_name_plural = _("petition updates")

    def __str__(self):
        return self.title_en

    def title_in(self, code):
        return self.title_es if code == "es" else self.title_en

    def body_in(self, code):
        return self.body_es if code == "es" else self.body_en
