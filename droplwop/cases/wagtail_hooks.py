from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from droplwop.core.slots import CURRENT_ACTIONS_HOOK, SlotItem

from . import selectors
from .models import CasePage


class CaseMenuItem(MenuItem):
    """Shown to administrators, to anyone who may open a case, and to every case team member."""

    def is_shown(self, request):
        user = request.user
        return user.has_perm("cases.add_case") or selectors.list_cases_for_user(user).exists()


@hooks.register("register_admin_menu_item")
def register_case_menu_item():
    return CaseMenuItem(
        gettext_lazy("Cases"),
        reverse("cases_admin:dashboard"),
        icon_name="folder-open-inverse",
        order=810,
    )


@hooks.register("before_publish_page")
def refuse_publishing_without_consent(request, page):
    """Nothing goes public beyond the person's recorded consent."""
    page = page.specific
    if isinstance(page, CasePage) and not selectors.has_page_consent(page.case):
        messages.error(
            request, _("This person has not agreed (or no longer agrees) to a public page.")
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register(CURRENT_ACTIONS_HOOK)
def case_pages_on_home(request, locale):
    """Campaign pages whose person agreed to a public page invite letters from the home page."""
    pages = CasePage.objects.live().filter(locale=locale).select_related("case")
    allowed = [p for p in pages.order_by("-first_published_at") if selectors.is_page_allowed(p)]
    return [
        SlotItem(
            title=page.title,
            url=page.url,
            summary=page.summary,
            label=_("Write a letter of support"),
        )
        for page in allowed[:3]
    ]
