from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Every public page: a summary and a share image for search engines and social cards."""

    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in listings, search results and link previews."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared. Falls back to the site's default share image."),
    )

    # The summary is what listings and search results show, so search finds what it says.
    search_fields = Page.search_fields + [index.SearchField("summary")]

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, heading=_("For search engines")),
        MultiFieldPanel([FieldPanel("summary"), FieldPanel("share_image")], heading=_("Sharing")),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.summary
