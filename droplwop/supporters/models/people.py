from django.db import models
from django.utils.translation import gettext_lazy as _

from droplwop.core.fields import HttpsURLField


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = HttpsURLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name


class Supporter(models.Model):
    """One person, whatever they did: signed, registered, gave, wrote a letter."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        SPANISH = "es", _("Spanish")

    email = models.EmailField(
        _("email"), max_length=254, unique=True, help_text=_("Stored lower-case.")
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="supporters", verbose_name=_("tags")
    )
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="people", verbose_name=_("organizations")
    )
    source = models.CharField(_("first source"), max_length=120, blank=True)
    action_network_id = models.CharField(
        _("Action Network id"), max_length=64, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymized_at = models.DateTimeField(_("anonymized"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("supporter")
        verbose_name_plural = _("supporters")

    def __str__(self):
        return self.full_name or self.email

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class SupporterEmail(models.Model):
    """Another address of the same person (kept after a merge); it finds them too."""

    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE, related_name="other_emails")
    email = models.EmailField(_("email"), max_length=254, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("other email")
        verbose_name_plural = _("other emails")

    def __str__(self):
        return self.email
