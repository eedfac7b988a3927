"""The English and Spanish pages that show an Event, and the index that lists them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from droplwop.core.blocks import body_blocks
from droplwop.core.models import BasePage

from .records import EventKind, EventLanguage


class EventIndexPage(RoutablePageMixin, BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    # Upcoming dates move on their own as time passes; keep the list fresh.
    cache_seconds = 120

    class Meta:
        verbose_name = _("events index page")

    def _filters(self, request):
        kind = request.GET.get("kind", "")
        language = request.GET.get("language", "")
        return (
            kind if kind in EventKind.values else "",
            language if language in EventLanguage.values else "",
        )

    def _listing(self, request, *, archive):
        from droplwop.events.selectors import list_event_cards

        kind, language = self._filters(request)
        context = {
            "cards": list_event_cards(
                locale=self.locale, kind=kind, language=language, archive=archive
            ),
            "archive": archive,
            "kinds": EventKind.choices,
            "languages": EventLanguage.choices,
            "selected_kind": kind,
            "selected_language": language,
        }
        return self.render(request, context_overrides=context)

    @path("")
    def upcoming_view(self, request):
        return self._listing(request, archive=False)

    @path("archive/")
    def archive_view(self, request):
        return self._listing(request, archive=True)


class EventPage(BasePage):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("The record people register for; the English and Spanish pages share it."),
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("more about the event"))

    content_panels = BasePage.content_panels + [FieldPanel("event"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["events.EventIndexPage"]
    # The form posts to a csrf-exempt view (origin check, honeypot, rate limit), so the page may
    # be cached; it shows how many places are left, so a filed registration forgets it.
    cache_seconds = 30
    shows_live_counts = True

    class Meta:
        verbose_name = _("event page")

    def get_context(self, request, *args, **kwargs):
        from droplwop.events.forms import RegistrationForm
        from droplwop.events.selectors import get_event_page_context
        from droplwop.events.services import opt_in_list

        context = super().get_context(request, *args, **kwargs)
        context.update(get_event_page_context(self, request))
        context.setdefault(
            "form",
            RegistrationForm(
                event=self.event,
                language=self.locale.language_code,
                opt_in_list=opt_in_list(),
            ),
        )
        return context
