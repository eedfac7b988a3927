from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from droplwop.core.fields import HttpsURLField
from droplwop.core.models import BasePage


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


class ResourceIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["pages.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resources library page")

    def get_context(self, request, *args, **kwargs):
        from droplwop.pages.selectors import list_resources

        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind", "")
        language = request.GET.get("language", "")
        kind = kind if kind in ResourceKind.values else ""
        language = language if language in ResourceLanguage.values else ""
        context["resources"] = list_resources(locale=self.locale, kind=kind, language=language)
        context["kinds"] = ResourceKind.choices
        context["languages"] = ResourceLanguage.choices
        context["selected_kind"] = kind
        context["selected_language"] = language
        return context
