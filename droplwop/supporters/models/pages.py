from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from droplwop.core.models import BasePage


class SignupPage(BasePage):
    """A page of its own with the list signup form. The form posts to the signup view, which
    checks origin, honeypot and rate, so the page itself may be cached."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    template = "supporters/signup_page.html"

    class Meta:
        verbose_name = _("email signup page")

    def get_context(self, request, *args, **kwargs):
        from ..forms import SignupForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = SignupForm()
        return context
