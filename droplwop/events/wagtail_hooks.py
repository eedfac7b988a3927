"""Home page slot and the organizers' screens in the Wagtail admin."""

from datetime import timedelta

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from droplwop.core.admin_columns import readable_columns
from droplwop.core.slots import UPCOMING_EVENTS_HOOK
from droplwop.users.dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem

from . import admin_views
from .models import Event, Registration, RegistrationStatus
from .recurrence import is_past
from .selectors import list_events_with_dates, list_home_slot_items

# Requests for interpretation or access made this recently still need someone to arrange them.
NEEDS_LOOKBACK = timedelta(days=14)


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
    list_display = readable_columns(
        Event,
        [
            "title_en",
            "kind",
            "registration_open",
            RegistrantsColumn("registrants", label=_("Registrants")),
        ],
    )
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


@hooks.register(DASHBOARD_ITEMS_HOOK)
def registrations_to_check(request):
    """Recent registrations for coming events that ask for interpretation or access."""
    asking = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        created_at__gte=timezone.now() - NEEDS_LOOKBACK,
    ).exclude(needs="")
    counts = {}
    for event_id in asking.values_list("event_id", flat=True):
        counts[event_id] = counts.get(event_id, 0) + 1
    items = []
    for event in list_events_with_dates().filter(pk__in=counts):
        if is_past(event):
            continue
        count = counts[event.pk]
        label = ngettext(
            "%(count)s registration for “%(event)s” asks for interpretation or access",
            "%(count)s registrations for “%(event)s” ask for interpretation or access",
            count,
        ) % {"count": count, "event": event.title}
        items.append(
            DashboardItem(
                label=label,
                count=count,
                url=reverse("events_admin:registrants", args=[event.pk]),
                permission="events.view_registration",
                order=40,
            )
        )
    return items
