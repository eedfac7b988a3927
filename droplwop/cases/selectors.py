"""Reads for the case desk. Access is per case: the team and administrators, nobody else."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from droplwop.core.audit import record_audit
from droplwop.petitions.models import PetitionPage
from droplwop.petitions.selectors import count_signatures, list_signers_for_delivery
from droplwop.users.roles import ADMINISTRATOR

from .admin_access import CaseAccessRefused
from .choices import LetterStatus, Stage

# The model modules, not the package: the page model (models/pages.py) reads through these
# selectors, so they must load before it.
from .models.cases import Case, CaseMember
from .models.letters import SupportLetter
from .models.progress import Task


def is_case_admin(user) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists())
    )


def list_cases_for_user(user):
    if not user or not user.is_authenticated:
        return Case.objects.none()
    if is_case_admin(user):
        return Case.objects.all()
    return Case.objects.filter(members__user=user).distinct()


def limit_to_case_team(user, rows):
    """The case rule for rows of another app's walk over a person (see supporters.row_access):
    only those of cases the user may open."""
    if rows.model is Case:
        return rows.filter(pk__in=list_cases_for_user(user).values("pk"))
    return rows.filter(case__in=list_cases_for_user(user).values("pk"))


def list_cases_with_page_consent(user):
    ids = [case.pk for case in list_cases_for_user(user) if has_page_consent(case)]
    return Case.objects.filter(pk__in=ids)


def get_case_for_user(user, case_id, *, request_path: str = "") -> Case:
    """The case if the user is on its team (or an administrator); otherwise a refusal and an audit
    row.

    Every refusal is recorded, so probing for case numbers leaves a trace.
    """
    case = list_cases_for_user(user).filter(pk=case_id).first()
    if case is not None:
        return case
    record_audit(
        actor=user,
        action="case.access_denied",
        object_type="cases.case",
        object_id=case_id,
        summary=f"Refused {request_path}"[:255],
    )
    raise CaseAccessRefused


def get_member_role(user, case) -> str:
    member = CaseMember.objects.filter(case=case, user=user).first()
    return member.role if member else ""


def has_page_consent(case) -> bool:
    consent = case.current_consent
    return bool(consent and consent.public_page)


def is_page_allowed(page) -> bool:
    return has_page_consent(page.case)


def list_visible_stages(case):
    return [s for s in Stage if s != Stage.SUPREME_COURT or case.twice_convicted]


def list_overdue_tasks(user):
    today = timezone.localdate()
    return (
        Task.objects.filter(case__in=list_cases_for_user(user), done_at__isnull=True)
        .filter(due_on__lt=today)
        .select_related("case", "owner")
        .order_by("due_on")
    )


def count_cases_by_stage(user) -> list[tuple[str, int]]:
    counts = dict(
        list_cases_for_user(user)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in Stage.choices]


def list_my_cases(user):
    return (
        list_cases_for_user(user)
        .annotate(
            pending_letters=Count(
                "letters", filter=Q(letters__status=LetterStatus.PENDING), distinct=True
            ),
            open_tasks=Count("tasks", filter=Q(tasks__done_at__isnull=True), distinct=True),
        )
        .select_related("facility")
    )


def list_letters_for_packet(case):
    """Approved letters whose writer allowed them in the packet: rejected or withdrawn never."""
    return SupportLetter.objects.filter(
        case=case, status=LetterStatus.APPROVED, include_in_packet=True
    ).order_by("submitted_at", "id")


def list_tasks_due_for_reminder(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return Task.objects.filter(
        done_at__isnull=True, due_on__lte=today + datetime.timedelta(days=2), owner__isnull=False
    ).filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))


def get_petition_summary(case) -> dict | None:
    """Total and signer list from the petitions app, when a petition is linked."""
    petition = getattr(case, "petition", None)
    if petition is None:
        return None

    return {
        "petition": petition,
        "total": count_signatures(petition),
        "signers": list_signers_for_delivery(petition),
    }


def get_petition_page(petition, locale):
    return PetitionPage.objects.live().filter(petition=petition, locale=locale).first()
