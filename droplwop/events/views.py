"""Public HTTP: register (from a cached page), thanks, "my registration", calendar feeds."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from droplwop.core.client_ip import request_ip_hash
from droplwop.core.form_guard import public_form
from droplwop.core.public_urls import absolute_page_url

from . import links, selectors, services
from .calendar_links import google_url, outlook_url
from .emails import registration_calendar
from .formatting import format_occurrence
from .forms import ChangeSessionsForm, RegistrationForm
from .ical import build_calendar, private_details
from .models import EventPage, Registration, RegistrationStatus


def _event_page_response(request, page, form, status):
    context = page.get_context(request)
    context["form"] = form
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _live_event_page(page_id):
    return get_object_or_404(EventPage.objects.live().select_related("event", "locale"), pk=page_id)


# The thank-you page says what is likely: the place is decided when the registration is filed.
_LIKELY_QUERY = {
    services.CONFIRMED: "",
    services.WAITLISTED: "?waitlist=1",
    services.PENDING: "?pending=1",
}


def _registered_redirect(request, page_id):
    return redirect(reverse("events:registered", kwargs={"page_id": page_id}))


def _posted_form(request, page):
    language = get_language() or page.locale.language_code
    return RegistrationForm(
        request.POST, event=page.event, language=language, opt_in_list=services.opt_in_list()
    )


def _show_refused_form(request, message, page_id):
    page = _live_event_page(page_id)
    form = _posted_form(request, page)
    form.is_valid()
    form.add_error(None, message)
    return _event_page_response(request, page, form, status=400)


@csrf_exempt  # The event page is cached for everyone: the guard checks the origin instead.
@require_POST
@public_form("events.register", on_bot=_registered_redirect, show_form=_show_refused_form)
def register(request, page_id):
    page = _live_event_page(page_id)
    event = page.event
    form = _posted_form(request, page)
    if form.is_valid():
        data = form.cleaned_data
        try:
            likely = services.check_registration(event=event, session_ids=data.get("sessions"))
        except services.RegistrationError as exc:
            form.add_error(
                "sessions" if exc.code == "sessions" and "sessions" in form.fields else None,
                exc.message,
            )
        else:
            services.submit_registration(
                event_id=event.pk,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                language=data["language"],
                needs=data["needs"],
                organization=data["organization"],
                session_ids=data.get("sessions"),
                opt_in=data.get("opt_in", False),
                consent_text=form.consent_text(data["language"]) if form.opt_in_list else "",
                source=f"event-page:{page.pk}",
                ip_hash=request_ip_hash(request),
            )
            url = reverse("events:registered", kwargs={"page_id": page.pk})
            return redirect(url + _LIKELY_QUERY[likely])
    return _event_page_response(request, page, form, status=400)


@require_GET
def registered(request, page_id):
    page = _live_event_page(page_id)
    # The dates and calendar links of the event page, so the date is saved before the email comes.
    context = selectors.get_event_page_context(page, request)
    context.update(
        page=page,
        event=page.event,
        waitlisted=request.GET.get("waitlist") == "1",
        pending=request.GET.get("pending") == "1",
    )
    return render(request, "events/registered.html", context)


def _invalid_link(request):
    return render(request, "events/invalid_link.html", status=400)


def _load_registration(registration_id):
    return (
        Registration.objects.select_related("event", "supporter")
        .prefetch_related("sessions", "event__sessions", "event__exceptions")
        .filter(pk=registration_id)
        .first()
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    registration_id = links.registration_id_from_manage_token(token)
    registration = _load_registration(registration_id) if registration_id else None
    if registration is None:
        return _invalid_link(request)
    event = registration.event
    chosen = [str(s.pk) for s in registration.sessions.all()]
    form = ChangeSessionsForm(
        event=event,
        initial_ids=None if registration.all_sessions else chosen,
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.cancel_registration(registration=registration)
                messages.success(
                    request, _("Your registration is cancelled. We hope to see you another time.")
                )
                return redirect(request.path)
            if action == "sessions":
                form = ChangeSessionsForm(request.POST, event=event)
                if form.is_valid():
                    services.change_sessions(
                        registration=registration, session_ids=form.cleaned_data.get("sessions")
                    )
                    messages.success(
                        request, _("Your sessions are saved. We sent you an updated confirmation.")
                    )
                    return redirect(request.path)
        except services.RegistrationError as exc:
            form.add_error(None, exc.message)
        status = 400
    return render(request, "events/manage.html", _manage_context(registration, form), status=status)


def _manage_context(registration, form):
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    now = timezone.now()
    details = private_details(event) if confirmed else ""
    dates = [
        {
            "occurrence": occ,
            "when": format_occurrence(occ),
            "google_url": google_url(occ, details=details),
            "outlook_url": outlook_url(occ, details=details),
        }
        for occ in selectors.list_registration_sessions(registration)
        if occ.ends_at > now
    ][: selectors.SERIES_DATES_SHOWN if event.is_recurring else None]
    page = selectors.get_page_for_event(event, get_language())
    return {
        "registration": registration,
        "event": event,
        "confirmed": confirmed,
        "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
        "cancelled": registration.status == RegistrationStatus.CANCELLED,
        "dates": dates,
        "form": form,
        "event_page": page,
        "is_past": selectors.is_past(event),
        "feed_url": links.feed_url(registration, get_language()),
    }


def _ics_response(content: bytes, filename: str, *, private=False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


def _public_entries(pages):
    return [
        (page.event, absolute_page_url(page), False, None)
        for page in pages
        if not page.event.date_to_be_decided
    ]


@require_GET
def all_events_feed(request):
    pages = (
        EventPage.objects.live()
        .filter(locale__language_code=get_language())
        .select_related("event")
        .prefetch_related("event__sessions", "event__exceptions")
    )
    content = build_calendar(_public_entries(pages), name=_("Drop LWOP events"))
    return _ics_response(content, "drop-lwop-events.ics")


@require_GET
def event_feed(request, slug):
    event = selectors.list_events_with_dates().filter(slug=slug, pages__live=True).first()
    if event is None:
        raise Http404
    page = selectors.get_page_for_event(event, get_language())
    entries = [(event, absolute_page_url(page), False, None)]
    return _ics_response(build_calendar(entries, name=event.title), f"{event.slug}.ics")


@never_cache
@require_GET
def private_feed(request, token):
    registration_id = links.registration_id_from_feed_token(token)
    registration = _load_registration(registration_id) if registration_id else None
    if registration is None:
        return _invalid_link(request)
    if registration.status == RegistrationStatus.CANCELLED:
        content = build_calendar([], name=registration.event.title)
    else:
        content = registration_calendar(registration)
    return _ics_response(content, f"{registration.event.slug}.ics", private=True)
