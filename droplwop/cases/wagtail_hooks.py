from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from droplwop.core.slots import CURRENT_ACTIONS_HOOK, SlotItem
from droplwop.users.dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem

from . import selectors
from .choices import LetterStatus
from .models import CasePage, SupportLetter, Task


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


def _case_desk_link(case_ids, anchor):
    # One case: straight to its part of the desk; several: the list of the user's cases.
    if len(case_ids) == 1:
        return reverse("cases_admin:detail", args=[case_ids[0]]) + anchor
    return reverse("cases_admin:dashboard")


@hooks.register(DASHBOARD_ITEMS_HOOK)
def case_team_work(request):
    """Letters and overdue tasks of the cases the user is on the team of, and of no other."""
    mine = {"case__members__user": request.user}
    letters = list(
        SupportLetter.objects.filter(status=LetterStatus.PENDING, **mine).values_list(
            "case_id", flat=True
        )
    )
    overdue = list(
        Task.objects.filter(
            done_at__isnull=True, due_on__lt=timezone.localdate(), **mine
        ).values_list("case_id", flat=True)
    )
    letter_count, task_count = len(letters), len(overdue)
    return [
        DashboardItem(
            label=ngettext(
                "%(count)s support letter to review",
                "%(count)s support letters to review",
                letter_count,
            )
            % {"count": letter_count},
            count=letter_count,
            url=_case_desk_link(sorted(set(letters)), "#letters"),
            order=30,
        ),
        DashboardItem(
            label=ngettext(
                "%(count)s case task is overdue", "%(count)s case tasks are overdue", task_count
            )
            % {"count": task_count},
            count=task_count,
            url=_case_desk_link(sorted(set(overdue)), "#tasks"),
            order=31,
        ),
    ]
