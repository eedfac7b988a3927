"""Every row anywhere that points at a supporter, found without knowing the apps.

Other apps hold a ForeignKey (or one-to-one, or a many-to-many) to Supporter. Merge, CCPA export
and anonymization walk these relations, so a new app's rows follow without a hook here.
"""

from dataclasses import dataclass

from django.db import models

from .models import Supporter


@dataclass(frozen=True)
class Link:
    model: type[models.Model]
    field: models.ForeignKey

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def rows(self, supporter):
        return self.model._base_manager.filter(**{self.field.name: supporter})

    def unique_sets(self) -> list[tuple[str, ...]]:
        """The other fields that must be unique together with the supporter field."""
        name = self.field.name
        sets = []
        if self.field.unique:
            sets.append(())
        for constraint in self.model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if isinstance(constraint, models.UniqueConstraint) and name in fields:
                sets.append(tuple(f for f in fields if f != name))
        for together in self.model._meta.unique_together:
            if name in together:
                sets.append(tuple(f for f in together if f != name))
        return sets


def supporter_links() -> list[Link]:
    """Each (model, field) that points at Supporter, including many-to-many through tables."""
    links = []
    for relation in Supporter._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            for field in through._meta.fields:
                if field.is_relation and field.related_model is Supporter:
                    links.append(Link(through, field))
        else:
            links.append(Link(relation.related_model, relation.field))
    for field in Supporter._meta.many_to_many:
        through = field.remote_field.through
        for through_field in through._meta.fields:
            if through_field.is_relation and through_field.related_model is Supporter:
                links.append(Link(through, through_field))
    return links


def row_as_dict(row) -> dict:
    """A row's own columns as text, for exports and audit notes."""
    data = {}
    for field in row._meta.concrete_fields:
        value = field.value_from_object(row)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = (
            value
            if isinstance(value, (int, float, bool, type(None), str, list, dict))
            else str(value)
        )
    return data
