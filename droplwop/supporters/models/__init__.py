from .activity import Activity
from .imports import ImportJob, ImportStatus
from .lists import EmailList, Subscription, SubscriptionStatus
from .pages import SignupPage
from .people import Organization, Supporter, SupporterEmail, Tag

__all__ = [
    "Activity",
    "EmailList",
    "ImportJob",
    "ImportStatus",
    "Organization",
    "SignupPage",
    "Subscription",
    "SubscriptionStatus",
    "Supporter",
    "SupporterEmail",
    "Tag",
]
