from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Page

from .dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem, NextStepsPanel


@hooks.register("construct_homepage_panels")
def add_next_steps_panel(request, panels):
    panels.append(NextStepsPanel(request))


@hooks.register(DASHBOARD_ITEMS_HOOK)
def pages_with_unpublished_changes(request):
    count = Page.objects.filter(depth__gt=1, has_unpublished_changes=True).count()
    label = ngettext(
        "%(count)s page has changes not yet published",
        "%(count)s pages have changes not yet published",
        count,
    ) % {"count": count}
    return [
        DashboardItem(
            label=label,
            count=count,
            url=reverse("wagtailadmin_explore_root"),
            permission="wagtailadmin.access_admin",
            content=True,
            order=10,
        )
    ]
