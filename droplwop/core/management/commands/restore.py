import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from droplwop.core.backups import archive, database
from droplwop.core.management.commands.backup import file_roots


class Command(BaseCommand):
    help = (
        "Load an archive written by `manage.py backup` into an empty install: database, media "
        "and private files. Every part's checksum is checked first, the row counts after."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="ARCHIVE")
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even where the database or the file folders already hold data: the "
            "archive's tables and files replace theirs",
        )

    def handle(self, *args, path: str, force: bool, **options):
        roots = file_roots()
        with tempfile.TemporaryDirectory(prefix="droplwop-restore-") as work:
            unpacked = Path(work)
            manifest = archive.extract(Path(path), unpacked)
            self._check_fits(manifest)
            if not force:
                self._check_empty(roots)
            database.load(
                unpacked / manifest["parts"]["database"]["file"],
                dump_tool=manifest["database"]["dump_tool"],
                replace=force,
            )
            for part, root in roots.items():
                if (unpacked / part).is_dir():
                    shutil.copytree(unpacked / part, root, dirs_exist_ok=True)
        self._check_counts(manifest["row_counts"])
        files = sum(len(manifest["parts"][p]["files"]) for p in archive.FILE_PARTS)
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: "
            f"{sum(manifest['row_counts'].values())} rows in {len(manifest['row_counts'])} "
            f"tables, {files} files; the row counts match the manifest. "
            "Run `manage.py migrate` if this code is newer than the backup."
        )

    def _check_fits(self, manifest: dict) -> None:
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise CommandError(
                f"This archive holds a {vendor} database; this install uses {connection.vendor}. "
                "Set DATABASE_URL to a database of the same kind."
            )
        known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
        unknown = sorted(set(manifest["migrations"]) - known)
        if unknown:
            raise CommandError(
                "This archive was made by a newer version of the platform (its database has "
                f"migrations this code does not know: {', '.join(unknown[:5])}). Install that "
                f"version ({manifest['versions'].get('droplwop')}) first, then restore."
            )

    def _check_empty(self, roots: dict[str, Path]) -> None:
        tables = database.table_names()
        if tables:
            name = connection.settings_dict["NAME"]
            raise CommandError(
                f"The database {name} is not empty ({len(tables)} tables, e.g. {tables[0]}). "
                "restore loads into an empty database only: create a new one and point "
                "DATABASE_URL at it (do not run migrate first), or pass --force to replace "
                "what is there."
            )
        for part, root in roots.items():
            if archive.files_under(root):
                raise CommandError(
                    f"The {part} folder {root} already holds files. restore fills empty folders "
                    "only: empty it or point the setting elsewhere, or pass --force to "
                    "overwrite files of the same name."
                )

    def _check_counts(self, expected: dict[str, int]) -> None:
        found = database.row_counts()
        differing = [
            f"{table}: {count} in the archive, {found.get(table)} here"
            for table, count in expected.items()
            if found.get(table) != count
        ]
        if differing:
            raise CommandError(
                "The restored database does not match the manifest: " + "; ".join(differing[:10])
            )
