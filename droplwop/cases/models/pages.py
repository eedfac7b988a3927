from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from droplwop.core.models import BasePage

from ..forms import SupportLetterForm
from ..forms_admin_page import CasePageForm
from ..selectors import get_petition_page, get_petition_summary, is_page_allowed


class CasePage(BasePage):
    """The public campaign page of one person, shown only as far as their recorded consent goes."""

    # Holds a form and depends on consent that may be withdrawn at any moment: never cached.
    cache_seconds = 0

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="pages"
    )
    public_name = models.CharField(
        _("name shown"),
        max_length=120,
        blank=True,
        help_text=_("Shown only if the person agreed to have their name published."),
    )
    story = RichTextField(
        _("story"),
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text=_("Shown only if the person agreed to have their story published."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown only if the person agreed to have their photo published."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("case"),
        FieldPanel("public_name"),
        FieldPanel("story"),
        FieldPanel("photo"),
    ]
    # Only what the page itself would show: the name and story as far as consent goes, never
    # the case record. Public search also drops a page whose case withdrew page consent.
    search_fields = BasePage.search_fields + [
        index.SearchField("searchable_name"),
        index.SearchField("searchable_story"),
    ]
    base_form_class = CasePageForm
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case campaign page")

    def clean(self):
        super().clean()
        case = getattr(self, "case", None) if self.case_id else None
        if case is None:
            return
        consent = case.current_consent
        if consent is None or not consent.name:
            for name in filter(None, [case.legal_name, case.preferred_name, self.public_name]):
                if name.lower() in (self.title or "").lower():
                    raise ValidationError(
                        {"title": _("The person has not agreed to have their name published.")}
                    )

    def _consented(self, field: str) -> bool:
        consent = self.case.current_consent if self.case_id else None
        return bool(consent and consent.public_page and getattr(consent, field))

    def is_publicly_allowed(self) -> bool:
        return self._consented("public_page")

    def searchable_name(self) -> str:
        return self.public_name if self._consented("name") else ""

    def searchable_story(self) -> str:
        return self.story if self._consented("story") else ""

    def serve(self, request, *args, **kwargs):
        if not is_page_allowed(self):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, form=None, **kwargs):
        """The letter form comes empty on a visit; the letter view passes it back with errors."""
        context = super().get_context(request, *args, **kwargs)
        consent = self.case.current_consent
        summary = get_petition_summary(self.case)
        context.update(
            consent=consent,
            show_name=bool(consent and consent.name),
            show_story=bool(consent and consent.story),
            show_photo=bool(consent and consent.photo and self.photo_id),
            form=form if form is not None else SupportLetterForm(),
            sent=form is None and request.GET.get("sent") == "1",
            petition_page=summary and get_petition_page(summary["petition"], self.locale),
            petition_total=summary and summary["total"],
        )
        return context
