"""What the public pages, the home page, the feeds and the admin show about events."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from droplwop.core.public_urls import absolute_page_url
from droplwop.core.slots import SlotItem

from .calendar_links import google_url, outlook_url
from .formatting import format_occurrence
from .models import Event, EventPage, Registration, RegistrationStatus
from .recurrence import is_past, occurrences, upcoming

# How many dates of a repeating series a page lists.
SERIES_DATES_SHOWN = 6


def list_events_with_dates():
    return Event.objects.prefetch_related("sessions", "exceptions")


def count_confirmed(event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def count_waitlisted(event) -> int:
    return event.registrations.filter(status=RegistrationStatus.WAITLISTED).count()


def get_places_left(event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - count_confirmed(event))


def get_registration_state(event, *, now=None) -> str:
    """open, waitlist (full, new people wait), full (and no waitlist), closed or past."""
    if is_past(event, now=now):
        return "past"
    if not event.registration_open:
        return "closed"
    left = get_places_left(event)
    if left == 0:
        return "waitlist" if event.waitlist_enabled else "full"
    return "open"


def list_future_sessions(event, *, now=None):
    now = now or timezone.now()
    return [s for s in event.sessions.all() if s.ends_at > now]


def has_session_choice(event) -> bool:
    return not event.is_recurring and not event.date_to_be_decided and len(event.sessions.all()) > 1


def get_page_for_event(event, language: str):
    """The live page of the event in `language`, else in any language."""
    pages = EventPage.objects.live().filter(event=event).select_related("locale")
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages.first()


@dataclass
class EventCard:
    page: object
    event: Event
    when: str
    more_dates: int
    sort_key: tuple


def list_event_cards(*, locale, kind="", language="", archive=False, now=None):
    now = now or timezone.now()
    pages = (
        EventPage.objects.live()
        .filter(locale=locale)
        .select_related("event")
        .prefetch_related("event__sessions", "event__exceptions")
    )
    if kind:
        pages = pages.filter(event__kind=kind)
    if language:
        pages = pages.filter(event__language__in=[language, "both"])
    cards = []
    for page in pages:
        event = page.event
        if is_past(event, now=now) != archive:
            continue
        dates = occurrences(event) if archive else upcoming(event, now=now)
        if archive:
            first = dates[-1] if dates else None
            sort_key = (-(first.starts_at.timestamp() if first else 0),)
        else:
            first = dates[0] if dates else None
            sort_key = (first is None, first.starts_at.timestamp() if first else 0)
        cards.append(
            EventCard(
                page=page,
                event=event,
                when=format_occurrence(first) if first else "",
                more_dates=max(0, len(dates) - 1) if not event.is_recurring else 0,
                sort_key=sort_key,
            )
        )
    cards.sort(key=lambda card: card.sort_key)
    return cards


def _series_label(event):
    if "FREQ=MONTHLY" in event.recurrence_rule.upper():
        return _("Monthly meeting")
    return _("Repeating meeting")


def list_home_slot_items(*, locale, limit=3, now=None):
    cards = [c for c in list_event_cards(locale=locale, now=now) if c.when][:limit]
    return [
        SlotItem(
            title=card.event.title,
            url=card.page.url,
            summary=card.event.summary,
            meta=card.when,
            label=_series_label(card.event)
            if card.event.is_recurring
            else card.event.get_kind_display(),
        )
        for card in cards
    ]


def get_event_page_context(page, request, *, now=None) -> dict:
    now = now or timezone.now()
    event = list_events_with_dates().get(pk=page.event_id)
    past = is_past(event, now=now)
    if event.is_recurring:
        dates = upcoming(event, now=now, include_cancelled=True)[:SERIES_DATES_SHOWN]
    else:
        dates = occurrences(event)
    details = absolute_page_url(page)
    return {
        "event": event,
        "dates": [
            {
                "occurrence": occ,
                "when": format_occurrence(occ),
                "is_over": occ.ends_at <= now,
                "google_url": google_url(occ, details=details),
                "outlook_url": outlook_url(occ, details=details),
            }
            for occ in dates
        ],
        "is_past": past,
        "state": get_registration_state(event, now=now),
        "places_left": get_places_left(event),
        "offers_session_choice": has_session_choice(event),
        "register_url": reverse("events:register", kwargs={"page_id": page.pk}),
        "event_feed_url": reverse("events:event_feed", kwargs={"slug": event.slug}),
    }


def list_registrants(event, *, search="", status=""):
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("supporter")
        .prefetch_related("sessions")
        .order_by("created_at", "id")
    )
    if status in RegistrationStatus.values:
        registrations = registrations.filter(status=status)
    if search:
        registrations = registrations.filter(
            Q(supporter__email__icontains=search)
            | Q(supporter__first_name__icontains=search)
            | Q(supporter__last_name__icontains=search)
            | Q(organization__icontains=search)
        )
    return registrations


def count_per_session(event):
    """(session, registered, attended) for each session of a one-off event."""
    active = Q(registrations__status=RegistrationStatus.CONFIRMED)
    everyone = event.registrations.filter(
        status=RegistrationStatus.CONFIRMED, all_sessions=True
    ).count()
    attended_all = event.registrations.filter(
        status=RegistrationStatus.CONFIRMED, all_sessions=True, checked_in_at__isnull=False
    ).count()
    rows = []
    for session in event.sessions.annotate(
        chosen=Count("registrations", filter=active & Q(registrations__all_sessions=False)),
        chosen_attended=Count(
            "registrations",
            filter=active
            & Q(registrations__all_sessions=False, registrations__checked_in_at__isnull=False),
        ),
    ):
        rows.append((session, session.chosen + everyone, session.chosen_attended + attended_all))
    return rows


def list_registrations_per_day(event, *, days=60):
    since = timezone.now() - timedelta(days=days)
    return list(
        event.registrations.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(count=Count("id"))
        .order_by("day")
    )


def list_registration_sessions(registration):
    """The occurrences a registration covers (all, for a series or an all-sessions choice)."""
    found = occurrences(registration.event)
    if registration.all_sessions or registration.event.is_recurring:
        return found
    chosen = {s.pk for s in registration.sessions.all()}
    return [occ for occ in found if occ.session.pk in chosen]
