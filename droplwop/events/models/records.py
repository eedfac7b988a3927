"""What people attend: a language-independent Event with its sessions, or its recurrence rule."""

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from droplwop.core.admin_panels import TitleWithSlugPanel, slug_panel
from droplwop.core.fields import HttpsURLField
from droplwop.events.recurrence import MAX_RULE_LENGTH

PACIFIC = "America/Los_Angeles"


class EventKind(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    FACILITY = "facility", _("Inside a facility")


class EventLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    BOTH = "both", _("English and Spanish")


def _in_language(obj, name):
    """The Spanish value when the active language is Spanish and one was written."""
    if (get_language() or "en").startswith("es"):
        value = getattr(obj, f"{name}_es", "")
        if value:
            return value
    return getattr(obj, f"{name}_en", "")


def validate_rrule(value: str) -> None:
    if not value:
        return
    if len(value) > MAX_RULE_LENGTH or "\n" in value or value.upper().startswith("DTSTART"):
        raise ValidationError(_("Write one RRULE, such as FREQ=MONTHLY;BYDAY=+3MO."))
    try:
        rrulestr(value.removeprefix("RRULE:"))
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            _("This is not a valid recurrence rule (RFC 5545 RRULE): %(error)s") % {"error": exc}
        ) from exc


class Event(ClusterableModel):
    """One thing people register for, whatever the language of the page that shows it."""

    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Used in calendar links; never change it once shared.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    summary_en = models.TextField(
        _("public description (English)"),
        max_length=1000,
        blank=True,
        help_text=_("Shown in listings and calendar feeds: never put joining details here."),
    )
    summary_es = models.TextField(_("public description (Spanish)"), max_length=1000, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.ONLINE
    )
    language = models.CharField(
        _("held in"), max_length=4, choices=EventLanguage.choices, default=EventLanguage.ENGLISH
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=[(PACIFIC, _("Pacific time"))], default=PACIFIC
    )
    date_to_be_decided = models.BooleanField(
        _("date to be decided"),
        default=False,
        help_text=_("Shows the event without a date; people can still register their interest."),
    )
    recurrence_rule = models.CharField(
        _("repeats (RRULE)"),
        max_length=200,
        blank=True,
        validators=[validate_rrule],
        help_text=_(
            "Leave empty for one-off events. Third Monday of every month: FREQ=MONTHLY;BYDAY=+3MO. "
            "The first session gives the first date and the time; one registration covers the series."
        ),
    )
    venue_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    map_url = HttpsURLField(_("map link"), blank=True)
    facility = models.CharField(
        _("facility"),
        max_length=120,
        blank=True,
        help_text=_("For events inside a prison, e.g. Central California Women's Facility (CCWF)."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waitlist_enabled = models.BooleanField(_("waitlist when full"), default=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    # Private: only in the confirmation, reminders, "my registration" and the private feed.
    join_url = HttpsURLField(_("joining link (Zoom)"), blank=True)
    dial_in = models.CharField(_("dial-in number"), max_length=200, blank=True)
    passcode = models.CharField(_("passcode"), max_length=60, blank=True)
    join_instructions_en = models.TextField(_("joining instructions (English)"), blank=True)
    join_instructions_es = models.TextField(_("joining instructions (Spanish)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    PRIVATE_FIELDS = (
        "join_url",
        "dial_in",
        "passcode",
        "join_instructions_en",
        "join_instructions_es",
    )
    TIME_FIELDS = ("recurrence_rule", "date_to_be_decided")

    panels = [
        MultiFieldPanel(
            [
                TitleWithSlugPanel("title_en"),
                FieldPanel("title_es"),
                slug_panel(),
                FieldPanel("summary_en"),
                FieldPanel("summary_es"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
            ],
            heading=_("Public description"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldPanel("date_to_be_decided"),
                FieldPanel("recurrence_rule"),
            ],
            heading=_("When"),
        ),
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session")),
        InlinePanel("exceptions", heading=_("Changes to a repeating series"), label=_("Exception")),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("map_url"),
                FieldPanel("facility"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
                FieldPanel("registration_open"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("join_url"),
                FieldPanel("dial_in"),
                FieldPanel("passcode"),
                FieldPanel("join_instructions_en"),
                FieldPanel("join_instructions_es"),
            ],
            heading=_("Private joining details (sent to registrants only)"),
        ),
        InlinePanel(
            "facility_attendance",
            heading=_("Attendance inside a facility (numbers only)"),
            label=_("Group"),
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title_en

    @property
    def title(self):
        return _in_language(self, "title")

    @property
    def summary(self):
        return _in_language(self, "summary")

    @property
    def join_instructions(self):
        return _in_language(self, "join_instructions")

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence_rule)

    @property
    def has_joining_details(self) -> bool:
        return any(getattr(self, name) for name in self.PRIVATE_FIELDS)

    def clean(self):
        if self.kind == EventKind.IN_PERSON and not self.date_to_be_decided and not self.address:
            raise ValidationError({"address": _("An in-person event needs an address.")})


class Session(models.Model):
    """One sitting of an event. In a repeating series, the first one sets the time of all."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    topic_en = models.TextField(_("topic (English)"), max_length=600, blank=True)
    topic_es = models.TextField(_("topic (Spanish)"), max_length=600, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("title_en"), FieldPanel("title_es")]),
        FieldRowPanel([FieldPanel("topic_en"), FieldPanel("topic_es")]),
    ]

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title_en or f"{self.event} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def title(self):
        return _in_language(self, "title")

    @property
    def topic(self):
        return _in_language(self, "topic")

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})


class OccurrenceException(models.Model):
    """One date of a repeating series skipped, or moved to another time."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="exceptions")
    original_start = models.DateTimeField(
        _("date and time it would have been"),
        help_text=_("Exactly as the series gives it, e.g. the third Monday at 7:00 PM."),
    )
    new_starts_at = models.DateTimeField(
        _("moved to"), null=True, blank=True, help_text=_("Leave empty to skip this date.")
    )
    new_ends_at = models.DateTimeField(_("moved, ends"), null=True, blank=True)

    panels = [
        FieldPanel("original_start"),
        FieldRowPanel([FieldPanel("new_starts_at"), FieldPanel("new_ends_at")]),
    ]

    class Meta:
        ordering = ["original_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_start"], name="one_exception_per_occurrence"
            )
        ]
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")

    def __str__(self):
        return f"{self.event}: {self.original_start:%Y-%m-%d}"

    @property
    def is_skip(self) -> bool:
        return self.new_starts_at is None

    def clean(self):
        if bool(self.new_starts_at) != bool(self.new_ends_at):
            raise ValidationError(
                {"new_ends_at": _("Give both the new start and the new end, or neither.")}
            )
        if self.new_starts_at and self.new_ends_at <= self.new_starts_at:
            raise ValidationError({"new_ends_at": _("A session must end after it starts.")})


class FacilityAttendance(models.Model):
    """How many came, by group, at an event inside a prison: numbers only, never names."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="facility_attendance")
    group = models.CharField(
        _("group or organization"),
        max_length=200,
        help_text=_("e.g. “People inside” or the name of an outside organization."),
    )
    people = models.PositiveIntegerField(_("number of people"), default=0)
    resource_table = models.BooleanField(_("had a resource table"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("people"), FieldPanel("resource_table")])
    ]

    class Meta:
        ordering = ["group"]
        verbose_name = _("facility attendance")
        verbose_name_plural = _("facility attendance")

    def __str__(self):
        return f"{self.group}: {self.people}"
