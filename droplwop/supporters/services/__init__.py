"""Every write to a supporter record goes through here, one module per job."""

from ..addresses import normalize_email
from .activity import record_activities, record_activity
from .people import (
    find_or_create_supporter,
    find_or_create_supporters,
    find_supporter_by_email,
    update_supporter,
)
from .preferences import confirm_subscriptions, sign_up, unsubscribe_from_all, update_preferences
from .subscriptions import request_confirmation, subscribe, subscribe_many, unsubscribe

__all__ = [
    "confirm_subscriptions",
    "find_or_create_supporter",
    "find_or_create_supporters",
    "find_supporter_by_email",
    "normalize_email",
    "record_activities",
    "record_activity",
    "request_confirmation",
    "sign_up",
    "subscribe",
    "subscribe_many",
    "unsubscribe",
    "unsubscribe_from_all",
    "update_preferences",
    "update_supporter",
]
