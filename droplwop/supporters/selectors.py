"""Reads about people and lists used in more than one place."""

from django.db.models import Count, Q

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


def get_canonical_email(email: str) -> str:
    """The mailbox an address reaches: Gmail ignores dots, most providers ignore +tags."""
    local, _at, domain = (email or "").lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def _phone_key(phone: str) -> str:
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return digits[-10:] if len(digits) >= 10 else ""


def list_likely_duplicates(*, limit: int = 100) -> list[dict]:
    """Pairs of records that may be one person, with why: same name and ZIP, same phone, or
    addresses that reach the same mailbox. One pass over the people, grouped in memory."""
    groups: dict[tuple, list[int]] = {}
    rows = Supporter.objects.filter(anonymized_at__isnull=True).values_list(
        "pk", "first_name", "last_name", "zip_code", "phone", "email"
    )
    for pk, first, last, zip_code, phone, email in rows.iterator(chunk_size=5000):
        keys = []
        if first.strip() and last.strip() and zip_code.strip():
            name = (" ".join(first.lower().split()), " ".join(last.lower().split()))
            keys.append(("name_zip", *name, zip_code.strip()[:5]))
        if phone_key := _phone_key(phone):
            keys.append(("phone", phone_key))
        keys.append(("email", get_canonical_email(email)))
        for key in keys:
            groups.setdefault(key, []).append(pk)
    pairs: dict[tuple[int, int], set[str]] = {}
    for key, ids in groups.items():
        if len(ids) < 2:
            continue
        ids.sort()
        for other in ids[1:]:
            pairs.setdefault((ids[0], other), set()).add(key[0])
    chosen = sorted(pairs.items())[:limit]
    people = Supporter.objects.in_bulk({pk for pair, _ in chosen for pk in pair})
    return [
        {"first": people[a], "second": people[b], "reasons": sorted(reasons)}
        for (a, b), reasons in chosen
        if a in people and b in people
    ]


def list_supporters_for_export(*, email_list=None, tag=None, language="", zip_prefix=""):
    """People matching staff filters; on a list means subscribed to it now."""
    people = Supporter.objects.filter(anonymized_at__isnull=True)
    if email_list is not None:
        people = people.filter(
            subscriptions__email_list=email_list,
            subscriptions__status=SubscriptionStatus.SUBSCRIBED,
        )
    if tag is not None:
        people = people.filter(tags=tag)
    if language:
        people = people.filter(preferred_language=language)
    if zip_prefix:
        people = people.filter(zip_code__startswith=zip_prefix)
    return people.prefetch_related("tags").order_by("pk")


def list_timeline(supporter: Supporter, *, viewer, limit: int = 200):
    """The person's timeline as `viewer` may see it (case lines only for the case team)."""
    from .row_access import visible_activities

    return visible_activities(viewer, supporter.activities.all())[:limit]


def count_subscriptions_by_status(email_list: EmailList) -> dict[str, int]:
    rows = email_list.subscriptions.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
