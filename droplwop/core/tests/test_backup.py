"""`manage.py backup` of the demo, restored by `manage.py restore` into a second, empty database
(a second SQLite file, or a second PostgreSQL database) as an operator runs it."""

import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from droplwop.core.backups import database

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
LETTER = b"%PDF-1.4\nA letter from inside, kept private.\n" + bytes(range(256))


def _target(tmp_path: Path) -> tuple[dict, object]:
    """Environment for a fresh install beside the test one, and a way to count its rows."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "droplwop.settings.base",
        "DJANGO_SECRET_KEY": "restore-test-key-not-for-production-0123456789",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DROPLWOP_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_STORAGE_ROOT": str(tmp_path / "private"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    if connection.vendor == "sqlite":
        path = tmp_path / "var" / "droplwop.sqlite3"

        def count(table):
            with sqlite3.connect(path) as db:
                return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608

        return env, count
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    server = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"]}
    server["password"] = params["PASSWORD"] or None
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{server['host']}:"
        f"{server['port']}/{name}"
    )

    def count(table):
        with psycopg.connect(dbname=name, **server) as db:
            return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608

    return env, count


def _restore(env, archive, *extra):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore", str(archive), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_of_the_demo_restores_into_an_empty_database(demo, tmp_path):
    saved = storages["private"].save("cases/documents/letter.pdf", ContentFile(LETTER))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    env, count = _target(tmp_path / "restored")

    done = _restore(env, archive)

    assert done.returncode == 0, done.stderr
    source = database.row_counts()
    assert source["wagtailcore_page"] > 0 and source["petitions_petition"] > 0
    assert {table: count(table) for table in source} == source
    restored = tmp_path / "restored" / "private" / saved
    assert restored.read_bytes() == LETTER


def test_restore_refuses_a_database_that_is_not_empty(demo, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    pages = database.row_counts()["wagtailcore_page"]

    with pytest.raises(CommandError, match=r"is not empty .* pass --force"):
        call_command("restore", str(archive))

    assert database.row_counts()["wagtailcore_page"] == pages


def test_restore_refuses_a_damaged_archive_before_touching_anything(demo, tmp_path):
    storages["private"].save("cases/documents/letter.pdf", ContentFile(LETTER))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    letter = next((unpacked / "private" / "cases" / "documents").iterdir())
    letter.write_bytes(LETTER.replace(b"private", b"altered"))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for part in sorted(unpacked.iterdir()):
            tar.add(part, arcname=part.name)
    env, count = _target(tmp_path / "restored")

    done = _restore(env, damaged)

    assert done.returncode == 1
    assert "The private files in" in done.stderr and "damaged" in done.stderr
    assert not (tmp_path / "restored" / "private").exists()
