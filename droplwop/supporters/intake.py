"""The public signup form's write: one small insert now, filed moments later in batches.

The form is checked in the request; what it took is filed by `file_signups` through
services.sign_up (person, subscriptions, one confirmation email), a batch per transaction
(core.deferred). Filing a row twice changes nothing but may send the confirmation email again.
"""

from droplwop.core import deferred

from . import services
from .models import EmailList

KIND = "supporters.signup"


def submit_signup(*, email: str, lists, **fields) -> None:
    """Take one signup; `fields` are sign_up's other arguments (JSON values only)."""
    email = services.normalize_email(email)
    payload = {"email": email, "lists": [email_list.pk for email_list in lists], **fields}
    deferred.submit(KIND, email=email, payload=payload)


def file_signups(rows) -> None:
    """core.deferred's filer for KIND. A list deleted meanwhile is left out."""
    lists = EmailList.objects.in_bulk({pk for row in rows for pk in row.payload["lists"]})
    for row in rows:
        fields = dict(row.payload)
        chosen = [lists[pk] for pk in fields.pop("lists") if pk in lists]
        services.sign_up(lists=chosen, **fields)
