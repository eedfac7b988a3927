from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from droplwop.core.blocks import body_blocks
from droplwop.core.models import BasePage


class StandardPage(BasePage):
    body = StreamField(body_blocks(), verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
