"""The public letter form's write: one small insert now, filed moments later in batches.

The form is checked in the request; what it took is filed by `file_letters` through
letters.submit_letter (the writer found by email, a second letter never replacing the first,
the change link mailed), a batch per transaction (core.deferred). Letters with an uploaded
file stay on the direct path: they are few, the request already spends its time reading and
checking the file, and a file waiting outside the database would escape the privacy erasure
of waiting rows (core.deferred.forget).
"""

from droplwop.core import deferred
from droplwop.supporters.services import normalize_email

from .letters import submit_letter
from .models import Case, SupportLetter

KIND = "cases.letter"


def submit_letter_later(*, case: Case, email: str, **fields) -> None:
    """Take one letter without a file; `fields` are submit_letter's other arguments."""
    email = normalize_email(email)
    deferred.submit(KIND, email=email, payload={"case": case.pk, "email": email, **fields})


def file_letters(rows) -> None:
    """core.deferred's filer for KIND. A case deleted meanwhile takes no letter. A row whose
    letter is already there (a batch filed twice) is skipped, so the writer is not mailed a
    change link for their own letter."""
    cases = Case.objects.in_bulk({row.payload["case"] for row in rows})
    for row in rows:
        fields = dict(row.payload)
        case = cases.get(fields.pop("case"))
        if case is None:
            continue
        filed = SupportLetter.objects.filter(
            case=case, supporter__email=fields["email"], submitted_at__gte=row.created_at
        )
        if filed.exists():
            continue
        submit_letter(case=case, **fields)
