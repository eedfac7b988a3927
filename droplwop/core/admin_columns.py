"""Listing columns that read as words to an organizer, not as Python values."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field as a tick or cross with the word beside it (screen readers read the word)."""

    cell_template_name = "core/admin/yes_no_cell.html"


def readable_columns(model, names):
    """`list_display` with each boolean field of `model` shown as a YesNoColumn."""
    columns = []
    for name in names:
        field = _field(model, name)
        if isinstance(field, models.BooleanField):
            columns.append(YesNoColumn(name, label=capfirst(field.verbose_name), sort_key=name))
        else:
            columns.append(name)
    return columns


def _field(model, name):
    if not isinstance(name, str):
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a property or a method
        return None
