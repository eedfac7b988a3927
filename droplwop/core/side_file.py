"""SQLite files of their own beside the main SQLite database, for small hot tables.

SQLite lets one connection write to a file at a time. Tables written on every public POST (the
rate-limit counters, the petition form's waiting signatures) live in files of their own, so
that a long write elsewhere (an import, the filing of a batch of signatures) never holds up a
signer. Each thread has its own connection per file, opened again in a forked child: SQLite
connections must not cross a fork, nor (by default) threads. Writers take turns on
core.sqlite_writer's lock.
"""

import os
import sqlite3
import threading
import time

_local = threading.local()


def connect(path: str, schema: str) -> sqlite3.Connection:
    """This thread's connection to the file at `path`, with `schema` (idempotent SQL) applied."""
    kept = getattr(_local, "connections", None)
    if kept is None or _local.pid != os.getpid():
        kept = _local.connections = {}
        _local.pid = os.getpid()
    db = kept.get(path)
    if db is None:
        db = sqlite3.connect(path, timeout=5, isolation_level=None)
        _use_wal(db)
        # In WAL mode NORMAL does not sync on commit, only at checkpoints: a commit survives a
        # killed process (as the main database's do), not a power cut. OFF would skip the
        # checkpoint syncs too, and a file corrupted that way would fail every POST.
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(schema)
        kept[path] = db
    return db


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new file to WAL. Several server processes open it at once on their first POST;
    the switch needs the file alone, and SQLite answers "locked" at once instead of waiting."""
    for _attempt in range(100):
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            time.sleep(0.01)
    db.execute("PRAGMA journal_mode=WAL")
