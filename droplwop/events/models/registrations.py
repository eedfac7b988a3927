"""Who registered, what they chose, and what we already sent them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """One person's place at one event; the person's contact data lives on the Supporter."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        db_index=True,
    )
    all_sessions = models.BooleanField(_("all sessions"), default=True)
    sessions = models.ManyToManyField(
        "events.Session", blank=True, related_name="registrations", verbose_name=_("sessions")
    )
    language = models.CharField(_("language"), max_length=2, default="en")
    needs = models.TextField(_("accessibility or interpretation needs"), blank=True)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=120, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    checked_in_at = models.DateTimeField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "supporter"], name="one_registration_per_person_per_event"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "waitlisted_at"])]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.supporter} → {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day", _("The day before")
    HOUR_BEFORE = "hour", _("One hour before")


class ReminderLog(models.Model):
    """A reminder claimed for one registration, one occurrence and one kind.

    The row is written before the email goes out, under a unique constraint, so two workers (or
    a worker restarted after a crash) can never send the same reminder twice.
    """

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    occurrence_start = models.DateTimeField()
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "occurrence_start", "kind"], name="one_reminder_each"
            )
        ]


class ReminderClock(models.Model):
    """One row: when the reminder dispatcher next runs, so only one self-rescheduling chain lives."""

    next_run_at = models.DateTimeField()


class OrganizerMessage(models.Model):
    """An email an organizer wrote to everyone registered for an event."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="organizer_messages"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    include_waitlist = models.BooleanField(_("also the waitlist"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")

    def __str__(self):
        return self.subject


class MessageDelivery(models.Model):
    """One organizer message to one registration, claimed before sending (sent once)."""

    message = models.ForeignKey(
        OrganizerMessage, on_delete=models.CASCADE, related_name="deliveries"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="message_deliveries"
    )
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "registration"], name="one_delivery_per_registration"
            )
        ]
