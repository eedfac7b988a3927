"""The admin dashboard's "what to do next" panel, fed by every app through one hook.

An app adds its to-do counts by registering a function for DASHBOARD_ITEMS_HOOK in its
wagtail_hooks.py. The function receives the request and returns a list of DashboardItem
(an empty list when it has nothing to say)::

    from wagtail import hooks
    from droplwop.users.dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem

    @hooks.register(DASHBOARD_ITEMS_HOOK)
    def comments_to_moderate(request):
        count = Comment.objects.filter(status="pending").count()
        return [
            DashboardItem(
                label=ngettext("%(count)s comment to moderate", "%(count)s comments to moderate",
                               count) % {"count": count},
                count=count,
                url=reverse("comments_moderation"),
                permission="pages.change_comment",
                content=True,
            )
        ]

Items are shown only to users holding `permission` (when given). Editors see only items
marked `content=True` (pages, news, comments): supporter, donation and case work never reaches
them. Items with a zero count are left out; with nothing left the panel says so. A hook that
fails does not take the dashboard down: its items are skipped and the error is logged.
"""

import logging
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .roles import is_content_only

DASHBOARD_ITEMS_HOOK = "droplwop_dashboard_items"
logger = logging.getLogger(__name__)


@dataclass
class DashboardItem:
    label: str
    count: int
    url: str
    permission: str = ""
    content: bool = False
    order: int = 100


def collect_items(request) -> list[DashboardItem]:
    user = request.user
    content_only = is_content_only(user)
    items = []
    for fn in hooks.get_hooks(DASHBOARD_ITEMS_HOOK):
        try:
            found = list(fn(request) or [])
        except Exception:
            logger.exception("dashboard items from %s failed", getattr(fn, "__name__", fn))
            continue
        items.extend(
            item
            for item in found
            if item.count > 0
            and (not item.permission or user.has_perm(item.permission))
            and (item.content or not content_only)
        )
    return sorted(items, key=lambda item: (item.order, str(item.label)))


class NextStepsPanel(Component):
    """Greets the staff member by name and lists what waits for them."""

    name = "droplwop_next_steps"
    template_name = "users/admin/next_steps_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        return {
            "name": user.first_name or user.get_username(),
            "items": collect_items(self.request),
            "content_only": is_content_only(user),
            "heading": _("What to do next"),
        }
