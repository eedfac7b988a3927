"""Mailings in the admin: compose (EN/ES tabs, audience), list with figures, and the send screen.
Only roles holding this app's permissions see it; sending needs `mailings.send_mailing`."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from droplwop.core.audit import record_audit

from .admin_forms import MailingAdminForm
from .models import Mailing
from .selectors import list_mailings_with_stats


class MailingIndexView(IndexView):
    def get_base_queryset(self):
        return list_mailings_with_stats(super().get_base_queryset().select_related("email_list"))


class MailingCreateView(CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        instance.save()
        self.form.save_m2m()
        record_audit(actor=self.request.user, action="mailing.created", obj=instance)
        return instance

    def get_success_url(self):
        return reverse("mailings_admin:dashboard", args=[self.object.pk])


class MailingEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        mailing = Mailing.objects.filter(pk=kwargs.get("pk")).first()
        if mailing is not None and not mailing.is_editable:
            messages.warning(request, _("A mailing that has been sent can no longer be changed."))
            return redirect("mailings_admin:dashboard", pk=mailing.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        record_audit(
            actor=self.request.user,
            action="mailing.updated",
            obj=instance,
            data={"fields": sorted(self.form.changed_data)},
        )
        return instance

    def get_success_url(self):
        return reverse("mailings_admin:dashboard", args=[self.object.pk])


class SendScreenColumn(Column):
    def get_value(self, instance):
        return _("Preview, test and send")

    def get_link_url(self, instance, parent_context):
        return reverse("mailings_admin:dashboard", args=[instance.pk])


class MailingViewSet(ModelViewSet):
    model = Mailing
    icon = "mail"
    menu_label = _("Mailings")
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "mailings"
    index_view_class = MailingIndexView
    add_view_class = MailingCreateView
    edit_view_class = MailingEditView
    list_filter = ["status", "email_list"]
    search_fields = ["title", "subject_en", "subject_es"]
    list_display = [
        "title",
        "status",
        "email_list",
        Column("stat_sent", label=_("Sent")),
        Column("stat_failed", label=_("Failed")),
        Column("stat_bounced", label=_("Bounced")),
        Column("stat_unsubscribed", label=_("Unsubscribed")),
        SendScreenColumn("send_screen", label=_("Send")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("subject_en"),
                    FieldPanel("preheader_en"),
                    FieldPanel("body_en"),
                ],
                heading=_("English"),
            ),
            ObjectList(
                [FieldPanel("subject_es"), FieldPanel("preheader_es"), FieldPanel("body_es")],
                heading=_("Spanish"),
            ),
            ObjectList(
                [
                    FieldPanel("email_list"),
                    MultiFieldPanel(
                        [
                            FieldPanel("segment_tags", widget=forms.CheckboxSelectMultiple),
                            FieldPanel("segment_language"),
                            FieldPanel("segment_zip_prefix"),
                            FieldPanel("segment_activity_kind"),
                            FieldPanel("segment_object_type"),
                            FieldPanel("segment_object_id"),
                        ],
                        heading=_("Segment (optional: narrows the audience)"),
                    ),
                ],
                heading=_("Audience"),
            ),
        ],
        base_form_class=MailingAdminForm,
    )


@hooks.register("register_admin_viewset")
def register_mailing_viewset():
    return MailingViewSet("mailings_mailings")


@hooks.register("register_admin_urls")
def register_mailing_admin_urls():
    return [path("mailings/send/", include("droplwop.mailings.admin_urls"))]
