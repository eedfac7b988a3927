"""Reads about people and lists used in more than one place."""

from django.db.models import Q

from .links import supporter_id_from_token
from .models import EmailList, Subscription, SubscriptionStatus, Supporter

ACTIVE = (SubscriptionStatus.SUBSCRIBED, SubscriptionStatus.PENDING)


def get_supporter_from_token(token: str) -> Supporter | None:
    """The person a preferences link was made for, or None when the link is forged or stale."""
    supporter_id = supporter_id_from_token(token)
    if supporter_id is None:
        return None
    return Supporter.objects.filter(pk=supporter_id, anonymized_at__isnull=True).first()


def list_lists_for_preferences(supporter: Supporter):
    """Public lists, plus any private list the person is or was on."""
    return EmailList.objects.filter(
        Q(is_public=True) | Q(subscriptions__supporter=supporter)
    ).distinct()


def list_active_list_ids(supporter: Supporter) -> set[int]:
    return set(
        Subscription.objects.filter(supporter=supporter, status__in=ACTIVE).values_list(
            "email_list_id", flat=True
        )
    )
