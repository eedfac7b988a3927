from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from droplwop.core.blocks import body_blocks
from droplwop.core.models import BasePage


class WayToHelpBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    description = blocks.RichTextBlock(
        label=_("description"), features=["bold", "italic", "link", "ul"]
    )
    link_label = blocks.CharBlock(label=_("link text"), max_length=60, required=False)
    link_page = blocks.PageChooserBlock(label=_("link page"), required=False)
    link_url = blocks.URLBlock(label=_("or an address"), required=False)

    class Meta:
        icon = "group"
        template = "pages/blocks/way_to_help.html"
        label = _("Way to help")


class GetInvolvedPage(BasePage):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    ways = StreamField([("way", WayToHelpBlock())], verbose_name=_("ways to help"))
    body = StreamField(body_blocks(), blank=True, verbose_name=_("more content"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("ways"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("ways"),
        index.SearchField("body"),
    ]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("get involved page")
