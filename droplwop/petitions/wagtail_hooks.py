from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from droplwop.core.slots import CURRENT_ACTIONS_HOOK, SlotItem
from droplwop.users.dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem

from . import admin_urls, selectors
from .models import OrgSignature, Petition, PetitionUpdate, SignOnLetter, Target

# Paper counts are entered on the dashboard, where each change is audited.
_RECORD_PANELS = [
    FieldPanel("title"),
    FieldPanel("text"),
    FieldPanel("text_es"),
    FieldPanel("targets"),
    FieldPanel("goal"),
    FieldPanel("status"),
    FieldPanel("opens_at"),
    FieldPanel("closes_at"),
    FieldPanel("delivered_at"),
    FieldPanel("confirmation_required"),
    FieldPanel("public_list_enabled"),
    FieldPanel("email_list"),
]


class TargetViewSet(SnippetViewSet):
    model = Target
    icon = "user"
    list_display = ["name", "title", "title_es", "office"]
    search_fields = ["name", "title", "office"]


class PetitionViewSet(SnippetViewSet):
    model = Petition
    icon = "form"
    list_display = ["title", "status", "goal", "paper_count"]
    list_filter = ["status"]
    search_fields = ["title"]
    panels = _RECORD_PANELS


class SignOnLetterViewSet(SnippetViewSet):
    model = SignOnLetter
    icon = "doc-full"
    list_display = ["title", "status"]
    panels = [*_RECORD_PANELS, FieldPanel("letter_en"), FieldPanel("letter_es")]


class PetitionUpdateViewSet(SnippetViewSet):
    model = PetitionUpdate
    icon = "mail"
    list_display = ["title_en", "petition", "published_at", "emailed_at"]
    panels = [
        FieldPanel("petition"),
        FieldPanel("title_en"),
        FieldPanel("title_es"),
        FieldPanel("body_en"),
        FieldPanel("body_es"),
        FieldPanel("published_at"),
    ]


class PetitionsGroup(SnippetViewSetGroup):
    menu_label = _("Petitions")
    menu_icon = "form"
    menu_order = 250
    items = (PetitionViewSet, SignOnLetterViewSet, TargetViewSet, PetitionUpdateViewSet)


register_snippet(PetitionsGroup)


@hooks.register("register_admin_urls")
def petition_admin_urls():
    return [path("petition-dashboard/", include(admin_urls, namespace="petitions_admin"))]


class _SignersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("petitions.view_signature")


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return _SignersMenuItem(
        _("Petition dashboard"), reverse("petitions_admin:list"), icon_name="table", order=251
    )


@hooks.register(CURRENT_ACTIONS_HOOK)
def open_petitions(request, locale):
    items = []
    for page in selectors.list_open_petition_pages(locale)[:4]:
        petition = page.petition
        total = selectors.count_public_total(petition)
        items.append(
            SlotItem(
                title=page.title,
                url=page.url,
                summary=page.summary,
                label=str(
                    _("Sign-on letter") if hasattr(petition, "signonletter") else _("Petition")
                ),
                meta=ngettext("%(count)s signature", "%(count)s signatures", total)
                % {"count": f"{total:,}"},
                progress_percent=selectors.get_percent_of_goal(petition, total),
            )
        )
    return items


@hooks.register(DASHBOARD_ITEMS_HOOK)
def organizations_to_verify(request):
    count = OrgSignature.objects.filter(verified_at__isnull=True).count()
    return [
        DashboardItem(
            label=ngettext(
                "%(count)s organization waiting to be verified on a sign-on letter",
                "%(count)s organizations waiting to be verified on sign-on letters",
                count,
            )
            % {"count": count},
            count=count,
            url=reverse("petitions_admin:list"),
            permission="petitions.change_orgsignature",
        )
    ]
