"""Every write about gifts, one module per job: starting an online gift (checkout), settling it
from Stripe's events (stripe_events), monthly and offline gifts (gifts), walk-a-thon pledges
and results (pledges). Callers import them from here."""

from .checkout import open_checkout, start_online_donation
from .gifts import cancel_recurring_gift, record_offline_gift
from .pledges import compute_pledge_cents, make_pledge, record_walk_results
from .stripe_events import HANDLED_EVENT_TYPES, handle_stripe_event

__all__ = [
    "HANDLED_EVENT_TYPES",
    "cancel_recurring_gift",
    "compute_pledge_cents",
    "handle_stripe_event",
    "make_pledge",
    "open_checkout",
    "record_offline_gift",
    "record_walk_results",
    "start_online_donation",
]
