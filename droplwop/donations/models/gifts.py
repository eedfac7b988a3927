from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from droplwop.core.fields import HttpsURLField


class Frequency(models.TextChoices):
    ONE_TIME = "one_time", _("One time")
    MONTHLY = "monthly", _("Monthly")


class RecurringGift(models.Model):
    """A monthly gift: one Stripe subscription. Each month's charge is its own Donation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        ACTIVE = "active", _("Active")
        CANCELED = "canceled", _("Canceled")

    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.PROTECT, related_name="recurring_gifts"
    )
    fund = models.ForeignKey("donations.Fund", on_delete=models.PROTECT, related_name="+")
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    language = models.CharField(_("language"), max_length=2, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    subscription_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    customer_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    canceled_at = models.DateTimeField(null=True, blank=True)
    failed_renewals = models.PositiveIntegerField(_("failed renewals"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("monthly gift")
        verbose_name_plural = _("monthly gifts")

    def __str__(self):
        return f"{self.supporter} ${self.amount_cents / 100:,.2f}/month ({self.status})"


class Donation(models.Model):
    """One gift of money. Counted in totals only when confirmed (online: by a verified webhook;
    offline: when an organizer records it), minus what was refunded."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Abandoned")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online (card)")
        OFFLINE = "offline", _("Offline")

    class Method(models.TextChoices):
        CARD = "card", _("Card")
        CHECK = "check", _("Check")
        CASH = "cash", _("Cash")
        OTHER = "other", _("Other")

    fund = models.ForeignKey(
        "donations.Fund", on_delete=models.PROTECT, related_name="donations", verbose_name=_("fund")
    )
    # Null only for an offline gift from an unnamed donor (cash in a jar).
    supporter = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("donor"),
    )
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    refunded_cents = models.PositiveIntegerField(_("refunded (cents)"), default=0)
    currency = models.CharField(max_length=3, default="usd")
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ONE_TIME
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    method = models.CharField(
        _("method"), max_length=10, choices=Method.choices, default=Method.CARD
    )
    language = models.CharField(_("language"), max_length=2, default="en")
    received_on = models.DateField(_("date"), db_index=True)
    note = models.TextField(_("note"), blank=True)
    recurring_gift = models.ForeignKey(
        RecurringGift, on_delete=models.PROTECT, null=True, blank=True, related_name="donations"
    )
    pledge = models.ForeignKey(
        "donations.Pledge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    # A double click on Donate sends the same key twice: one row, one checkout session.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    checkout_session_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    checkout_url = HttpsURLField(max_length=1000, blank=True)
    payment_intent_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    invoice_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    receipt_sent_at = models.DateTimeField(_("receipt sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["fund", "status"])]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")

    def __str__(self):
        return f"${self.amount_cents / 100:,.2f} to {self.fund} ({self.status})"

    @property
    def net_cents(self) -> int:
        return max(self.amount_cents - self.refunded_cents, 0)


class Refund(models.Model):
    """Money given back, as the processor reports it (charge.refunded carries the running total
    for a charge, so one row per charge holds the latest figure). A refund that arrives before
    its donation is confirmed waits here with no donation and is attached on confirmation."""

    donation = models.ForeignKey(
        Donation, on_delete=models.PROTECT, null=True, blank=True, related_name="refunds"
    )
    charge_id = models.CharField(max_length=100, unique=True)
    payment_intent_id = models.CharField(max_length=100, blank=True, db_index=True)
    amount_cents = models.PositiveIntegerField(_("refunded (cents)"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self):
        return f"${self.amount_cents / 100:,.2f} refunded on {self.charge_id}"


class ProcessedEvent(models.Model):
    """A processor event already handled: the unique id makes a replayed event a no-op."""

    event_id = models.CharField(max_length=100, unique=True)
    event_type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("processed payment event")
        verbose_name_plural = _("processed payment events")

    def __str__(self):
        return f"{self.event_type} {self.event_id}"
