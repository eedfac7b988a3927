"""The timeline of what a person did, written by every app."""

from django.utils import timezone

from ..models import Activity, Supporter


def record_activity(
    *, supporter: Supporter, kind: str, summary: str, obj=None, data=None, occurred_at=None
) -> Activity:
    """Add one line to a person's timeline. `kind` is dotted: "<app>.<what happened>"."""
    entry = {"supporter": supporter, "kind": kind, "summary": summary, "obj": obj}
    return record_activities([entry | {"data": data, "occurred_at": occurred_at}])[0]


def record_activities(entries: list[dict]) -> list[Activity]:
    """Timeline lines in one insert; each entry takes record_activity's arguments."""
    return Activity.objects.bulk_create(
        [
            Activity(
                supporter=entry["supporter"],
                kind=entry["kind"],
                summary=entry["summary"][:255],
                object_type=entry["obj"]._meta.label_lower if entry.get("obj") else "",
                object_id=str(entry["obj"].pk) if entry.get("obj") else "",
                data=entry.get("data") or {},
                occurred_at=entry.get("occurred_at") or timezone.now(),
            )
            for entry in entries
        ]
    )
