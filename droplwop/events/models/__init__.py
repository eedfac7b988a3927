from .pages import EventIndexPage, EventPage
from .records import (
    Event,
    EventKind,
    EventLanguage,
    FacilityAttendance,
    OccurrenceException,
    Session,
)
from .registrations import (
    MessageDelivery,
    OrganizerMessage,
    Registration,
    RegistrationStatus,
    ReminderClock,
    ReminderKind,
    ReminderLog,
)

__all__ = [
    "Event",
    "EventIndexPage",
    "EventKind",
    "EventLanguage",
    "EventPage",
    "FacilityAttendance",
    "MessageDelivery",
    "OccurrenceException",
    "OrganizerMessage",
    "Registration",
    "RegistrationStatus",
    "ReminderClock",
    "ReminderKind",
    "ReminderLog",
    "Session",
]
