"""The supporters area of the admin: people (with their timeline), lists, organizations, tags,
likely duplicates, import and export. Only roles holding this app's permissions see any of it."""

from datetime import timedelta

from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from droplwop.core.admin_columns import readable_columns
from droplwop.core.admin_panels import form_panels
from droplwop.core.audit import record_audit
from droplwop.users.dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem

from . import selectors
from .models import (
    EmailList,
    ImportJob,
    ImportStatus,
    Organization,
    SubscriptionStatus,
    Supporter,
    Tag,
)


class AuditedCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        record_audit(
            actor=self.request.user, action=f"{instance._meta.model_name}.created", obj=instance
        )
        return instance


class AuditedEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        record_audit(
            actor=self.request.user,
            action=f"{instance._meta.model_name}.updated",
            obj=instance,
            data={"fields": sorted(self.form.changed_data)},
        )
        return instance


class SupporterDeleteView(DeleteView):
    """Deleting a person cascades through every app and would lose their consent history:
    staff go to the privacy request screen, which deletes or anonymizes properly."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("supporters.delete_supporter"):
            return super().dispatch(request, *args, **kwargs)
        return redirect("supporters_admin:privacy", kwargs["pk"])


class SupporterIndexView(IndexView):
    """A person's name opens their page (record, subscriptions, timeline), not the edit form."""

    def _get_title_column(self, *args, **kwargs):
        column = super()._get_title_column(*args, **kwargs)
        column.get_url = self.get_inspect_url
        return column


class SupporterInspectView(InspectView):
    template_name = "supporters/admin/supporter_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = selectors.list_timeline(self.object, viewer=self.request.user)
        context["subscriptions"] = self.object.subscriptions.select_related("email_list")
        context["other_emails"] = self.object.other_emails.all()
        return context


class SupporterViewSet(ModelViewSet):
    model = Supporter
    icon = "user"
    name = "supporters_people"
    menu_label = _("People")
    add_to_admin_menu = False
    search_backend_name = None
    search_fields = ["email", "first_name", "last_name", "zip_code", "phone"]
    list_display = ["__str__", "email", "zip_code", "preferred_language", "created_at"]
    ordering = "-created_at"
    list_filter = ["preferred_language", "tags"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_class = SupporterInspectView
    index_view_class = SupporterIndexView
    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView
    delete_view_class = SupporterDeleteView
    form_fields = [
        "email",
        "first_name",
        "last_name",
        "phone",
        "zip_code",
        "city",
        "preferred_language",
        "tags",
        "organizations",
    ]

    def get_queryset(self, request):
        return Supporter.objects.filter(anonymized_at__isnull=True)


class EmailListViewSet(ModelViewSet):
    model = EmailList
    icon = "mail"
    name = "supporters_lists"
    menu_label = _("Email lists")
    add_to_admin_menu = False
    list_display = readable_columns(
        EmailList,
        [
            "name_en",
            "name_es",
            Column("subscribed_count", label=_("Subscribed")),
            Column("pending_count", label=_("Waiting for confirmation")),
            "is_public",
            "double_opt_in",
        ],
    )
    inspect_view_enabled = True
    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView

    def get_queryset(self, request):
        return EmailList.objects.annotate(
            subscribed_count=Count(
                "subscriptions", filter=Q(subscriptions__status=SubscriptionStatus.SUBSCRIBED)
            ),
            pending_count=Count(
                "subscriptions", filter=Q(subscriptions__status=SubscriptionStatus.PENDING)
            ),
        )

    panels = form_panels(
        [
            "name_en",
            "slug",
            "name_es",
            "description_en",
            "description_es",
            "is_public",
            "double_opt_in",
        ],
        title="name_en",
    )


class OrganizationViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    name = "supporters_organizations"
    menu_label = _("Organizations")
    add_to_admin_menu = False
    search_backend_name = None
    search_fields = ["name", "city"]
    list_display = ["name", "city", "website"]
    form_fields = ["name", "city", "website"]


class TagViewSet(ModelViewSet):
    model = Tag
    icon = "tag"
    name = "supporters_tags"
    menu_label = _("Tags")
    add_to_admin_menu = False
    form_fields = ["name"]


VIEWSETS = [SupporterViewSet(), EmailListViewSet(), OrganizationViewSet(), TagViewSet()]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return VIEWSETS


@hooks.register("register_admin_urls")
def register_supporter_admin_urls():
    return [path("supporters/", include("droplwop.supporters.admin_urls"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(f"supporters.{self.permission}")


class SupportersMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("supporters.view_supporter")


@hooks.register("register_admin_menu_item")
def register_supporters_menu():
    def item(label, url_name, icon, permission, order):
        return PermissionMenuItem(
            label, reverse(url_name), icon_name=icon, permission=permission, order=order
        )

    menu = Menu(
        items=[
            item(_("People"), "supporters_people:index", "user", "view_supporter", 100),
            item(_("Email lists"), "supporters_lists:index", "mail", "view_emaillist", 200),
            item(
                _("Likely duplicates"),
                "supporters_admin:duplicates",
                "resubmit",
                "change_supporter",
                300,
            ),
            item(_("Import people"), "supporters_admin:imports", "upload", "add_supporter", 400),
            item(_("Export people"), "supporters_admin:export", "download", "view_supporter", 500),
            item(
                _("Organizations"),
                "supporters_organizations:index",
                "group",
                "view_organization",
                600,
            ),
            item(_("Tags"), "supporters_tags:index", "tag", "view_tag", 700),
        ]
    )
    return SupportersMenuItem(_("Supporters"), menu, icon_name="group", order=300)


@hooks.register(DASHBOARD_ITEMS_HOOK)
def imports_finished(request):
    """The user's own imports that finished this week: the counts and errors are worth a look."""
    jobs = list(
        ImportJob.objects.filter(
            created_by=request.user,
            status=ImportStatus.DONE,
            finished_at__gte=timezone.now() - timedelta(days=7),
        ).values_list("pk", flat=True)
    )
    count = len(jobs)
    if count == 1:
        url = reverse("supporters_admin:import_detail", args=[jobs[0]])
    else:
        url = reverse("supporters_admin:imports")
    return [
        DashboardItem(
            label=ngettext(
                "%(count)s import of people finished: see what it added",
                "%(count)s imports of people finished: see what they added",
                count,
            )
            % {"count": count},
            count=count,
            url=url,
            permission="supporters.add_supporter",
            order=50,
        )
    ]
