"""Support letters from the public: written once from the case page, changed only through a
signed link mailed to the writer, since anyone may type anyone's email into the form."""

from django.db import IntegrityError, transaction

from droplwop.core.audit import record_audit
from droplwop.core.form_guard import allow
from droplwop.core.tasks_util import enqueue_on_commit
from droplwop.supporters.services import find_or_create_supporter, record_activity

from .choices import LetterStatus
from .models import Case, SupportLetter
from .tasks import send_letter_change_link_task
from .uploads import check_upload

CHANGEABLE_FIELDS = ("writer_name", "relationship", "city", "how_known", "body")


def submit_letter(
    *,
    case: Case,
    email: str,
    writer_name: str,
    relationship: str,
    city: str,
    how_known: str,
    body: str,
    include_in_packet: bool,
    language: str,
    upload=None,
) -> SupportLetter:
    """A letter from the public. It waits for the case team; the writer's record is found by
    email. A second letter for the same case never replaces the first: the writer is mailed a
    link to change their letter while it waits (a few times an hour at most)."""
    content_type = check_upload(upload) if upload is not None else ""
    first, _sep, last = writer_name.strip().partition(" ")
    with transaction.atomic():
        supporter, _created = find_or_create_supporter(
            email=email,
            first_name=first,
            last_name=last,
            city=city,
            language=language,
            source="cases.letter",
        )
        existing = SupportLetter.objects.filter(case=case, supporter=supporter).first()
        if existing is not None:
            return _offer_change_link(existing)
        letter = SupportLetter(
            case=case,
            supporter=supporter,
            writer_name=writer_name.strip(),
            relationship=relationship,
            city=city.strip(),
            how_known=how_known.strip(),
            body=body.strip(),
            include_in_packet=include_in_packet,
            language=language,
        )
        if upload is not None:
            letter.upload_content_type = content_type
            letter.upload.save(f"letter-{case.pk}.{_extension(content_type)}", upload, save=False)
        try:
            with transaction.atomic():
                letter.save()
        except IntegrityError:
            # A double click: the first request already saved this person's letter.
            return SupportLetter.objects.get(case=case, supporter=supporter)
        record_activity(
            supporter=supporter,
            kind="cases.letter_written",
            summary=f"Support letter for case {case.pk}",
            obj=letter,
            data={"relationship": relationship},
        )
        record_audit(
            actor=None, action="case.letter_received", obj=case, data={"letter": letter.pk}
        )
    return letter


def _offer_change_link(letter: SupportLetter) -> SupportLetter:
    if letter.status == LetterStatus.PENDING and allow(
        "change_link_email", f"cases.letter:{letter.pk}"
    ):
        enqueue_on_commit(send_letter_change_link_task, letter.pk)
    return letter


@transaction.atomic
def change_letter(*, letter: SupportLetter, include_in_packet: bool, **fields) -> bool:
    """The writer's own change, through their signed link; False once the case team has
    decided on the letter (it is no longer theirs to change)."""
    letter = SupportLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.status != LetterStatus.PENDING:
        return False
    for name in CHANGEABLE_FIELDS:
        setattr(letter, name, fields[name].strip())
    letter.include_in_packet = include_in_packet
    letter.save(update_fields=[*CHANGEABLE_FIELDS, "include_in_packet"])
    record_audit(
        actor=None, action="case.letter_changed", obj=letter.case, data={"letter": letter.pk}
    )
    return True


def _extension(content_type: str) -> str:
    return {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[content_type]
