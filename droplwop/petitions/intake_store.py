"""Where the form's signatures wait, between the signer's request and the filing task.

On PostgreSQL they are rows of the PendingSignature table: the filing task takes a batch with
FOR UPDATE SKIP LOCKED and deletes it in the transaction that files it.

On SQLite they wait in a file of their own (PETITIONS_INTAKE_SQLITE_PATH, same columns).
SQLite has one writer per file, and the filing of a batch (supporters, signatures, timeline,
consent, in one transaction) held every signer's insert behind it: under a spike, that wait was
most of the slowest answers (p99 near 300 ms). A batch is deleted from the file once the main
database has committed it. A worker killed in between leaves it to be filed again, which
changes nothing: filing skips people who have already signed.

Either way `add` refuses an email that has already signed the petition or is already waiting.
"""

import time
from datetime import UTC

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from droplwop.core import rate_limit, side_file
from droplwop.core.db import server_bound
from droplwop.core.sqlite_writer import writing, writing_default_db
from droplwop.supporters.models import Supporter

from .models import PendingSignature, Petition, Signature

COLUMNS = tuple(
    field.column for field in PendingSignature._meta.concrete_fields if not field.primary_key
)
_TABLE = PendingSignature._meta.db_table
# PendingSignature's columns. A field added to the model must be added here too: the insert
# names every column, so the SQLite test run fails until it is.
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {_TABLE} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    petition_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    zip_code TEXT NOT NULL,
    comment TEXT NOT NULL,
    list_publicly INTEGER NOT NULL,
    wants_updates INTEGER NOT NULL,
    consent_text TEXT NOT NULL,
    language TEXT NOT NULL,
    referrer TEXT NOT NULL,
    utm_source TEXT NOT NULL,
    utm_medium TEXT NOT NULL,
    utm_campaign TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (petition_id, email)
);
"""


def in_own_file() -> bool:
    return connection.vendor == "sqlite" and not connection.is_in_memory_db()


def add(values: dict, *, counted: rate_limit.Attempt | None = None) -> str:
    """Store one signature to be filed: "taken", or "already" when this email signed or waits
    already. With `counted`, that attempt is counted first, and over its limit nothing is
    stored: "limited". `values` has every column of COLUMNS, as the database takes them."""
    if connection.vendor == "postgresql" and connection.get_autocommit():
        return _add_to_table(values, counted)
    # Inside a transaction a count made with the insert would be undone by a rollback: it is
    # made on its own (core.rate_limit commits it at once).
    if counted is not None and not rate_limit.count(counted):
        return "limited"
    if connection.vendor == "postgresql":
        return _add_to_table(values, None)
    taken = _add_to_file(values) if in_own_file() else _add_to_table(values, None) == "taken"
    return "taken" if taken else "already"


def count_waiting(*, up_to: int | None = None, petition_id: int | None = None) -> int:
    if in_own_file():
        where, params = ("WHERE petition_id = ?", (petition_id,)) if petition_id else ("", ())
        limit = f"LIMIT {int(up_to)}" if up_to else ""
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {_TABLE} {where} {limit})"  # noqa: S608
        return _file().execute(sql, params).fetchone()[0]
    rows = PendingSignature.objects.all()
    if petition_id:
        rows = rows.filter(petition_id=petition_id)
    return (rows.order_by("pk")[:up_to] if up_to else rows).count()


def waiting(*, limit: int | None = None) -> list[PendingSignature]:
    """The oldest waiting signatures, with their petitions (and lists) loaded. On PostgreSQL
    call it in the transaction that files them: it locks them for that transaction."""
    if not in_own_file():
        rows = PendingSignature.objects.select_for_update(skip_locked=True).order_by("pk")
        found = list(rows[:limit] if limit else rows)
        _attach_petitions(found)
        return found
    sql = f"SELECT id, {', '.join(COLUMNS)} FROM {_TABLE} ORDER BY id"  # noqa: S608
    if limit:
        sql += f" LIMIT {int(limit)}"
    found = [_from_row(row) for row in _file().execute(sql).fetchall()]
    petitions = _attach_petitions(found)
    # A deleted petition takes its waiting signatures with it, as PostgreSQL's cascade does.
    orphans = [p.pk for p in found if p.petition_id not in petitions]
    forget(orphans)
    return [p for p in found if p.petition_id in petitions]


def _attach_petitions(found: list[PendingSignature]) -> dict[int, Petition]:
    """Each petition loaded once for the batch (a join would build one per signature)."""
    petitions = Petition.objects.select_related("email_list").in_bulk(
        {p.petition_id for p in found}
    )
    for pending in found:
        if pending.petition_id in petitions:
            pending.petition = petitions[pending.petition_id]
    return petitions


def forget_in_transaction(batch: list[PendingSignature]) -> None:
    """In the transaction that files `batch` (PostgreSQL): delete it with that transaction."""
    if not in_own_file():
        PendingSignature.objects.filter(pk__in=[p.pk for p in batch]).delete()


def forget_after_commit(batch: list[PendingSignature]) -> None:
    """Once the transaction that filed `batch` has committed (SQLite): delete it from the file."""
    if in_own_file():
        forget([p.pk for p in batch])


def forget(ids: list[int]) -> None:
    if not ids:
        return
    marks = ", ".join("?" * len(ids))
    with writing(_path()):
        _file().execute(f"DELETE FROM {_TABLE} WHERE id IN ({marks})", ids)  # noqa: S608


def clear() -> None:
    """Forget every waiting signature in the file (tests start from none)."""
    if in_own_file():
        with writing(_path()):
            _file().execute(f"DELETE FROM {_TABLE}")  # noqa: S608


def _add_to_table(values: dict, counted: rate_limit.Attempt | None) -> str:
    # One statement: the check for a filed signature (_SIGNED) rides in the insert, and ON
    # CONFLICT DO NOTHING tells a repeat of a waiting one without an exception or a savepoint.
    # On PostgreSQL the attempt is counted in the same statement (one round trip, one commit).
    params = [values[c] for c in COLUMNS] + [values["email"], values["petition_id"]]
    if counted is None:
        with writing_default_db():
            inserted, _row = server_bound.execute(_INSERT_SQL, params, prepare=True)
        return "taken" if inserted == 1 else "already"
    now = time.time()
    scope_key, window_end = counted.row(now)
    _inserted, (attempts, taken) = server_bound.execute(
        _COUNTED_INSERT_SQL,
        [scope_key, window_end, *params[: len(COLUMNS)], counted.limit, *params[len(COLUMNS) :]],
        prepare=True,
    )
    rate_limit.sweep_if_due(now)
    if not counted.allows(attempts):
        return "limited"
    return "taken" if taken else "already"


def _add_to_file(values: dict) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(_SIGNED, [values["email"], values["petition_id"]])
        if cursor.fetchone() is not None:
            return False
    sql = (
        f"INSERT INTO {_TABLE} ({', '.join(COLUMNS)}) "  # noqa: S608 - fixed names only
        f"VALUES ({', '.join('?' * len(COLUMNS))}) ON CONFLICT (petition_id, email) DO NOTHING"
    )
    with writing(_path()):
        cursor = _file().execute(sql, [values[c] for c in COLUMNS])
        return cursor.rowcount == 1


_COLUMN_LIST = ", ".join(f'"{c}"' for c in COLUMNS)
_INSERT = f'INSERT INTO "{_TABLE}" ({_COLUMN_LIST})'  # noqa: S608 - fixed names only
_VALUES = ", ".join(["%s"] * len(COLUMNS))
_ON_CONFLICT = "ON CONFLICT (petition_id, email) DO NOTHING"

# The person is found by email, then their few signatures by the person's index. `+ 0` keeps
# the planner off the petition's indexes: while a new petition grows fast its statistics say
# it has a handful of signatures, and PostgreSQL then walked all of them for each signer
# (2 ms a signature under a spike, growing with the petition).
_SIGNED = (
    f"SELECT 1 FROM {Signature._meta.db_table} s WHERE s.supporter_id = ("  # noqa: S608 - fixed names only
    f"SELECT p.id FROM {Supporter._meta.db_table} p WHERE p.email = %s) "
    "AND s.petition_id + 0 = %s"
)
_INSERT_SQL = f"{_INSERT} SELECT {_VALUES} WHERE NOT EXISTS ({_SIGNED}) {_ON_CONFLICT}"
# PostgreSQL: the attempt's counter (core.rate_limit) and the insert, in one statement.
_COUNTED_INSERT_SQL = (
    f"WITH attempt AS ({rate_limit.UPSERT}), "  # noqa: S608 - fixed names only
    f"taken AS ({_INSERT} SELECT {_VALUES} FROM attempt WHERE attempt.count <= %s"
    f" AND NOT EXISTS ({_SIGNED}) {_ON_CONFLICT} RETURNING 1) "
    "SELECT (SELECT count FROM attempt), (SELECT COUNT(*) FROM taken)"
)


def _path() -> str:
    return str(settings.PETITIONS_INTAKE_SQLITE_PATH)


def _file():
    return side_file.connect(_path(), _SCHEMA)


def _from_row(row) -> PendingSignature:
    values = dict(zip(("id", *COLUMNS), row, strict=True))
    created = parse_datetime(values["created_at"])
    if settings.USE_TZ and timezone.is_naive(created):
        created = timezone.make_aware(created, UTC)  # as Django's SQLite backend stores it
    values["created_at"] = created
    values["list_publicly"] = bool(values["list_publicly"])
    values["wants_updates"] = bool(values["wants_updates"])
    return PendingSignature(**values)
