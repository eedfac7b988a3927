"""Dump, load and count the default database, on PostgreSQL or SQLite."""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connections, transaction

INSTALL_CLIENT = "apt-get install postgresql-client (the version of the server or newer)"


def dump_name(vendor: str) -> str:
    return "database.dump" if vendor == "postgresql" else "database.sqlite3"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise CommandError(f"{name} is not installed: {INSTALL_CLIENT}.")
    return path


def tool_major(name: str) -> int:
    # The tools are PostgreSQL's own, found on PATH; no argument comes from outside.
    output = subprocess.run(  # noqa: S603
        [_tool(name), "--version"], capture_output=True, text=True
    ).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    if not found:
        raise CommandError(f"Could not read the version of {name} from {output!r}.")
    return int(found.group(1))


def _pg_env(connection) -> dict:
    """libpq's variables for the database Django uses (password and TLS options included)."""
    settings = connection.settings_dict
    _, env = connection.client.settings_to_cmd_args_env(settings, [])
    merged = dict(os.environ, **(env or {}))
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings.get(key):
            merged[variable] = str(settings[key])
    merged["PGDATABASE"] = settings["NAME"]
    return merged


def server_version(connection) -> str:
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        version = connection.pg_version
        return f"{version // 10000}.{version % 10000}"
    return sqlite3.sqlite_version


def dump(target: Path, *, using: str = "default") -> tuple[str, dict[str, int]]:
    """Write a consistent copy of the database to `target`. Returns the dump tool's version and
    the row count of each table in that very copy, for the restore to check against."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return _pg_dump(connection, target)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        # The online backup API copies a consistent state while the site keeps writing.
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            counts = {
                table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for table in table_names(using=using)
            }
        finally:
            copy.close()
        return f"sqlite {sqlite3.sqlite_version}", counts
    raise CommandError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def _pg_dump(connection, target: Path) -> tuple[str, dict[str, int]]:
    major = tool_major("pg_dump")
    server_major = int(server_version(connection).split(".")[0])
    if major < server_major:
        raise CommandError(
            f"pg_dump {major} cannot dump a PostgreSQL {server_major} server: "
            f"install postgresql-client-{server_major}."
        )
    # The counts and pg_dump read one snapshot, exported from this transaction, so the counts
    # describe the dump even while the site keeps writing.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(using=connection.alias)
        # Custom format: compressed, and pg_restore can load it table by table.
        done = subprocess.run(  # noqa: S603
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "-f",
                target,
            ],
            env=_pg_env(connection),
            capture_output=True,
            text=True,
        )
    if done.returncode:
        raise CommandError(f"pg_dump failed: {done.stderr.strip()}")
    return f"pg_dump {major}", counts


def load(source: Path, *, dump_tool: str, replace: bool, using: str = "default") -> None:
    """Load a dump made by `dump` into the database (empty unless `replace`)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        major = tool_major("pg_restore")
        made_by = int(dump_tool.split()[-1])
        if major < made_by:
            raise CommandError(
                f"This archive was written by pg_dump {made_by}; pg_restore {major} cannot "
                f"read it: install postgresql-client-{made_by}."
            )
        connection.close()
        command = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        if replace:
            command += ["--clean", "--if-exists"]
        env = _pg_env(connection)
        done = subprocess.run(  # noqa: S603
            [*command, "-d", env["PGDATABASE"], source], env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise CommandError(f"pg_restore failed: {done.stderr.strip()}")
        return
    if connection.vendor == "sqlite":
        connection.close()
        with (
            sqlite3.connect(source) as dumped,
            sqlite3.connect(connection.settings_dict["NAME"]) as live,
        ):
            dumped.backup(live)
        dumped.close()
        live.close()
        return
    raise CommandError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def table_names(*, using: str = "default") -> list[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.get_table_list(cursor)
    return sorted(t.name for t in tables if t.type == "t")


def row_counts(*, using: str = "default") -> dict[str, int]:
    connection = connections[using]
    counts = {}
    with connection.cursor() as cursor:
        for table in table_names(using=using):
            # Table names come from the database's own catalogue.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(*, using: str = "default") -> list[str]:
    """Every migration `migrate` recorded, as "app.name"."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return sorted(f"{app}.{name}" for app, name in cursor.fetchall())
