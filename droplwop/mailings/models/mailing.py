from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from ..blocks import MailingBodyBlock
from ..merge import unknown_fields


class MailingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class Mailing(models.Model):
    """One email to a list or a segment, written in English and optionally Spanish.

    The audience is a list (subscribed people only), narrowed by the segment fields when they
    are filled; with no list, the segment picks from everyone subscribed to at least one list.
    """

    title = models.CharField(_("internal title"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    preheader_en = models.CharField(
        _("preheader (English)"),
        max_length=200,
        blank=True,
        help_text=_("The line email programs show after the subject."),
    )
    body_en = StreamField(MailingBodyBlock(), verbose_name=_("body (English)"))
    subject_es = models.CharField(
        _("subject (Spanish)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to send the English version to Spanish speakers."),
    )
    preheader_es = models.CharField(_("preheader (Spanish)"), max_length=200, blank=True)
    body_es = StreamField(MailingBodyBlock(), verbose_name=_("body (Spanish)"), blank=True)

    email_list = models.ForeignKey(
        "supporters.EmailList",
        verbose_name=_("list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailings",
        help_text=_("Only people subscribed to this list receive it."),
    )
    segment_tags = models.ManyToManyField(
        "supporters.Tag",
        verbose_name=_("with any of these tags"),
        blank=True,
        related_name="+",
    )
    segment_language = models.CharField(
        _("only this language"),
        max_length=2,
        blank=True,
        choices=[("en", _("English")), ("es", _("Spanish"))],
    )
    segment_zip_prefix = models.CharField(_("ZIP code starts with"), max_length=5, blank=True)
    segment_activity_kind = models.CharField(
        _("took this action"),
        max_length=60,
        blank=True,
        help_text=_('An activity kind, such as "petitions.signed".'),
    )
    segment_object_type = models.CharField(
        _("about this kind of record"),
        max_length=64,
        blank=True,
        help_text=_('Such as "petitions.petition". Leave empty for any.'),
    )
    segment_object_id = models.CharField(_("record number"), max_length=64, blank=True)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MailingStatus.choices,
        default=MailingStatus.DRAFT,
        db_index=True,
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    last_error = models.CharField(_("last delivery problem"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        permissions = [("send_mailing", _("Can send and schedule mailings"))]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.status in (MailingStatus.DRAFT, MailingStatus.SCHEDULED)

    def has_spanish(self):
        return bool(self.subject_es.strip()) and len(self.body_es) > 0

    def version(self, language):
        """(subject, preheader, body) in `language`; English when the Spanish one is empty."""
        if language == "es" and self.has_spanish():
            return self.subject_es, self.preheader_es, self.body_es
        return self.subject_en, self.preheader_en, self.body_en

    def clean(self):
        errors = {}
        for name in ("subject_en", "preheader_en", "subject_es", "preheader_es"):
            bad = unknown_fields(getattr(self, name))
            if bad:
                errors[name] = _("Unknown merge field: %(fields)s") % {"fields": ", ".join(bad)}
        for name in ("body_en", "body_es"):
            bad = unknown_fields(str(getattr(self, name).render_as_block()))
            if bad:
                errors[name] = _("Unknown merge field: %(fields)s") % {"fields": ", ".join(bad)}
        if bool(self.subject_es.strip()) != (len(self.body_es) > 0):
            errors["subject_es"] = _(
                "Fill in both the Spanish subject and body, or leave both empty."
            )
        if errors:
            raise ValidationError(errors)
