"""Organizer screens: registrants, export, check-in, walk-ins, counts, messages to registrants."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import EditView

from droplwop.core.audit import record_audit
from droplwop.core.csv_safe import csv_response

from . import selectors, services
from .forms import NotifyForm, WalkInForm
from .models import Event, Registration
from .recurrence import occurrences


def _require(request, codename):
    if not request.user.has_perm(f"events.{codename}"):
        raise PermissionDenied


class EventEditView(EditView):
    """After a change to the dates or joining details, offer to tell the registrants."""

    def save_instance(self):
        instance = super().save_instance()
        # More places may free the waitlist.
        services.promote_from_waitlist(event=instance)
        return instance

    def form_valid(self, form):
        changed = set(form.changed_data) & set(Event.PRIVATE_FIELDS + Event.TIME_FIELDS)
        dates_changed = any(
            formset.has_changed()
            for name, formset in form.formsets.items()
            if name in ("sessions", "exceptions")
        )
        response = super().form_valid(form)
        if (changed or dates_changed) and self.object.registrations.exists():
            url = reverse("events_admin:notify", args=[self.object.pk]) + "?changed=1"
            messages.warning(
                self.request,
                _("You changed the dates or the joining details. Tell the registrants?"),
            )
            return redirect(url)
        return response


def registrants(request, event_id):
    _require(request, "view_registration")
    event = get_object_or_404(selectors.list_events_with_dates(), pk=event_id)
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    rows = selectors.list_registrants(event, search=search, status=status)
    if request.GET.get("export") == "csv":
        return _export(event, rows, request)
    return TemplateResponse(
        request,
        "events/admin/registrants.html",
        {
            "event": event,
            "registrations": rows,
            "search": search,
            "status": status,
            "statuses": Registration._meta.get_field("status").choices,
            "per_session": selectors.count_per_session(event) if not event.is_recurring else [],
            "per_day": selectors.list_registrations_per_day(event),
            "confirmed": selectors.count_confirmed(event),
            "waitlisted": selectors.count_waitlisted(event),
            "attended": event.registrations.filter(checked_in_at__isnull=False).count(),
            "walk_in_form": WalkInForm(),
            "facility_rows": event.facility_attendance.all(),
            "can_change": request.user.has_perm("events.change_registration"),
        },
    )


def _export(event, rows, request):
    record_audit(
        actor=request.user, action="events.registrations.exported", obj=event, summary=event.slug
    )
    header = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "status",
        "sessions",
        "organization",
        "needs",
        "registered_at",
        "attended",
        "walk_in",
    ]

    def lines():
        for r in rows:
            sessions = (
                "all"
                if r.all_sessions
                else "; ".join(
                    timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M")
                    for s in r.sessions.all()
                )
            )
            yield [
                r.supporter.first_name,
                r.supporter.last_name,
                r.supporter.email,
                r.supporter.phone,
                r.language,
                r.status,
                sessions,
                r.organization,
                r.needs,
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
                "yes" if r.checked_in_at else "",
                "yes" if r.walk_in else "",
            ]

    return csv_response(f"registrations-{event.slug}.csv", header, lines())


@require_POST
def check_in(request, event_id, registration_id):
    _require(request, "change_registration")
    registration = get_object_or_404(Registration, pk=registration_id, event_id=event_id)
    attended = request.POST.get("attended") == "1"
    services.check_in(registration=registration, actor=request.user, attended=attended)
    return redirect(reverse("events_admin:registrants", args=[event_id]) + f"#r{registration.pk}")


@require_POST
def walk_in(request, event_id):
    _require(request, "add_registration")
    event = get_object_or_404(Event, pk=event_id)
    form = WalkInForm(request.POST)
    if form.is_valid():
        services.add_walk_in(event=event, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Walk-in recorded as attended."))
    else:
        messages.error(request, _("A walk-in needs a first name and a valid email."))
    return redirect("events_admin:registrants", event_id)


def notify(request, event_id):
    _require(request, "change_registration")
    event = get_object_or_404(selectors.list_events_with_dates(), pk=event_id)
    if request.method == "POST":
        form = NotifyForm(request.POST)
        if form.is_valid():
            services.notify_registrants(event=event, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your message is on its way to the registrants."))
            return redirect("events_admin:registrants", event_id)
    else:
        initial = {}
        if request.GET.get("changed"):
            dates = "\n".join(
                f"- {timezone.localtime(o.starts_at):%A %B %d, %Y %I:%M %p}"
                for o in occurrences(event, start=timezone.now())[:6]
            )
            initial = {
                "subject": _("Update: %(title)s") % {"title": event.title_en},
                "body": _(
                    "The details of %(title)s have changed. The dates now are:\n%(dates)s\n\n"
                    "Your updated joining details are below."
                )
                % {"title": event.title_en, "dates": dates or "-"},
            }
        form = NotifyForm(initial=initial)
    return TemplateResponse(
        request,
        "events/admin/notify.html",
        {
            "event": event,
            "form": form,
            "recipients": selectors.count_confirmed(event),
            "waitlisted": selectors.count_waitlisted(event),
        },
    )


urlpatterns = [
    path("<id:event_id>/registrants/", registrants, name="registrants"),
    path("<id:event_id>/registrants/<id:registration_id>/check-in/", check_in, name="check_in"),
    path("<id:event_id>/walk-in/", walk_in, name="walk_in"),
    path("<id:event_id>/notify/", notify, name="notify"),
]
