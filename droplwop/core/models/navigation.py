from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin

from droplwop.core.fields import HttpsURLField


class MainMenu(TranslatableMixin, ClusterableModel):
    """The links across the top of every page, one menu per language."""

    name = models.CharField(_("name"), max_length=100, default="Main menu")

    panels = [FieldPanel("name"), InlinePanel("items", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return f"{self.name} ({self.locale})"


class MainMenuItem(Orderable):
    menu = ParentalKey(MainMenu, related_name="items", on_delete=models.CASCADE)
    label = models.CharField(_("label"), max_length=60)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = HttpsURLField(_("external link"), blank=True, help_text=_("Used when no page is chosen."))

    panels = [FieldPanel("label"), FieldPanel("page"), FieldPanel("url")]

    def get_href(self, locale=None):
        if self.page_id:
            page = (
                self.page.localized
                if locale is None
                else self.page.get_translation_or_none(locale) or self.page
            )
            return page.url
        return self.url


class FooterText(TranslatableMixin, models.Model):
    """The short text at the foot of every page, one per language."""

    body = RichTextField(_("body"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return f"{_('Footer text')} ({self.locale})"
