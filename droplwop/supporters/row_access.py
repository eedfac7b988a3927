"""Rows of a person that another app keeps to a smaller circle than the supporter staff.

A case's support letters and contacts belong to the case team: an Organizer who may read every
supporter record may not read those rows. The app that owns such rows registers its rule here
(`register_row_rule`, from its AppConfig.ready) and keeps the one implementation of it; the
supporters app applies every registered rule wherever it walks a person's related rows (privacy
export, timeline, merge, delete, anonymize) without importing that app, so the layer direction
core <- users <- supporters <- cases stays as it is.

A rule takes a staff user and a queryset of its model and returns the rows that user may see.
Timeline lines (Activity) that point at a guarded row follow that row's rule.
"""

from collections.abc import Callable

from django.apps import apps
from django.db.models import Model, QuerySet

from .relations import supporter_links

RowRule = Callable[[object, QuerySet], QuerySet]

_RULES: dict[str, RowRule] = {}


def register_row_rule(model_label: str, rule: RowRule) -> None:
    _RULES[model_label.lower()] = rule


def visible_rows(user, model: type[Model], rows: QuerySet) -> QuerySet:
    rule = _RULES.get(model._meta.label_lower)
    return rows if rule is None else rule(user, rows)


def visible_activities(user, activities: QuerySet) -> QuerySet:
    """Timeline lines minus those about a row the user may not see."""
    for label, rule in _RULES.items():
        ids = set(activities.filter(object_type=label).values_list("object_id", flat=True))
        if not ids:
            continue
        model = apps.get_model(label)
        pks = [int(i) for i in ids if i.isdigit()]
        allowed = rule(user, model._base_manager.filter(pk__in=pks)).values_list("pk", flat=True)
        hidden = ids - {str(pk) for pk in allowed}
        if hidden:
            activities = activities.exclude(object_type=label, object_id__in=hidden)
    return activities


def has_hidden_rows(user, supporter) -> bool:
    """Whether anything pointing at the person is outside what this user may see."""
    from .models import Activity

    for link in supporter_links():
        if link.model._meta.label_lower not in _RULES:
            continue
        rows = link.rows(supporter)
        if rows.count() != visible_rows(user, link.model, rows).count():
            return True
    activities = Activity.objects.filter(supporter=supporter)
    return activities.count() != visible_activities(user, activities).count()
