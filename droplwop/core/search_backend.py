"""The site's search backend: the database backend Wagtail picks for the database in use, with
every query passed through core.search_query first (public search, admin searches over pages,
snippets, images and documents alike). Named in settings.WAGTAILSEARCH_BACKENDS.

SQLite's full-text table has only the columns title, body and autocomplete, yet its backend
names the fields a caller restricts the search to (a snippet viewset's `search_fields`) as
columns: any search of the resources library was a 500 there. Such a search runs over all the
model's indexed fields instead, which is what the other backends return for those fields anyway.
"""

import copy
import functools

from django.db.models import QuerySet
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from wagtail.search.backends.database import SearchBackend as database_backend

from .search_query import normalise


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    vendor_class = type(database_backend(params))
    return _normalising(vendor_class)(params)


@functools.cache
def _normalising(vendor_class):
    class NormalisingSearchBackend(vendor_class):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            query = normalise_query(query)
            if query == "":
                # Nothing searchable is left: no result, in the results class callers expect.
                query, model_or_queryset = MatchAll(), _none(model_or_queryset)
            columns = getattr(query_compiler_class, "FTS_TABLE_FIELDS", None)
            if columns and kwargs.get("fields") and not set(kwargs["fields"]) <= set(columns):
                kwargs["fields"] = None
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    NormalisingSearchBackend.__name__ = f"Normalising{vendor_class.__name__}"
    return NormalisingSearchBackend


def _none(model_or_queryset):
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset.none()
    return model_or_queryset.objects.none()


def normalise_query(query):
    """The query with every text in it normalised; "" when nothing searchable is left."""
    if isinstance(query, str):
        return normalise(query)
    if isinstance(query, PlainText | Phrase | Fuzzy):
        text = normalise(query.query_string)
        if not text:
            return ""
        query = copy.copy(query)
        query.query_string = text
        return query
    if isinstance(query, And | Or):
        parts = [part for part in map(normalise_query, query.subqueries) if part != ""]
        return type(query)(parts) if parts else ""
    if isinstance(query, Not | Boost):
        inner = normalise_query(query.subquery)
        if inner == "":
            return ""
        query = copy.copy(query)
        query.subquery = inner
        return query
    return query
