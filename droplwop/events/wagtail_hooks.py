"""Home page slot and the organizers' screens in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from droplwop.core.slots import UPCOMING_EVENTS_HOOK

from . import admin_views
from .models import Event
from .selectors import list_home_slot_items


@hooks.register(UPCOMING_EVENTS_HOOK)
def upcoming_events_slot(request, locale):
    return list_home_slot_items(locale=locale)


class RegistrantsColumn(Column):
    cell_template_name = "events/admin/_registrants_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("events_admin:registrants", args=[instance.pk])
        context["notify_url"] = reverse("events_admin:notify", args=[instance.pk])
        return context


class EventViewSet(ModelViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "title_en",
        "kind",
        "registration_open",
        RegistrantsColumn("registrants", label=_("Registrants")),
    ]
    list_filter = ["kind", "registration_open"]
    search_fields = ["title_en", "title_es", "slug"]
    edit_view_class = admin_views.EventEditView


event_viewset = EventViewSet("event_records")


@hooks.register("register_admin_viewset")
def register_event_viewset():
    return event_viewset


@hooks.register("register_admin_urls")
def register_events_admin_urls():
    return [path("event-tools/", include((admin_views.urlpatterns, "events_admin")))]
