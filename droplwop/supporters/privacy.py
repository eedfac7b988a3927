"""California (CCPA) requests: everything we hold about a person, and erasing it. Audited.

Consent history stays: an erased person's subscription rows keep the consent text shown, the
source and the times, on a record that no longer says who they were.

Rows another app keeps to a smaller circle (a case's letters and contacts: see row_access) are
exported only to those who may see them, and a deletion or anonymization that would touch rows
the staff member may not see is refused: someone of that circle (or an Administrator) does it.
"""

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from droplwop.core import deferred
from droplwop.core.audit import record_audit

from .models import Activity, Subscription, SubscriptionStatus, Supporter, SupporterEmail
from .relations import row_as_dict, supporter_links
from .row_access import has_hidden_rows, visible_activities, visible_rows

_IDENTITY = ("first_name", "last_name", "phone", "zip_code", "city", "action_network_id", "source")


def collect_supporter_data(supporter: Supporter, *, viewer) -> dict:
    """The person's record and every row, in any app, that points at it and `viewer` may see."""
    related = {}
    for link in supporter_links():
        if link.model._meta.auto_created:
            continue
        rows = link.rows(supporter)
        if link.model is Activity:
            rows = visible_activities(viewer, rows)
        else:
            rows = visible_rows(viewer, link.model, rows)
        rows = [row_as_dict(row) for row in rows.order_by("pk")]
        if rows:
            related.setdefault(link.label, []).extend(rows)
    data = {
        "supporter": row_as_dict(supporter),
        "tags": list(supporter.tags.values_list("name", flat=True)),
        "organizations": list(supporter.organizations.values_list("name", flat=True)),
        "related": related,
        # Public forms' submissions not filed yet (core.deferred), by address.
        "waiting": [
            {"kind": row.kind, "created_at": row.created_at, "payload": row.payload}
            for email in _addresses(supporter)
            for row in deferred.list_pending(email)
        ],
        "exported_at": timezone.now().isoformat(),
    }
    if has_hidden_rows(viewer, supporter):
        # A CCPA answer must be complete: whoever sends it learns that this one is not.
        data["incomplete"] = withheld_message()
    return data


def withheld_message() -> str:
    return _(
        "Some of this person's records belong to a case team and are left out. A member of "
        "that team or an Administrator can export everything."
    )


def refuse_hidden_rows(*, supporter: Supporter, actor) -> None:
    if has_hidden_rows(actor, supporter):
        raise ValidationError(
            _(
                "This person has records that belong to a case team you are not on. Only a "
                "member of that team or an Administrator can delete, anonymize or merge them."
            ),
            code="case_rows",
        )


def export_supporter_json(*, supporter: Supporter, actor) -> str:
    data = collect_supporter_data(supporter, viewer=actor)
    record_audit(
        actor=actor, action="supporter.ccpa_export", obj=supporter, data={"format": "json"}
    )
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export_supporter_rows(*, supporter: Supporter, actor) -> list[list]:
    """The same data as flat rows (record, row id, field, value) for a spreadsheet."""
    data = collect_supporter_data(supporter, viewer=actor)
    record_audit(actor=actor, action="supporter.ccpa_export", obj=supporter, data={"format": "csv"})
    rows = [["supporters.supporter", supporter.pk, k, v] for k, v in data["supporter"].items()]
    rows += [["supporters.tag", "", "name", name] for name in data["tags"]]
    rows += [["supporters.organization", "", "name", name] for name in data["organizations"]]
    if "incomplete" in data:
        rows.append(["note", "", "incomplete", data["incomplete"]])
    for label, items in data["related"].items():
        for item in items:
            for key, value in item.items():
                if isinstance(value, (dict, list)):
                    value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
                rows.append([label, item.get("id", ""), key, value])
    return rows


def rows_to_csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _blank_personal_fields(link, supporter) -> int:
    """Clear the free text another app kept with the person's action (a comment, a note).

    Only optional text fields are cleared; what defines the action (a choice, an amount, a
    date) stays, so counts and totals remain right.
    """
    updates = {}
    for field in link.model._meta.concrete_fields:
        if field.primary_key or field.is_relation or field.choices or not field.blank:
            continue
        if isinstance(field, (models.CharField, models.TextField)):
            updates[field.attname] = ""
        elif isinstance(field, models.GenericIPAddressField) and field.null:
            updates[field.attname] = None
        elif isinstance(field, models.JSONField):
            updates[field.attname] = field.get_default()
    if not updates:
        return 0
    return link.rows(supporter).update(**updates)


def _addresses(supporter: Supporter) -> list[str]:
    return [supporter.email, *supporter.other_emails.values_list("email", flat=True)]


def _strip_identity(supporter: Supporter) -> None:
    now = timezone.now()
    for email in _addresses(supporter):
        deferred.forget(email)
    Subscription.objects.filter(
        supporter=supporter,
        status__in=(SubscriptionStatus.SUBSCRIBED, SubscriptionStatus.PENDING),
    ).update(status=SubscriptionStatus.UNSUBSCRIBED, unsubscribed_at=now)
    SupporterEmail.objects.filter(supporter=supporter).delete()
    supporter.tags.clear()
    supporter.organizations.clear()
    for name in _IDENTITY:
        setattr(supporter, name, "")
    supporter.email = f"erased-{supporter.pk}@anonymized.invalid"
    supporter.anonymized_at = now
    supporter.save()


def _own_or_through(link) -> bool:
    return link.model in (Subscription, SupporterEmail) or link.model._meta.auto_created


@transaction.atomic
def anonymize_supporter(*, supporter: Supporter, actor, reason: str = "") -> dict:
    """Remove who the person is; their actions stay as anonymous rows (a petition still
    counts the signature, without a name)."""
    if supporter.anonymized_at:
        raise ValidationError("This record is already anonymized.")
    refuse_hidden_rows(supporter=supporter, actor=actor)
    cleared = {}
    activities = Activity.objects.filter(supporter=supporter)
    activities.filter(kind="supporters.merged").update(summary="Merged two records")
    cleared["supporters.activity"] = activities.update(data={})
    for link in supporter_links():
        if _own_or_through(link) or link.model is Activity:
            continue
        count = _blank_personal_fields(link, supporter)
        if count:
            cleared[link.label] = count
    _strip_identity(supporter)
    record_audit(
        actor=actor,
        action="supporter.anonymized",
        obj=supporter,
        summary="Anonymized on request (CCPA)",
        data={"cleared": cleared, "reason": reason},
    )
    return cleared


@transaction.atomic
def delete_supporter_data(*, supporter: Supporter, actor, reason: str = "") -> dict:
    """Delete the person's rows everywhere, keeping only their consent history on an empty
    record. Rows another app must keep (its foreign key protects them, as bookkeeping may)
    are anonymized instead, and the audit entry names them."""
    if supporter.anonymized_at:
        raise ValidationError("This record is already anonymized.")
    refuse_hidden_rows(supporter=supporter, actor=actor)
    deleted, kept = {}, {}
    for link in supporter_links():
        if _own_or_through(link) or link.model is Activity:
            continue
        rows = link.rows(supporter)
        if link.field.remote_field.on_delete in (models.PROTECT, models.RESTRICT):
            _blank_personal_fields(link, supporter)
            kept[link.label] = rows.count()
            continue
        try:
            with transaction.atomic():
                count, _details = rows.delete()
            if count:
                deleted[link.label] = count
        except (ProtectedError, RestrictedError):
            _blank_personal_fields(link, supporter)
            kept[link.label] = rows.count()
    activities = Activity.objects.filter(supporter=supporter)
    deleted["supporters.activity"] = activities.count()
    activities.delete()
    _strip_identity(supporter)
    record_audit(
        actor=actor,
        action="supporter.deleted",
        obj=supporter,
        summary="Personal data deleted on request (CCPA); consent history kept",
        data={"deleted": deleted, "kept_anonymized": kept, "reason": reason},
    )
    return {"deleted": deleted, "kept_anonymized": kept}
