"""The one way to leave an audit row: every write to a person or a case calls this."""

from .models import AuditEntry


def record_audit(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id="",
    summary: str = "",
    data=None,
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:255],
        data=data or {},
    )
