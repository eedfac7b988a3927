"""The public pledge form's write: one small insert now, filed moments later in batches.

The form is checked in the request; what it took is filed by `file_pledges` through
make_pledge (the person found by email, one pledge per person per walker, the confirmation
email), a batch per transaction (core.deferred). The thank-you page shows what was pledged from
its signed link (links.pledge_thanks_path), not from the stored pledge, so it answers the same
whoever's email was typed; the link to pay is mailed after the walk, as before.
"""

from droplwop.core import deferred
from droplwop.supporters.services import normalize_email

from ..models import Participant, Pledge
from .pledges import make_pledge

KIND = "donations.pledge"


def submit_pledge(*, participant: Participant, email: str, **fields) -> None:
    """Take one pledge; `fields` are make_pledge's other arguments (JSON values only)."""
    email = normalize_email(email)
    payload = {"participant": participant.pk, "email": email, **fields}
    deferred.submit(KIND, email=email, payload=payload)


def file_pledges(rows) -> None:
    """core.deferred's filer for KIND. A walker deleted meanwhile takes no pledge. A pledge
    already standing as this row asks (a batch filed twice, a double click) is left alone, so
    the person is not emailed twice."""
    walkers = Participant.objects.in_bulk({row.payload["participant"] for row in rows})
    for row in rows:
        fields = dict(row.payload)
        participant = walkers.get(fields.pop("participant"))
        if participant is None:
            continue
        standing = Pledge.objects.filter(
            participant=participant,
            supporter__email=fields["email"],
            kind=fields["kind"],
            rate_cents=fields["rate_cents"],
            cap_cents=fields["cap_cents"],
            language=fields["language"],
        )
        if standing.exists():
            continue
        make_pledge(participant=participant, **fields)
