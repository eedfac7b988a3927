"""The pages people read and sign on. Each language has its own page; all point at one record."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from droplwop.core.blocks import body_blocks
from droplwop.core.models import BasePage

THANK_YOU_OUTCOMES = ("signed", "confirm", "confirmed", "organization")


class PetitionIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["petitions.PetitionPage"]
    cache_seconds = 30

    class Meta:
        verbose_name = _("petition index page")

    def get_context(self, request, *args, **kwargs):
        from droplwop.petitions.selectors import list_open_petition_pages

        context = super().get_context(request, *args, **kwargs)
        context["petition_pages"] = list_open_petition_pages(self.locale, parent=self)
        return context


class PetitionPage(RoutablePageMixin, BasePage):
    """A petition or sign-on letter in one language, with its form, count and thank-you step."""

    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition or letter"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = RichTextField(_("why sign"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(body_blocks(), blank=True, verbose_name=_("more content"))
    thank_you = RichTextField(
        _("thank-you message"), blank=True, features=["bold", "italic", "link"]
    )
    next_action_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("next action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Offered after signing: a donation page or another petition."),
    )
    next_action_label = models.CharField(_("next action button text"), max_length=80, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("petition"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("thank_you"),
                FieldPanel("next_action_page"),
                FieldPanel("next_action_label"),
            ],
            heading=_("After signing"),
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["petitions.PetitionIndexPage", "pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    # The form posts to an uncached view; a filed or confirmed signature forgets the page.
    cache_seconds = 5
    shows_live_counts = True

    class Meta:
        verbose_name = _("petition page")

    def get_template(self, request, *args, **kwargs):
        return "petitions/petition_page.html"

    def get_context(self, request, *args, **kwargs):
        from droplwop.petitions.views import petition_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(petition_page_context(self, request))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("thanks/<str:outcome>/")
    def thanks(self, request, outcome):
        from droplwop.petitions.views import thank_you

        if outcome not in THANK_YOU_OUTCOMES:
            raise Http404
        return thank_you(request, self, outcome)
