"""Merge two records of the same person into one, moving every row that points at either."""

from django.db import transaction
from django.utils.translation import gettext as _

from droplwop.core.audit import record_audit

from .models import Subscription, SubscriptionStatus, Supporter, SupporterEmail
from .relations import row_as_dict, supporter_links
from .row_access import has_hidden_rows
from .services import record_activity

_FILL = ("first_name", "last_name", "phone", "zip_code", "city", "action_network_id")


class MergeError(ValueError):
    pass


def _clashing_row(link, keep, row):
    """The row of `keep` that `row` would duplicate under a unique constraint, if any."""
    for others in link.unique_sets():
        lookup = {link.field.attname: keep.pk}
        for name in others:
            attname = link.model._meta.get_field(name).attname
            lookup[attname] = getattr(row, attname)
        clash = link.model._base_manager.filter(**lookup).first()
        if clash is not None:
            return clash
    return None


def _prefer_moving(link, row, clash) -> bool:
    """A confirmed consent beats a pending one; otherwise the kept record's row stays."""
    return (
        link.model is Subscription
        and row.status == SubscriptionStatus.SUBSCRIBED
        and clash.status == SubscriptionStatus.PENDING
    )


@transaction.atomic
def merge_supporters(*, keep: Supporter, merge: Supporter, actor) -> dict:
    """Everything `merge` holds moves to `keep`; `merge` is then deleted. Audited.

    Where both records hold a row that may exist once per person (both signed one petition,
    both are on one list), one is kept and the dropped row is written into the audit entry.
    """
    if keep.pk == merge.pk:
        raise MergeError("A record cannot be merged into itself.")
    locked = {
        s.pk: s for s in Supporter.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
    }
    if len(locked) != 2:
        raise MergeError("One of the two records no longer exists.")
    keep, merge = locked[keep.pk], locked[merge.pk]
    if has_hidden_rows(actor, keep) or has_hidden_rows(actor, merge):
        # Merging moves (and may drop) rows the merger could not even see.
        raise MergeError(
            _(
                "One of these records has rows that belong to a case team you are not on. Only "
                "a member of that team or an Administrator can merge them."
            )
        )
    moved, dropped = {}, []
    for link in supporter_links():
        rows = link.rows(merge)
        if not link.unique_sets():
            count = rows.update(**{link.field.attname: keep.pk})
            if count:
                moved[link.label] = moved.get(link.label, 0) + count
            continue
        for row in list(rows):
            clash = _clashing_row(link, keep, row)
            if clash is not None and _prefer_moving(link, row, clash):
                row, clash = clash, row
                link.model._base_manager.filter(pk=row.pk).delete()
                link.model._base_manager.filter(pk=clash.pk).update(**{link.field.attname: keep.pk})
                moved[link.label] = moved.get(link.label, 0) + 1
            elif clash is not None:
                link.model._base_manager.filter(pk=row.pk).delete()
            else:
                link.model._base_manager.filter(pk=row.pk).update(**{link.field.attname: keep.pk})
                moved[link.label] = moved.get(link.label, 0) + 1
                continue
            if not link.model._meta.auto_created:
                dropped.append({"model": link.label, "row": row_as_dict(row)})

    filled = [name for name in _FILL if not getattr(keep, name) and getattr(merge, name)]
    for name in filled:
        setattr(keep, name, getattr(merge, name))
    summary = {
        "merged_id": merge.pk,
        "merged_email": merge.email,
        "moved": moved,
        "dropped": dropped,
        "filled": filled,
    }
    merged_email = merge.email
    merge.delete()
    keep.save()
    SupporterEmail.objects.get_or_create(email=merged_email, defaults={"supporter": keep})
    record_audit(
        actor=actor,
        action="supporter.merged",
        obj=keep,
        summary=f"Merged record {summary['merged_id']} into {keep.pk}",
        data=summary,
    )
    record_activity(
        supporter=keep,
        kind="supporters.merged",
        summary=f"Merged with the record of {merged_email}",
        data={"moved": moved, "dropped": len(dropped)},
    )
    return summary
