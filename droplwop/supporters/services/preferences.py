"""What a person does themselves: the signup form, the confirmation link, the preferences page."""

from django.db import transaction
from django.utils import timezone

from droplwop.core.audit import record_audit

from ..models import EmailList, Subscription, SubscriptionStatus, Supporter
from .activity import record_activity
from .people import find_or_create_supporter
from .subscriptions import request_confirmation, subscribe, unsubscribe


@transaction.atomic
def sign_up(
    *,
    email: str,
    first_name: str,
    last_name: str,
    zip_code: str,
    language: str,
    lists,
    consent_text: str,
    source: str,
) -> Supporter:
    """The public signup form: one person, one subscription per chosen list, one email."""
    supporter, _created = find_or_create_supporter(
        email=email,
        first_name=first_name,
        last_name=last_name,
        zip_code=zip_code,
        language=language,
        source=source,
    )
    pending = []
    for email_list in lists:
        subscription = subscribe(
            supporter=supporter,
            email_list=email_list,
            source=source,
            consent_text=consent_text,
            send_confirmation=False,
        )
        if subscription.status == SubscriptionStatus.PENDING:
            pending.append(email_list.pk)
    if pending:
        request_confirmation(supporter=supporter, list_ids=pending, language=language)
    return supporter


@transaction.atomic
def confirm_subscriptions(*, supporter: Supporter, list_ids, language: str) -> list[EmailList]:
    """The person opened their confirmation link. Confirming twice changes nothing more."""
    now = timezone.now()
    pending = Subscription.objects.select_for_update().filter(
        supporter=supporter, email_list_id__in=list_ids, status=SubscriptionStatus.PENDING
    )
    confirmed = []
    for subscription in pending.select_related("email_list"):
        subscription.status = SubscriptionStatus.SUBSCRIBED
        subscription.confirmed_at = now
        subscription.save(update_fields=["status", "confirmed_at"])
        confirmed.append(subscription.email_list)
        record_activity(
            supporter=supporter,
            kind="supporters.confirmed",
            summary=f"{subscription.email_list.name_en}: {SubscriptionStatus.SUBSCRIBED.label}",
            obj=subscription,
        )
    if confirmed:
        if language in Supporter.Language.values and language != supporter.preferred_language:
            supporter.preferred_language = language
            supporter.save(update_fields=["preferred_language", "updated_at"])
        record_audit(
            actor=None,
            action="supporter.subscriptions_confirmed",
            obj=supporter,
            summary="Confirmed by the person through the emailed link",
            data={"lists": [email_list.pk for email_list in confirmed]},
        )
    return confirmed


@transaction.atomic
def update_preferences(
    *, supporter: Supporter, lists, language: str, consent_text: str, source: str
) -> Supporter:
    """What a person chose on their own preferences page, reached through a signed link.

    The link proves they read this mailbox, so a list they tick is confirmed at once.
    """
    wanted = {email_list.pk: email_list for email_list in lists}
    current = Subscription.objects.filter(supporter=supporter).select_related("email_list")
    for subscription in current:
        if subscription.email_list_id not in wanted:
            unsubscribe(supporter=supporter, email_list=subscription.email_list, source=source)
    active = {
        s.email_list_id
        for s in current
        if s.status in (SubscriptionStatus.SUBSCRIBED, SubscriptionStatus.PENDING)
    }
    for pk, email_list in wanted.items():
        pending = any(
            s.email_list_id == pk and s.status == SubscriptionStatus.PENDING for s in current
        )
        if pk not in active or pending:
            subscribe(
                supporter=supporter,
                email_list=email_list,
                source=source,
                consent_text=consent_text,
                confirmed=True,
            )
    if language in Supporter.Language.values and language != supporter.preferred_language:
        supporter.preferred_language = language
        supporter.save(update_fields=["preferred_language", "updated_at"])
    record_audit(
        actor=None,
        action="supporter.preferences_changed",
        obj=supporter,
        summary="Changed by the person through their preferences link",
        data={"lists": sorted(wanted), "language": supporter.preferred_language},
    )
    return supporter


@transaction.atomic
def unsubscribe_from_all(*, supporter: Supporter, source: str) -> int:
    count = 0
    for subscription in Subscription.objects.filter(supporter=supporter).select_related(
        "email_list"
    ):
        count += unsubscribe(supporter=supporter, email_list=subscription.email_list, source=source)
    record_audit(
        actor=None,
        action="supporter.unsubscribed_all",
        obj=supporter,
        summary="Unsubscribed from every list through their preferences link",
        data={"lists": count, "source": source},
    )
    return count
