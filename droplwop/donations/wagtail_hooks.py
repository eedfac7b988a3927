from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from droplwop.core.admin_columns import readable_columns
from droplwop.core.admin_panels import form_panels
from droplwop.core.audit import record_audit
from droplwop.core.slots import CURRENT_ACTIONS_HOOK, SlotItem

from . import admin_views, page_selectors, selectors
from .models import Fund, Participant
from .money import format_money


class FundViewSet(ModelViewSet):
    model = Fund
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Funds")
    add_to_admin_menu = False
    list_display = readable_columns(
        Fund, ["name_en", "kind", "goal", "ends_on", "beneficiary_name", "is_active"]
    )
    ordering = "-created_at"
    list_filter = ["kind", "is_active"]
    panels = form_panels(
        [
            "kind",
            "name_en",
            "slug",
            "name_es",
            "goal",
            "starts_on",
            "ends_on",
            "beneficiary_name",
            "beneficiary_note_en",
            "beneficiary_note_es",
            "is_active",
        ],
        title="name_en",
    )


class _AuditedWalkerSave:
    """A walker is a person: every create and edit leaves an audit row, and a proxy page's
    consent is stamped with the organizer who recorded it."""

    audit_action = ""

    def save_instance(self):
        instance = self.form.save(commit=False)
        if instance.is_proxy and not instance.consent_recorded_by_id:
            instance.consent_recorded_by = self.request.user
        instance.save()
        record_audit(
            actor=self.request.user,
            action=self.audit_action,
            obj=instance,
            summary=instance.display_name,
            data={"fields": sorted(self.form.changed_data), "is_proxy": instance.is_proxy},
        )
        return instance


class WalkerCreateView(_AuditedWalkerSave, CreateView):
    audit_action = "donations.walker_created"


class WalkerEditView(_AuditedWalkerSave, EditView):
    audit_action = "donations.walker_changed"


class WalkerDeleteView(DeleteView):
    """Pledges are promises made to a walker: a walker who has any stays, with a reason."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "%(name)s has pledges, so the walker cannot be deleted. "
                    "Unpublish the walker's page instead."
                )
                % {"name": self.object.display_name},
            )
            return HttpResponseRedirect(reverse("donation_walkers:edit", args=[self.object.pk]))


class ParticipantViewSet(ModelViewSet):
    model = Participant
    icon = "user"
    menu_label = gettext_lazy("Walkers")
    add_to_admin_menu = False
    add_view_class = WalkerCreateView
    edit_view_class = WalkerEditView
    delete_view_class = WalkerDeleteView
    list_display = readable_columns(
        Participant,
        ["display_name", "fund", "is_proxy", "manager_role", "goal", "is_published"],
    )
    ordering = "-created_at"
    list_filter = ["fund", "is_proxy", "is_published"]
    panels = form_panels(
        [
            "fund",
            "display_name",
            "slug",
            "story_en",
            "story_es",
            "photo",
            "photo_alt",
            "goal",
            "is_proxy",
            "manager_role",
            "consent_given_on",
            "consent_method",
            "consent_note",
            "is_published",
        ],
        title="display_name",
    )


fund_viewset = FundViewSet("donation_funds")
participant_viewset = ParticipantViewSet("donation_walkers")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [fund_viewset, participant_viewset]


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.DonationReportView.as_view(), name="report"),
        path("offline/", admin_views.OfflineGiftView.as_view(), name="offline_gift"),
        path("walk/<id:fund_id>/", admin_views.WalkResultsView.as_view(), name="walk_results"),
    ]
    return [path("donations/", include((urls, "donations_admin"), namespace="donations_admin"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class WalkResultsMenuItem(PermissionMenuItem):
    """Points at the campaign with walkers that was made last."""

    def is_shown(self, request):
        return super().is_shown(request) and Participant.objects.exists()

    def render_component(self, request):
        fund_id = (
            Participant.objects.order_by("-fund__created_at").values_list("fund_id", flat=True)
        ).first()
        self.url = reverse("donations_admin:walk_results", kwargs={"fund_id": fund_id})
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_fundraising_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                gettext_lazy("Donations"),
                reverse("donations_admin:report"),
                icon_name="tasks",
                order=100,
                permission="donations.view_donation",
            ),
            PermissionMenuItem(
                gettext_lazy("Record an offline gift"),
                reverse("donations_admin:offline_gift"),
                icon_name="plus",
                order=200,
                permission="donations.add_donation",
            ),
            PermissionMenuItem(
                gettext_lazy("Funds"),
                reverse(fund_viewset.get_url_name("index")),
                icon_name="folder-open-inverse",
                order=300,
                permission="donations.change_fund",
            ),
            PermissionMenuItem(
                gettext_lazy("Walkers"),
                reverse(participant_viewset.get_url_name("index")),
                icon_name="user",
                order=400,
                permission="donations.change_participant",
            ),
            WalkResultsMenuItem(
                gettext_lazy("Walk results"),
                "#",
                icon_name="list-ol",
                order=500,
                permission="donations.change_participant",
            ),
        ]
    )
    return SubmenuMenuItem(
        gettext_lazy("Fundraising"), menu, icon_name="tasks", name="fundraising", order=450
    )


@hooks.register(CURRENT_ACTIONS_HOOK)
def fundraisers_on_home(request, locale):
    items = []
    for page in page_selectors.list_live_fundraisers(locale)[:3]:
        progress = selectors.get_fund_progress(page.fund)
        if progress.goal_cents:
            meta = _("%(raised)s raised of %(goal)s") % {
                "raised": format_money(progress.total_cents),
                "goal": format_money(progress.goal_cents),
            }
        else:
            meta = _("%(raised)s raised") % {"raised": format_money(progress.total_cents)}
        items.append(
            SlotItem(
                title=page.title,
                url=page.url,
                summary=page.summary,
                meta=meta,
                label=_("Fundraiser"),
                progress_percent=progress.percent,
            )
        )
    return items
