from .activity import Activity
from .lists import EmailList, Subscription, SubscriptionStatus
from .people import Organization, Supporter, Tag

__all__ = [
    "Activity",
    "EmailList",
    "Organization",
    "Subscription",
    "SubscriptionStatus",
    "Supporter",
    "Tag",
]
