"""A hot statement with its values bound by the server (Django's own cursor on SQLite)."""

import pytest
from django.db import IntegrityError, transaction

from droplwop.core.db import server_bound

pytestmark = pytest.mark.django_db

INSERT = "INSERT INTO core_ratecounter (scope_key, window_end, count) VALUES (%s, %s, %s)"


def test_a_statement_says_what_it_changed_and_what_it_found():
    inserted, nothing = server_bound.execute(INSERT, ["José, Nguyễn, 李", 60, 1])
    _rows, found = server_bound.execute(
        "SELECT scope_key, count FROM core_ratecounter WHERE window_end = %s", [60]
    )

    assert (inserted, nothing) == (1, None)
    assert found == ("José, Nguyễn, 李", 1)


def test_errors_are_djangos():
    server_bound.execute(INSERT, ["key", 60, 1])
    with pytest.raises(IntegrityError), transaction.atomic():
        server_bound.execute(INSERT, ["key", 60, 2])
