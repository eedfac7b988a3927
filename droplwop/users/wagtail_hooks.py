from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from . import admin_views
from .dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem, NextStepsPanel


@hooks.register("register_admin_urls")
def sign_in_urls():
    return [
        path("account/two-factor/", admin_views.two_factor_settings, name="users_two_factor"),
        path("login/code/", admin_views.two_factor_code, name="users_two_factor_code"),
        path("security/lockouts/", admin_views.lockouts, name="users_lockouts"),
        path("security/lockouts/<id:attempt_id>/unlock/", admin_views.unlock, name="users_unlock"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("users_two_factor"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Ask for a code from an authenticator app after your password."),
    }


class _LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return _LockoutsMenuItem(
        _("Sign-in lockouts"), reverse("users_lockouts"), icon_name="lock", order=900
    )


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
