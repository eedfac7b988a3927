"""Fixed-window attempt counters, cheap enough to sit in front of every public POST.

Each attempt is one atomic upsert that returns the new count, so concurrent workers (threads
or processes) never both see the same count: the cache this replaced could not promise that
across processes, and a flood got twice its limit through two server workers.

On PostgreSQL the counters are the `core_ratecounter` table of the main database. Anywhere
else they live in a SQLite file of their own (RATE_LIMIT_SQLITE_PATH), because SQLite has one
write lock per database and the main one is the signing path's bottleneck.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from . import side_file
from .sqlite_writer import writing

UPSERT = (
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
SWEEP_EVERY_SECONDS = 60

logger = logging.getLogger(__name__)
_next_sweep = 0.0


def end_of_window(window_seconds: int, now: float | None = None) -> int:
    """When the current fixed window of this size closes (a time.time() value)."""
    now = time.time() if now is None else now
    return (int(now // window_seconds) + 1) * window_seconds


@dataclass(frozen=True)
class Attempt:
    """One attempt to count: `limit` per fixed window of `window_seconds` for `key` in `scope`."""

    scope: str
    key: str
    limit: int
    window_seconds: int

    def row(self, now: float) -> tuple[str, int]:
        """The counter's (scope_key, window_end) at `now`."""
        # The window size is part of the key: two sizes can close at the same second.
        scope_key = hashlib.blake2b(
            f"{self.scope}\0{self.window_seconds}\0{self.key}".encode(), digest_size=16
        ).hexdigest()
        return scope_key, end_of_window(self.window_seconds, now)

    def allows(self, count: int) -> bool:
        """Whether the attempt that brought the counter to `count` is within the limit."""
        if count == self.limit + 1:
            # Once per key and window: a flood's every refusal would bury the log.
            logger.warning(
                "Limit reached: %s, %d attempts per %d s",
                self.scope,
                self.limit,
                self.window_seconds,
            )
        return count <= self.limit


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; return True while the caller is within its limit for this window."""
    return count(Attempt(scope, key, limit, window_seconds))


def count(attempt: Attempt) -> bool:
    """Count one attempt; return True while it is within its limit."""
    now = time.time()
    (counted,) = _execute(UPSERT, attempt.row(now))
    sweep_if_due(now)
    return attempt.allows(counted)


def sweep_if_due(now: float) -> None:
    """Delete closed windows' rows, once a minute per process: such a row is never read again,
    it only takes room."""
    global _next_sweep
    if now >= _next_sweep:
        _next_sweep = now + SWEEP_EVERY_SECONDS
        _execute(_SWEEP, (int(now),))


def reset() -> None:
    """Forget every counter (tests start from none)."""
    global _next_sweep
    _next_sweep = 0.0
    _execute(_CLEAR, ())


def _execute(sql: str, params: tuple) -> tuple | None:
    """Run one statement in a transaction of its own; return its first row, if it has rows."""
    if connection.vendor == "postgresql":
        return _execute_postgresql(sql, params)
    db = _sqlite_connection()
    with writing(settings.RATE_LIMIT_SQLITE_PATH):
        cursor = db.execute(sql.replace("%s", "?"), params)
        return cursor.fetchone() if cursor.description else None


def _execute_postgresql(sql: str, params: tuple) -> tuple | None:
    if connection.get_autocommit():
        return _run(connection, sql, params)
    # The caller is inside a transaction: an attempt counted there would be undone when it
    # rolls back. A connection of our own commits the count at once. It is opened for this one
    # statement: no view calls hit() inside a transaction today, and keeping one open per
    # thread would outlive the test database (DROP DATABASE refuses while it is connected).
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        return _run(own, sql, params)
    finally:
        own.close()


def _run(db, sql: str, params: tuple) -> tuple | None:
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() if cursor.description else None


def _sqlite_connection():
    return side_file.connect(settings.RATE_LIMIT_SQLITE_PATH, _SQLITE_SCHEMA)
