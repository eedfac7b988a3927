"""Consent to email lists: subscribing, confirmation requests, unsubscribing."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from droplwop.core.tasks_util import enqueue_on_commit

from ..models import EmailList, Subscription, SubscriptionStatus, Supporter
from ..tasks import send_confirmation_task
from .activity import record_activities, record_activity


def subscribe(
    *,
    supporter: Supporter,
    email_list: EmailList,
    source: str,
    consent_text: str,
    confirmed: bool = False,
    send_confirmation: bool = True,
) -> Subscription:
    """Record consent to a list: subscribe_many for one."""
    entry = {
        "supporter": supporter,
        "email_list": email_list,
        "source": source,
        "consent_text": consent_text,
        "confirmed": confirmed,
        "send_confirmation": send_confirmation,
    }
    return subscribe_many([entry])[0]


def subscribe_many(entries: list[dict], *, _retry: bool = True) -> list[Subscription]:
    """Record consent to lists, in a few statements for any number; one subscription per
    distinct (person, list), in the entries' order.

    Each entry has "supporter", "email_list", "source", "consent_text", and may have
    "confirmed" and "send_confirmation" (both as subscribe takes them). A subscription is
    pending until confirmed when the list asks for double opt-in, and then the confirmation
    email leaves (after commit) unless the entry says the caller sends its own. Someone already
    subscribed stays as they are. Call it inside a transaction.
    """
    now = timezone.now()
    wanted = {}
    for entry in entries:
        wanted.setdefault((entry["supporter"].pk, entry["email_list"].pk), entry)
    existing = {
        (s.supporter_id, s.email_list_id): s
        for s in Subscription.objects.filter(
            supporter_id__in={k[0] for k in wanted}, email_list_id__in={k[1] for k in wanted}
        )
    }
    result, new, renewed = {}, [], []
    for key, entry in wanted.items():
        status = _status_on_consent(entry["email_list"], entry.get("confirmed", False))
        fields = (status, entry["source"], entry["consent_text"], now)
        subscription = result[key] = existing.get(key)
        if subscription is None:
            subscription = result[key] = Subscription(
                supporter=entry["supporter"],
                email_list=entry["email_list"],
                **_consent_fields(*fields),
            )
            new.append((subscription, entry))
        elif subscription.status != SubscriptionStatus.SUBSCRIBED:
            _renew_consent(subscription, *fields)
            renewed.append((subscription, entry))
    try:
        with transaction.atomic():
            Subscription.objects.bulk_create([subscription for subscription, _ in new])
    except IntegrityError:
        if not _retry:
            raise
        # Someone subscribed meanwhile by another path: their rows now exist, and are renewed.
        return subscribe_many(entries, _retry=False)
    if renewed:
        Subscription.objects.bulk_update(
            [subscription for subscription, _ in renewed],
            ["status", "source", "consent_text", "confirmed_at", "unsubscribed_at"],
        )
    done = new + renewed
    record_activities([_consent_line(sub, e["source"], e["consent_text"]) for sub, e in done])
    for subscription, entry in done:
        if subscription.status == SubscriptionStatus.PENDING and entry.get(
            "send_confirmation", True
        ):
            supporter = entry["supporter"]
            request_confirmation(
                supporter=supporter,
                list_ids=[entry["email_list"].pk],
                language=supporter.preferred_language,
            )
    return list(result.values())


def _status_on_consent(email_list: EmailList, confirmed: bool) -> str:
    if confirmed or not email_list.double_opt_in:
        return SubscriptionStatus.SUBSCRIBED
    return SubscriptionStatus.PENDING


def _consent_fields(status: str, source: str, consent_text: str, now) -> dict:
    return {
        "status": status,
        "source": source[:120],
        "consent_text": consent_text,
        "confirmed_at": now if status == SubscriptionStatus.SUBSCRIBED else None,
    }


def _renew_consent(subscription: Subscription, status, source, consent_text, now) -> None:
    for name, value in _consent_fields(status, source, consent_text, now).items():
        setattr(subscription, name, value)
    subscription.unsubscribed_at = None


def _consent_line(subscription: Subscription, source: str, consent_text: str) -> dict:
    subscribed = subscription.status == SubscriptionStatus.SUBSCRIBED
    return {
        "supporter": subscription.supporter,
        "kind": "supporters.subscribed" if subscribed else "supporters.subscription_pending",
        "summary": f"{subscription.email_list.name_en}: {subscription.get_status_display()}",
        "obj": subscription,
        "data": {"source": source, "consent_text": consent_text},
    }


def request_confirmation(*, supporter: Supporter, list_ids: list[int], language: str) -> None:
    """Mail a signed confirmation link for these lists once the transaction commits."""
    enqueue_on_commit(send_confirmation_task, supporter.pk, sorted(list_ids), language)


def unsubscribe(*, supporter: Supporter, email_list: EmailList, source: str) -> bool:
    """Take a person off one list. Returns False when they were not on it (harmless twice)."""
    updated = Subscription.objects.filter(
        supporter=supporter,
        email_list=email_list,
        status__in=(SubscriptionStatus.SUBSCRIBED, SubscriptionStatus.PENDING),
    ).update(status=SubscriptionStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    if updated:
        record_activity(
            supporter=supporter,
            kind="supporters.unsubscribed",
            summary=f"{email_list.name_en}: {SubscriptionStatus.UNSUBSCRIBED.label}",
            obj=email_list,
            data={"source": source},
        )
    return bool(updated)
