"""Every write to a case: one transaction each, an audit row each, side effects after commit."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction

from droplwop.core.audit import record_audit
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import find_or_create_supporter

from .choices import LetterStatus, MemberRole, PacketStatus, Pathway, PathwayState
from .letters import change_letter, submit_letter  # noqa: F401 - the public letter services
from .models import (
    Case,
    CaseContact,
    CaseMember,
    CasePage,
    CdcrNumber,
    Consent,
    Document,
    Packet,
    PathwayStatus,
    StageEvent,
    SupportLetter,
    Task,
)
from .reminders import claim_due_reminders
from .tasks import build_packet_task, send_task_reminder_task
from .uploads import check_upload, inspect_upload
from .validators import normalize_cdcr_number, validate_cdcr_number

CASE_FIELDS = (
    "legal_name",
    "preferred_name",
    "facility",
    "yard",
    "housing",
    "county_of_conviction",
    "sentence",
    "offense_date",
    "age_at_offense",
    "twice_convicted",
    "custody_start",
    "languages",
    "petition",
)


@transaction.atomic
def create_case(*, actor, **fields) -> Case:
    """A new case; whoever opens it leads its team."""
    case = Case.objects.create(**{k: v for k, v in fields.items() if k in CASE_FIELDS})
    CaseMember.objects.create(case=case, user=actor, role=MemberRole.LEAD)
    for pathway in Pathway:
        PathwayStatus.objects.create(case=case, pathway=pathway)
    record_audit(actor=actor, action="case.created", obj=case, summary=case.legal_name)
    return case


@transaction.atomic
def update_case(*, actor, case: Case, **fields) -> Case:
    # Compared with the stored row: a bound ModelForm has already written its values onto `case`.
    stored = Case.objects.select_for_update().get(pk=case.pk)
    changed = sorted(k for k, v in fields.items() if k in CASE_FIELDS and getattr(stored, k) != v)
    for name in changed:
        setattr(stored, name, fields[name])
        setattr(case, name, fields[name])
    if changed:
        stored.save()
    record_audit(actor=actor, action="case.updated", obj=case, data={"fields": changed})
    return case


@transaction.atomic
def add_cdcr_number(*, actor, case: Case, number: str, valid_from=None) -> CdcrNumber:
    validate_cdcr_number(number)
    number = normalize_cdcr_number(number)
    record, _created = CdcrNumber.objects.update_or_create(
        case=case, number=number, defaults={"valid_from": valid_from}
    )
    record_audit(actor=actor, action="case.cdcr_number_added", obj=case, data={"id": record.pk})
    return record


@transaction.atomic
def add_member(*, actor, case: Case, user, role: str = MemberRole.MEMBER) -> CaseMember:
    if not user.is_staff:
        raise ValidationError(_("Only staff accounts can join a case team."))
    member, _created = CaseMember.objects.update_or_create(
        case=case, user=user, defaults={"role": role}
    )
    record_audit(
        actor=actor, action="case.member_added", obj=case, data={"user": user.pk, "role": role}
    )
    return member


@transaction.atomic
def remove_member(*, actor, case: Case, member: CaseMember) -> None:
    if member.role == MemberRole.LEAD and case.members.filter(role=MemberRole.LEAD).count() == 1:
        raise ValidationError(_("A case needs at least one lead advocate."))
    record_audit(actor=actor, action="case.member_removed", obj=case, data={"user": member.user_id})
    member.delete()


@transaction.atomic
def add_contact(
    *, actor, case: Case, email: str, first_name: str, last_name: str, kind: str, relationship: str
) -> CaseContact:
    supporter, _created = find_or_create_supporter(
        email=email, first_name=first_name, last_name=last_name, source="cases.contact"
    )
    contact, _created = CaseContact.objects.update_or_create(
        case=case, supporter=supporter, kind=kind, defaults={"relationship": relationship}
    )
    record_audit(actor=actor, action="case.contact_added", obj=case, data={"contact": contact.pk})
    return contact


@transaction.atomic
def record_consent(
    *,
    actor,
    case: Case,
    recorded_on: datetime.date,
    public_page: bool,
    photo: bool = False,
    story: bool = False,
    name: bool = False,
    scan=None,
    note: str = "",
) -> Consent:
    """Add the newest consent. Anything beyond a public page needs the page itself."""
    if not public_page:
        photo = story = name = False
    consent = Consent(
        case=case,
        public_page=public_page,
        photo=photo,
        story=story,
        name=name,
        recorded_on=recorded_on,
        recorded_by=actor,
        note=note,
    )
    if scan is not None:
        extension = _EXTENSIONS[check_upload(scan)]
        consent.scan.save(f"consent-{case.pk}.{extension}", scan, save=False)
    consent.save()
    unpublished = []
    if not public_page:
        for page in CasePage.objects.filter(case=case).live():
            # Withdrawal binds everyone: whoever records it unpublishes, page rights or not.
            UnpublishPageAction(page, user=actor, log_action=True).execute(
                skip_permission_checks=True
            )
            unpublished.append(page.pk)
    record_audit(
        actor=actor,
        action="case.consent_recorded",
        obj=case,
        data={
            "consent": consent.pk,
            "public_page": public_page,
            "photo": photo,
            "story": story,
            "name": name,
            "unpublished_pages": unpublished,
        },
    )
    return consent


def withdraw_consent(*, actor, case: Case, recorded_on: datetime.date, note: str = "", scan=None):
    """Withdrawal unpublishes every campaign page of the case in the same transaction."""
    return record_consent(
        actor=actor, case=case, recorded_on=recorded_on, public_page=False, note=note, scan=scan
    )


@transaction.atomic
def record_stage(
    *, actor, case: Case, stage: str, date: datetime.date, documents: str = "", next_steps: str = ""
) -> StageEvent:
    event = StageEvent.objects.create(
        case=case,
        stage=stage,
        date=date,
        documents=documents,
        next_steps=next_steps,
        recorded_by=actor,
    )
    latest = case.stage_events.order_by("-date", "-id").first()
    if latest and case.stage != latest.stage:
        case.stage = latest.stage
        case.save(update_fields=["stage", "updated_at"])
    record_audit(actor=actor, action="case.stage_recorded", obj=case, data={"stage": stage})
    return event


@transaction.atomic
def set_pathway(*, actor, case: Case, pathway: str, state: str, note: str = "") -> PathwayStatus:
    if pathway not in Pathway.values or state not in PathwayState.values:
        raise ValidationError(_("Unknown pathway or status."))
    status, _created = PathwayStatus.objects.update_or_create(
        case=case, pathway=pathway, defaults={"state": state, "note": note}
    )
    record_audit(
        actor=actor, action="case.pathway_set", obj=case, data={"pathway": pathway, "state": state}
    )
    return status


@transaction.atomic
def add_task(*, actor, case: Case, title: str, due_on: datetime.date, owner=None) -> Task:
    if owner is not None and not case.members.filter(user=owner).exists():
        raise ValidationError(_("The owner must be on the case team."))
    task = Task.objects.create(case=case, title=title, due_on=due_on, owner=owner)
    record_audit(actor=actor, action="case.task_added", obj=case, data={"task": task.pk})
    return task


@transaction.atomic
def complete_task(*, actor, task: Task) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    record_audit(actor=actor, action="case.task_done", obj=task.case, data={"task": task.pk})
    return task


def send_task_reminders(*, today: datetime.date | None = None) -> int:
    """Email each owner about tasks due within two days or overdue, once a day per task."""
    count = 0
    for task_id in claim_due_reminders(today=today):
        enqueue_on_commit(send_task_reminder_task, task_id)
        count += 1
    return count


_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@transaction.atomic
def upload_document(*, actor, case: Case, kind: str, title: str, upload) -> Document:
    checked = inspect_upload(upload)
    document = Document(
        case=case,
        kind=kind,
        title=title,
        content_type=checked.content_type,
        size=upload.size,
        page_count=checked.page_count,
        uploaded_by=actor,
    )
    document.file.save(f"case-{case.pk}.{_EXTENSIONS[checked.content_type]}", upload, save=False)
    document.save()
    record_audit(
        actor=actor, action="case.document_uploaded", obj=case, data={"document": document.pk}
    )
    return document


@transaction.atomic
def review_letter(*, actor, letter: SupportLetter, status: str) -> SupportLetter:
    if status not in (LetterStatus.APPROVED, LetterStatus.REJECTED, LetterStatus.WITHDRAWN):
        raise ValidationError(_("Unknown decision."))
    letter.status = status
    letter.reviewed_by = actor
    letter.reviewed_at = timezone.now()
    letter.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    record_audit(
        actor=actor,
        action="case.letter_reviewed",
        obj=letter.case,
        data={"letter": letter.pk, "status": status},
    )
    return letter


@transaction.atomic
def request_packet(*, actor, case: Case) -> Packet:
    """Queue a new packet version; the work happens in the task queue."""
    Case.objects.select_for_update().filter(pk=case.pk).first()
    building = case.packets.filter(status__in=[PacketStatus.QUEUED, PacketStatus.BUILDING]).first()
    if building is not None:
        return building
    version = (case.packets.aggregate(v=Max("version"))["v"] or 0) + 1
    packet = Packet.objects.create(case=case, version=version, requested_by=actor)
    record_audit(actor=actor, action="case.packet_requested", obj=case, data={"version": version})
    enqueue_on_commit(build_packet_task, packet.pk)
    return packet
