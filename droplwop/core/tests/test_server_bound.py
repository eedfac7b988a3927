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


def test_a_hot_statement_is_prepared_once_and_the_orms_are_not():
    from django.db import connection

    from droplwop.core.models import RateCounter

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; SQLite's driver caches its own")
    select = "SELECT count FROM core_ratecounter WHERE scope_key = %s"
    server_bound.execute(INSERT, ["prepared", 60, 3])
    for _ in range(3):
        assert server_bound.execute(select, ["prepared"], prepare=True)[1] == (3,)
    for _ in range(10):
        assert RateCounter.objects.filter(scope_key="prepared").count() == 1

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]

    assert prepared == ["SELECT count FROM core_ratecounter WHERE scope_key = $1"]


def test_statements_are_listed_with_djangos_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        server_bound.execute(INSERT, ["listed", 60, 1])

    # Django's own cursor (SQLite) lists the values in place of the %s.
    assert len(captured) == 1
    assert captured[0]["sql"].startswith(
        "INSERT INTO core_ratecounter (scope_key, window_end, count)"
    )
