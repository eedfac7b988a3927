from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from droplwop.core.models import BasePage

from ..page_selectors import list_news
from .news import NewsKind


class NewsIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1
    page_size = 10

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind", "")
        tag = request.GET.get("tag", "")[:100]
        kind = kind if kind in NewsKind.values else ""
        posts = list_news(index_page=self, kind=kind, tag=tag)
        page_number = request.GET.get("page", "1")
        context["posts"] = Paginator(posts, self.page_size).get_page(page_number)
        context["kinds"] = NewsKind.choices
        context["selected_kind"] = kind
        context["selected_tag"] = tag
        return context
