"""Every write to petitions, signatures and letters goes through here."""

import random
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from droplwop.core import page_cache
from droplwop.core.audit import record_audit
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import (
    find_or_create_supporter,
    find_or_create_supporters,
    normalize_email,
    record_activities,
    record_activity,
    subscribe,
    subscribe_many,
)

from .models import (
    DeliveryFile,
    OrgSignature,
    Petition,
    PetitionCounter,
    PetitionUpdate,
    Signature,
    SignOnLetter,
)
from .models.records import COUNTER_SHARDS


class PetitionClosed(Exception):
    """The petition does not take signatures now; nothing was stored."""


@dataclass(frozen=True)
class SignResult:
    signature: Signature
    # "signed": counted now; "confirm": counted once the email link is clicked;
    # "already": this email had signed before, nothing changed.
    outcome: str


def bump_counter(petition_id: int, by: int) -> None:
    # A random shard keeps concurrent signers off each other's row lock on PostgreSQL.
    shard = random.randrange(COUNTER_SHARDS)
    rows = PetitionCounter.objects.filter(petition_id=petition_id, shard=shard)
    if not rows.update(count=F("count") + by):
        PetitionCounter.objects.get_or_create(petition_id=petition_id, shard=shard)
        rows.update(count=F("count") + by)


def sign_petition(
    *,
    petition: Petition,
    email: str,
    first_name: str,
    last_name: str,
    zip_code: str = "",
    city: str = "",
    comment: str = "",
    list_publicly: bool = False,
    wants_updates: bool = False,
    consent_text: str = "",
    language: str = "en",
    channel: str = Signature.Channel.FORM,
    source: str = "",
    referrer: str = "",
    utm: dict | None = None,
    ip_hash: str = "",
    signed_at=None,
) -> SignResult:
    """Sign once per person: sign_petitions for one signer."""
    signer = dict(locals())  # every argument, by name: a signer as sign_petitions takes it
    return sign_petitions([signer])[0]


def sign_petitions(signers: list[dict]) -> list[SignResult]:
    """Sign each petition once per person, in a few statements for any number of signers; the
    results in the signers' order. Each signer has sign_petition's arguments.

    The person is found or created by the supporters app; a repeat (signed before, or twice in
    the batch) changes nothing and comes back as "already". `signed_at` is given when filing a
    signature the form took earlier (core.deferred): it was taken while the petition was open,
    so it is filed even if the petition closed since. Race-safe: a signature made meanwhile by
    another request makes the unique constraint refuse the insert, and the batch is done again.
    """
    if any(s.get("signed_at") is None and not s["petition"].is_open() for s in signers):
        raise PetitionClosed
    try:
        with transaction.atomic():
            return _sign(signers)
    except IntegrityError:
        with transaction.atomic():
            return _sign(signers)


def _sign(signers: list[dict]) -> list[SignResult]:
    people = find_or_create_supporters(
        [
            {
                "email": s["email"],
                "first_name": s["first_name"],
                "last_name": s["last_name"],
                "zip_code": s.get("zip_code", ""),
                "city": s.get("city", ""),
                "language": s.get("language", "en"),
                "source": s.get("source") or f"petition:{s['petition'].pk}",
            }
            for s in signers
        ]
    )
    supporters = [people[normalize_email(s["email"])][0] for s in signers]
    signed = {
        (signature.petition_id, signature.supporter_id): signature
        for signature in Signature.objects.filter(
            petition_id__in={s["petition"].pk for s in signers},
            supporter_id__in={supporter.pk for supporter in supporters},
        )
    }
    results, new = [], []
    for signer, supporter in zip(signers, supporters, strict=True):
        key = (signer["petition"].pk, supporter.pk)
        if key in signed:
            results.append(SignResult(signed[key], "already"))
            continue
        signature = signed[key] = _new_signature(signer, supporter)
        new.append((signer, signature))
        results.append(SignResult(signature, "signed" if signature.confirmed_at else "confirm"))
    Signature.objects.bulk_create([signature for _, signature in new])
    _after_signing(new)
    return results


def _new_signature(signer: dict, supporter) -> Signature:
    petition = signer["petition"]
    now = signer.get("signed_at") or timezone.now()
    utm = signer.get("utm") or {}
    return Signature(
        petition=petition,
        supporter=supporter,
        comment=signer.get("comment", "")[:500],
        list_publicly=bool(signer.get("list_publicly")),
        wants_updates=bool(signer.get("wants_updates")),
        language=signer.get("language", "en")[:2],
        created_at=now,
        confirmed_at=None if petition.confirmation_required else now,
        channel=signer.get("channel") or Signature.Channel.FORM,
        referrer=signer.get("referrer", "")[:200],
        utm_source=utm.get("source", "")[:100],
        utm_medium=utm.get("medium", "")[:100],
        utm_campaign=utm.get("campaign", "")[:100],
        ip_hash=signer.get("ip_hash", ""),
    )


def _after_signing(new: list[tuple[dict, Signature]]) -> None:
    """Counts, timeline lines, list consent and confirmation emails for new signatures."""
    from .tasks import send_confirmation_task

    counted = Counter(signature.petition_id for _, signature in new if signature.confirmed_at)
    for petition_id, count in counted.items():
        bump_counter(petition_id, count)
    record_activities(
        [
            {
                "supporter": signature.supporter,
                "kind": "petitions.signed",
                "summary": signer["petition"].title,
                "obj": signature,
                "data": {"petition": signature.petition_id, "channel": signature.channel},
                "occurred_at": signature.created_at,
            }
            for signer, signature in new
        ]
    )
    subscribe_many(
        [
            {
                "supporter": signature.supporter,
                "email_list": signer["petition"].email_list,
                "source": f"petition:{signature.petition_id}",
                "consent_text": signer.get("consent_text", ""),
            }
            for signer, signature in new
            if signature.wants_updates and signer["petition"].email_list_id
        ]
    )
    for _, signature in new:
        if not signature.confirmed_at:
            enqueue_on_commit(send_confirmation_task, signature.pk)


def confirm_signature(*, signature: Signature) -> bool:
    """Count a signature once its signer proved the address. False when it already counted."""
    with transaction.atomic():
        updated = Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        if not updated:
            return False
        bump_counter(signature.petition_id, 1)
        page_cache.forget_live_counts()
        record_activity(
            supporter=signature.supporter,
            kind="petitions.confirmed",
            summary=signature.petition.title,
            obj=signature,
        )
        petition = signature.petition
        if signature.wants_updates and petition.email_list_id:
            subscribe(
                supporter=signature.supporter,
                email_list=petition.email_list,
                source=f"petition:{petition.pk}",
                consent_text="",
                confirmed=True,
            )
    return True


def stop_updates(*, signature: Signature) -> None:
    if signature.wants_updates:
        Signature.objects.filter(pk=signature.pk).update(wants_updates=False)
        record_activity(
            supporter=signature.supporter,
            kind="petitions.updates_stopped",
            summary=signature.petition.title,
            obj=signature,
        )


def remove_signature(*, signature: Signature, actor, reason: str = "") -> None:
    """An organizer takes a signature off (spam, a request): audited, and the count follows."""
    with transaction.atomic():
        locked = Signature.objects.select_for_update().filter(pk=signature.pk).first()
        if locked is None:
            return
        if locked.confirmed_at:
            bump_counter(locked.petition_id, -1)
            page_cache.forget_live_counts()
        record_audit(
            actor=actor,
            action="petitions.signature_removed",
            obj=locked,
            summary=f"{locked.supporter.email} / {locked.petition.title}",
            data={
                "petition": locked.petition_id,
                "supporter": locked.supporter_id,
                "reason": reason,
            },
        )
        locked.delete()


def set_paper_count(*, petition: Petition, count: int, actor) -> Petition:
    previous = petition.paper_count
    petition.paper_count = max(0, int(count))
    petition.save(update_fields=["paper_count"])
    page_cache.forget_live_counts()
    record_audit(
        actor=actor,
        action="petitions.paper_count_set",
        obj=petition,
        summary=f"{previous} -> {petition.paper_count}",
        data={"previous": previous, "new": petition.paper_count},
    )
    return petition


def sign_letter_as_organization(
    *,
    letter: SignOnLetter,
    email: str,
    first_name: str,
    last_name: str,
    signer_title: str,
    organization: str,
    city: str = "",
    website: str = "",
    authorized: bool,
    language: str = "en",
) -> tuple[OrgSignature, bool]:
    """Record an organization's sign-on; it stays off the public list until verified."""
    if not letter.is_open():
        raise PetitionClosed
    with transaction.atomic():
        supporter, _created = find_or_create_supporter(
            email=email,
            first_name=first_name,
            last_name=last_name,
            language=language,
            source=f"letter:{letter.pk}",
        )
        org_signature, created = OrgSignature.objects.get_or_create(
            letter=letter,
            supporter=supporter,
            organization=organization.strip()[:200],
            defaults={
                "city": city[:120],
                "website": website[:200],
                "signer_title": signer_title[:150],
                "authorized": authorized,
            },
        )
        if created:
            record_activity(
                supporter=supporter,
                kind="petitions.organization_signed",
                summary=f"{org_signature.organization}: {letter.title}",
                obj=org_signature,
            )
    return org_signature, created


def verify_org_signature(*, org_signature: OrgSignature, actor) -> None:
    with transaction.atomic():
        org_signature.verified_at = timezone.now()
        org_signature.save(update_fields=["verified_at"])
        record_audit(
            actor=actor,
            action="petitions.organization_verified",
            obj=org_signature,
            summary=org_signature.organization,
        )


def publish_update(*, update: PetitionUpdate, actor) -> None:
    """Queue the update's email to confirmed signers who asked for updates (once)."""
    with transaction.atomic():
        claimed = PetitionUpdate.objects.filter(pk=update.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return
        record_audit(
            actor=actor, action="petitions.update_sent", obj=update, summary=update.title_en
        )
        from .tasks import send_update_task

        enqueue_on_commit(send_update_task, update.pk)


def request_delivery_file(*, petition: Petition, actor) -> DeliveryFile:
    with transaction.atomic():
        delivery = DeliveryFile.objects.create(
            petition=petition, requested_by=actor if actor.is_authenticated else None
        )
        record_audit(actor=actor, action="petitions.delivery_requested", obj=petition)
        from .tasks import build_delivery_task

        enqueue_on_commit(build_delivery_task, delivery.pk)
    return delivery
