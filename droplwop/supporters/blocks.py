"""The list signup form as a block any page's StreamField can hold."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .forms import SignupForm


class SignupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)

    class Meta:
        icon = "mail"
        template = "supporters/blocks/signup.html"
        label = _("Email signup form")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["form"] = SignupForm()
        page = (parent_context or {}).get("page")
        context["source"] = page.url if page is not None else ""
        return context
