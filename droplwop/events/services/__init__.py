"""Every write about events, one module per job; the names are importable from here."""

from .intake import (
    CONFIRMED,
    KIND,
    PENDING,
    WAITLISTED,
    check_registration,
    file_registrations,
    submit_registration,
)
from .messages import notify_registrants, send_organizer_message
from .registration import (
    RegistrationError,
    RegistrationOutcome,
    add_walk_in,
    cancel_registration,
    change_sessions,
    check_in,
    opt_in_list,
    promote_from_waitlist,
    register_for_event,
)
from .reminders import (
    DISPATCH_INTERVAL,
    REMINDER_OFFSETS,
    claim_dispatch_slot,
    due_reminders,
    ensure_reminder_dispatcher,
    send_due_reminders,
    send_reminder,
)

__all__ = [
    "CONFIRMED",
    "KIND",
    "PENDING",
    "WAITLISTED",
    "DISPATCH_INTERVAL",
    "REMINDER_OFFSETS",
    "RegistrationError",
    "RegistrationOutcome",
    "add_walk_in",
    "cancel_registration",
    "change_sessions",
    "check_in",
    "check_registration",
    "claim_dispatch_slot",
    "due_reminders",
    "file_registrations",
    "ensure_reminder_dispatcher",
    "notify_registrants",
    "opt_in_list",
    "promote_from_waitlist",
    "register_for_event",
    "send_due_reminders",
    "send_organizer_message",
    "send_reminder",
    "submit_registration",
]
