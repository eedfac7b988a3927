"""The rate limiter's counters: the only raw SQL of core.rate_limit, behind three calls.

    increment(scope_key, window_end) -> int   count one attempt, atomically; the new count
    sweep(before)                             forget windows that closed by `before`
    clear()                                   forget every counter (tests)

On PostgreSQL the counters are the `core_ratecounter` table of the main database. Anywhere
else they live in a SQLite file of their own (RATE_LIMIT_SQLITE_PATH), because SQLite has one
write lock per database and the main one is the signing path's bottleneck. Each call is one
statement in a transaction of its own: a count must stand even if the caller's work rolls back.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from droplwop.core import side_file
from droplwop.core.sqlite_writer import writing

# One atomic upsert that returns the new count, so concurrent workers (threads or processes)
# never both see the same count.
_UPSERT = (
    "INSERT INTO core_ratecounter (scope_key, window_end, count) VALUES (%s, %s, 1) "
    "ON CONFLICT (scope_key, window_end) DO UPDATE SET count = core_ratecounter.count + 1 "
    "RETURNING count"
)
_SWEEP = "DELETE FROM core_ratecounter WHERE window_end <= %s"
_CLEAR = "DELETE FROM core_ratecounter"
# The same table as the migration makes on PostgreSQL.
_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS core_ratecounter (
    scope_key TEXT NOT NULL,
    window_end INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (scope_key, window_end)
);
CREATE INDEX IF NOT EXISTS core_ratecounter_window_end ON core_ratecounter (window_end);
"""

__all__ = ["clear", "increment", "sweep"]


def increment(scope_key: str, window_end: int) -> int:
    (counted,) = _execute(_UPSERT, (scope_key, window_end))
    return counted


def sweep(before: int) -> None:
    _execute(_SWEEP, (before,))


def clear() -> None:
    _execute(_CLEAR, ())


def _execute(sql: str, params: tuple) -> tuple | None:
    """Run one statement in a transaction of its own; return its first row, if it has rows."""
    if connection.vendor == "postgresql":
        return _execute_postgresql(sql, params)
    db = side_file.connect(settings.RATE_LIMIT_SQLITE_PATH, _SQLITE_SCHEMA)
    with writing(settings.RATE_LIMIT_SQLITE_PATH):
        cursor = db.execute(sql.replace("%s", "?"), params)
        return cursor.fetchone() if cursor.description else None


def _execute_postgresql(sql: str, params: tuple) -> tuple | None:
    if connection.get_autocommit():
        return _run(connection, sql, params)
    # The caller is inside a transaction: an attempt counted there would be undone when it
    # rolls back. A connection of our own commits the count at once. It is opened for this one
    # statement: no view counts inside a transaction today, and keeping one open per thread
    # would outlive the test database (DROP DATABASE refuses while it is connected).
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        return _run(own, sql, params)
    finally:
        own.close()


def _run(db, sql: str, params: tuple) -> tuple | None:
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() if cursor.description else None
