"""Finding, creating and editing supporter records: one person per email address."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from droplwop.core.audit import record_audit

from ..addresses import normalize_email
from ..models import Supporter, SupporterEmail

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
