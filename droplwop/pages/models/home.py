from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from droplwop.core.blocks import body_blocks
from droplwop.core.models import BasePage
from droplwop.core.slots import CURRENT_ACTIONS_HOOK, UPCOMING_EVENTS_HOOK

from ..page_selectors import list_latest_news


class HomePage(BasePage):
    mission = models.CharField(_("mission in one line"), max_length=200)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("hero image alternative text"), max_length=250, blank=True)
    primary_action_label = models.CharField(_("main button label"), max_length=60, blank=True)
    primary_action_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("main button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("more content"))
    news_count = models.PositiveSmallIntegerField(_("number of news items shown"), default=3)

    content_panels = BasePage.content_panels + [
        FieldPanel("mission"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")
        ),
        MultiFieldPanel(
            [FieldPanel("primary_action_label"), FieldPanel("primary_action_page")],
            heading=_("Main button"),
        ),
        FieldPanel("news_count"),
        FieldPanel("body"),
    ]

    max_count_per_parent = 1
    # Its cards show petition totals and places left.
    shows_live_counts = True

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = list_latest_news(locale=self.locale, limit=self.news_count)
        context["current_actions"] = _collect(CURRENT_ACTIONS_HOOK, request, self.locale)
        context["upcoming_events"] = _collect(UPCOMING_EVENTS_HOOK, request, self.locale)
        return context


def _collect(hook_name, request, locale):
    items = []
    for fn in hooks.get_hooks(hook_name):
        items.extend(fn(request, locale))
    return items
