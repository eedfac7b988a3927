"""Staff screens of the pages app: the resources library and the comment moderation queue."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from droplwop.core.admin_columns import readable_columns
from droplwop.users.dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem

from . import services
from .models import Comment, CommentStatus, Resource


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full-inverse"
    menu_label = _("Resources library")
    menu_order = 210
    add_to_admin_menu = True
    list_display = readable_columns(
        Resource, ["title", "kind", "language", "published", "featured"]
    )
    ordering = "-published"
    list_filter = ["kind", "language", "featured"]
    search_fields = ["title", "description"]


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from visitors only; staff read and moderate them but never write one."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Comment, CommentPermissionPolicy(Comment))


class CommentModerationForm(WagtailAdminModelForm):
    """Changing the status in the edit form moderates through the service, as the bulk actions do."""

    def save(self, commit=True):
        comment = self.instance
        status = self.cleaned_data["status"]
        if commit:
            services.moderate_comments(
                comments=[comment], status=status, actor=getattr(self, "for_user", None)
            )
            comment.refresh_from_db()
        return comment


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "post", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["author_name", "body"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("status", widget=forms.RadioSelect),
            FieldPanel("author_name", read_only=True),
            FieldPanel("body", read_only=True),
            FieldPanel("post", read_only=True),
            FieldPanel("parent", read_only=True),
            FieldPanel("created_at", read_only=True),
        ],
        base_form_class=CommentModerationForm,
    )

    @property
    def menu_url(self):
        # The menu opens the queue: what still waits for a moderator.
        return f"{super().menu_url}?status={CommentStatus.PENDING}"


register_snippet(ResourceViewSet)
register_snippet(CommentViewSet)


class _ModerateCommentsBulkAction(SnippetBulkAction):
    models = [Comment]
    template_name = "pages/admin/confirm_bulk_moderate.html"
    status = ""

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        services.moderate_comments(comments=objects, status=cls.status, actor=user)
        return len(objects), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}


@hooks.register("register_bulk_action")
class ApproveCommentsBulkAction(_ModerateCommentsBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    status = CommentStatus.APPROVED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment approved: it now shows on its post.",
            "%(count)d comments approved: they now show on their posts.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class RejectCommentsBulkAction(_ModerateCommentsBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    classes = {"serious"}
    status = CommentStatus.REJECTED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment rejected: it will not be shown.",
            "%(count)d comments rejected: they will not be shown.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register(DASHBOARD_ITEMS_HOOK)
def comments_to_moderate(request):
    count = Comment.objects.filter(status=CommentStatus.PENDING).count()
    label = ngettext("%(count)s comment to moderate", "%(count)s comments to moderate", count) % {
        "count": count
    }
    url = f"{reverse('wagtailsnippets_pages_comment:list')}?status={CommentStatus.PENDING}"
    return [
        DashboardItem(
            label=label,
            count=count,
            url=url,
            permission="pages.change_comment",
            content=True,
            order=20,
        )
    ]
