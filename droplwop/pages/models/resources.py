from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from droplwop.core.fields import HttpsURLField


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    REPORT = "report", _("Report")
    VIDEO = "video", _("Video")
    FACT_SHEET = "fact_sheet", _("Fact sheet")
    LEGAL = "legal", _("Legal information")


class ResourceLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    BOTH = "both", _("English and Spanish")


class Resource(TranslatableMixin, index.Indexed, models.Model):
    """One item of the resources library: a document, a video or a link."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=800, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    language = models.CharField(
        _("language of the material"), max_length=4, choices=ResourceLanguage.choices
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = HttpsURLField(_("link"), blank=True, help_text=_("For a video or a page elsewhere."))
    published = models.DateField(_("published"), null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("language"),
        FieldPanel("document"),
        FieldPanel("url"),
        FieldPanel("published"),
        FieldPanel("featured"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-featured", "-published", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self):
        return self.title

    @property
    def href(self):
        return self.document.url if self.document_id else self.url
