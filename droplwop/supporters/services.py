"""Every write to a supporter record goes through here."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from droplwop.core.audit import record_audit

from .models import Activity, EmailList, Subscription, SubscriptionStatus, Supporter

# Fields an action may fill in when the record has them blank; it never overwrites what is there.
_FILLABLE = ("first_name", "last_name", "phone", "zip_code", "city")


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def find_or_create_supporter(
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    zip_code: str = "",
    city: str = "",
    language: str = "",
    source: str = "",
) -> tuple[Supporter, bool]:
    """The one way an action finds its person: by normalized email, never a second copy."""
    email = normalize_email(email)
    given = {
        "first_name": first_name,
        "last_name": last_name,
        "phone": phone,
        "zip_code": zip_code,
        "city": city,
    }
    supporter = Supporter.objects.filter(email=email).first()
    created = False
    if supporter is None:
        try:
            with transaction.atomic():
                supporter = Supporter.objects.create(
                    email=email,
                    preferred_language=language
                    if language in Supporter.Language.values
                    else Supporter.Language.ENGLISH,
                    source=source[:120],
                    **{
                        k: (v or "")[: Supporter._meta.get_field(k).max_length]
                        for k, v in given.items()
                    },
                )
                created = True
        except IntegrityError:
            # Another request created the same person a moment ago.
            supporter = Supporter.objects.get(email=email)
    if not created:
        changed = [name for name in _FILLABLE if given[name] and not getattr(supporter, name)]
        for name in changed:
            setattr(supporter, name, given[name][: Supporter._meta.get_field(name).max_length])
        if changed:
            supporter.save(update_fields=[*changed, "updated_at"])
    return supporter, created


def record_activity(
    *, supporter: Supporter, kind: str, summary: str, obj=None, data=None, occurred_at=None
) -> Activity:
    """Add one line to a person's timeline. `kind` is dotted: "<app>.<what happened>"."""
    return Activity.objects.create(
        supporter=supporter,
        kind=kind,
        summary=summary[:255],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
        occurred_at=occurred_at or timezone.now(),
    )


def subscribe(
    *,
    supporter: Supporter,
    email_list: EmailList,
    source: str,
    consent_text: str,
    confirmed: bool = False,
) -> Subscription:
    """Record consent to a list. Pending until confirmed when the list asks for double opt-in."""
    now = timezone.now()
    status = (
        SubscriptionStatus.SUBSCRIBED
        if confirmed or not email_list.double_opt_in
        else SubscriptionStatus.PENDING
    )
    subscription, created = Subscription.objects.get_or_create(
        supporter=supporter,
        email_list=email_list,
        defaults={
            "status": status,
            "source": source[:120],
            "consent_text": consent_text,
            "confirmed_at": now if status == SubscriptionStatus.SUBSCRIBED else None,
        },
    )
    if not created and subscription.status != SubscriptionStatus.SUBSCRIBED:
        subscription.status = status
        subscription.source = source[:120]
        subscription.consent_text = consent_text
        subscription.confirmed_at = now if status == SubscriptionStatus.SUBSCRIBED else None
        subscription.unsubscribed_at = None
        subscription.save()
    record_activity(
        supporter=supporter,
        kind="supporters.subscribed"
        if status == SubscriptionStatus.SUBSCRIBED
        else "supporters.subscription_pending",
        summary=f"{email_list.name_en}: {subscription.get_status_display()}",
        obj=subscription,
        data={"source": source, "consent_text": consent_text},
    )
    return subscription


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


def update_supporter(*, supporter: Supporter, actor, **fields) -> Supporter:
    """An organizer's edit to a person: saved and audited."""
    for name, value in fields.items():
        setattr(supporter, name, value)
    supporter.save()
    record_audit(
        actor=actor, action="supporter.updated", obj=supporter, data={"fields": sorted(fields)}
    )
    return supporter
