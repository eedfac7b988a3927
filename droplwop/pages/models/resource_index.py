from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from droplwop.core.models import BasePage

from ..selectors import list_resources
from .resources import ResourceKind, ResourceLanguage


class ResourceIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["pages.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resources library page")

    def get_context(self, request, *args, **kwargs):
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
