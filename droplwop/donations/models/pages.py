import re

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from droplwop.core.blocks import body_blocks
from droplwop.core.models import BasePage

from ..forms import DonationForm, PledgeForm
from ..gateway import allow_checkout_redirect, is_configured
from ..selectors import (
    get_fund_progress,
    get_participant_progress,
    get_published_walker,
    list_walkers,
)

SUGGESTED_AMOUNTS = re.compile(r"^\s*\d{1,6}(\s*,\s*\d{1,6}){0,5}\s*$")


def validate_suggested_amounts(value):
    if not SUGGESTED_AMOUNTS.match(value or ""):
        raise ValidationError(
            _("Write whole dollar amounts separated by commas, for example: 25, 50, 100")
        )


class GivingPage(BasePage):
    """A page that takes gifts for one fund. The fund is the record; the page is its words."""

    fund = models.ForeignKey(
        "donations.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="+"
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    suggested_amounts = models.CharField(
        _("suggested amounts (dollars)"),
        max_length=60,
        default="25, 50, 100",
        validators=[validate_suggested_amounts],
        help_text=_("Whole dollars separated by commas, for example: 25, 50, 100"),
    )
    allow_monthly = models.BooleanField(_("offer monthly giving"), default=True)
    thank_you_text = RichTextField(
        _("thank-you message"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("more content"))

    content_panels = BasePage.content_panels + [
        FieldPanel("fund"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("suggested_amounts"), FieldPanel("allow_monthly")],
            heading=_("Giving form"),
        ),
        FieldPanel("thank_you_text"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    # The thermometer moves with each gift: cache for anonymous visitors only a few seconds.
    cache_seconds = 5
    shows_live_counts = True

    class Meta:
        abstract = True

    def suggested_amount_list(self) -> list[int]:
        return [int(part) for part in re.findall(r"\d+", self.suggested_amounts or "")][:6]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", DonationForm(page=self))
        context["progress"] = get_fund_progress(self.fund)
        context["language"] = self.locale.language_code
        # Without a payment key the page says so before the form and offers the offline ways.
        context["online_giving"] = is_configured()
        return context

    def serve(self, request, *args, **kwargs):
        return allow_checkout_redirect(super().serve(request, *args, **kwargs))


class DonatePage(GivingPage):
    """Give to a fund: suggested amounts, a custom amount, one time or monthly."""

    template = "donations/donate_page.html"

    class Meta:
        verbose_name = _("donate page")


class FundraiserPage(RoutablePageMixin, GivingPage):
    """A campaign: the donate form, the thermometer, and the walkers' pages under it."""

    template = "donations/fundraiser_page.html"
    accept_pledges = models.BooleanField(
        _("take pledges for walkers"),
        default=True,
        help_text=_("Per lap, per mile or a flat amount, paid after the walk."),
    )

    content_panels = GivingPage.content_panels + [FieldPanel("accept_pledges")]

    class Meta:
        verbose_name = _("fundraiser page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["walkers"] = list_walkers(self.fund)
        return context

    def serve(self, request, *args, **kwargs):
        # Routes (the page itself included) answer through RoutablePageMixin's views, which
        # skip GivingPage.serve: allow the checkout redirect here as well.

        return allow_checkout_redirect(super().serve(request, *args, **kwargs))

    def walker_url(self, participant) -> str:
        return self.url + self.reverse_subpage("walker", kwargs={"slug": participant.slug})

    @path("walkers/<slug:slug>/", name="walker")
    def walker(self, request, slug, pledge_form=None):
        participant = get_published_walker(self.fund, slug)
        if participant is None:
            raise Http404
        context = self.get_context(request)
        context.update(
            participant=participant,
            participant_progress=get_participant_progress(participant),
            story=participant.story_in(self.locale.language_code),
            pledge_form=pledge_form or PledgeForm(),
        )
        response = TemplateResponse(request, "donations/walker_page.html", context)
        return response
