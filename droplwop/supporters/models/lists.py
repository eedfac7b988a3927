from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailList(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_es = models.CharField(_("name (Spanish)"), max_length=150)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    is_public = models.BooleanField(_("anyone may sign up"), default=True)
    double_opt_in = models.BooleanField(_("confirm by email"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("email list")
        verbose_name_plural = _("email lists")

    def __str__(self):
        return self.name_en

    def name_in(self, language_code):
        return self.name_es if language_code == "es" and self.name_es else self.name_en


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    SUBSCRIBED = "subscribed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Bounced")
    COMPLAINED = "complained", _("Marked as spam")


class Subscription(models.Model):
    """A person's consent to one list: what they were shown, where, and when."""

    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="subscriptions"
    )
    email_list = models.ForeignKey(
        EmailList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubscriptionStatus.choices, db_index=True
    )
    source = models.CharField(_("source"), max_length=120, blank=True)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["supporter", "email_list"], name="one_subscription_per_list"
            )
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.supporter} → {self.email_list} ({self.status})"
