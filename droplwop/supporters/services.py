"""Every write to a supporter record goes through here."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from droplwop.core.audit import record_audit
from droplwop.core.tasks_util import enqueue_on_commit

from .addresses import normalize_email
from .models import (
    Activity,
    EmailList,
    Subscription,
    SubscriptionStatus,
    Supporter,
    SupporterEmail,
)
from .tasks import send_confirmation_task

# Fields an action may fill in when the record has them blank; it never overwrites what is there.
_FILLABLE = ("first_name", "last_name", "phone", "zip_code", "city")


def _clip(name: str, value: str) -> str:
    return (value or "").strip()[: Supporter._meta.get_field(name).max_length]


def find_supporter_by_email(email: str) -> Supporter | None:
    """Match the primary address or any other address kept for the person, in one query."""
    email = normalize_email(email)
    return Supporter.objects.filter(
        Q(email=email) | Q(pk__in=SupporterEmail.objects.filter(email=email).values("supporter_id"))
    ).first()


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
    """The one way an action finds its person: by normalized email, never a second copy.
    find_or_create_supporters for one person: (the supporter, whether it was created)."""
    person = {
        "email": email,
        "first_name": first_name,
        "last_name": last_name,
        "phone": phone,
        "zip_code": zip_code,
        "city": city,
        "language": language,
        "source": source,
    }
    return find_or_create_supporters([person])[normalize_email(email)]


def find_or_create_supporters(people: list[dict]) -> dict[str, tuple[Supporter, bool]]:
    """Find or create each person by normalized email (or any other address kept for them),
    fill their blank fields, never make a second copy; in a few queries for any number.

    Each person is a dict with "email" and any of the fillable fields, "language" and
    "source"; the result maps each normalized email to (supporter, created). Requests racing
    to create the same person both end up with the one row. Call it inside a transaction.
    """
    wanted = {}
    for person in people:
        wanted.setdefault(normalize_email(person["email"]), person)
    found = {s.email: s for s in Supporter.objects.filter(email__in=list(wanted))}
    others = dict(
        SupporterEmail.objects.filter(email__in=[e for e in wanted if e not in found]).values_list(
            "email", "supporter_id"
        )
    )
    if others:
        by_pk = Supporter.objects.in_bulk(set(others.values()))
        found.update({email: by_pk[pk] for email, pk in others.items()})
    missing = [email for email in wanted if email not in found]
    created = _create_supporters(missing, wanted, found) if missing else set()
    _fill_blanks([(found[e], wanted[e]) for e in wanted if e not in created])
    return {email: (found[email], email in created) for email in wanted}


def _create_supporters(missing: list[str], wanted: dict, found: dict) -> set[str]:
    """Create the missing people into `found`; the emails actually created here."""
    try:
        with transaction.atomic():
            new = Supporter.objects.bulk_create([_new_supporter(e, wanted[e]) for e in missing])
        found.update({s.email: s for s in new})
        return set(missing)
    except IntegrityError:
        pass
    # Another request created one of them a moment ago: one by one, each in a savepoint.
    created = set()
    for email in missing:
        try:
            with transaction.atomic():
                supporter = _new_supporter(email, wanted[email])
                supporter.save(force_insert=True)
                found[email] = supporter
            created.add(email)
        except IntegrityError:
            found[email] = Supporter.objects.get(email=email)
    return created


def _new_supporter(email: str, person: dict) -> Supporter:
    language = person.get("language", "")
    return Supporter(
        email=email,
        preferred_language=language
        if language in Supporter.Language.values
        else Supporter.Language.ENGLISH,
        source=(person.get("source") or "")[:120],
        **{name: _clip(name, person.get(name, "")) for name in _FILLABLE},
    )


def _fill_blanks(pairs) -> None:
    changed, fields = [], set()
    for supporter, person in pairs:
        names = [n for n in _FILLABLE if person.get(n) and not getattr(supporter, n)]
        for name in names:
            setattr(supporter, name, _clip(name, person[name]))
        if names:
            changed.append(supporter)
            fields.update(names)
    if changed:
        now = timezone.now()
        for supporter in changed:
            supporter.updated_at = now  # bulk_update skips auto_now
        Supporter.objects.bulk_update(changed, [*fields, "updated_at"])


def record_activity(
    *, supporter: Supporter, kind: str, summary: str, obj=None, data=None, occurred_at=None
) -> Activity:
    """Add one line to a person's timeline. `kind` is dotted: "<app>.<what happened>"."""
    entry = {"supporter": supporter, "kind": kind, "summary": summary, "obj": obj}
    return record_activities([entry | {"data": data, "occurred_at": occurred_at}])[0]


def record_activities(entries: list[dict]) -> list[Activity]:
    """Timeline lines in one insert; each entry takes record_activity's arguments."""
    return Activity.objects.bulk_create(
        [
            Activity(
                supporter=entry["supporter"],
                kind=entry["kind"],
                summary=entry["summary"][:255],
                object_type=entry["obj"]._meta.label_lower if entry.get("obj") else "",
                object_id=str(entry["obj"].pk) if entry.get("obj") else "",
                data=entry.get("data") or {},
                occurred_at=entry.get("occurred_at") or timezone.now(),
            )
            for entry in entries
        ]
    )


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


@transaction.atomic
def update_supporter(*, supporter: Supporter, actor, **fields) -> Supporter:
    """An organizer's edit to a person: saved and audited."""
    for name, value in fields.items():
        setattr(supporter, name, value)
    supporter.save()
    record_audit(
        actor=actor, action="supporter.updated", obj=supporter, data={"fields": sorted(fields)}
    )
    return supporter
