import platform
import tempfile
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from droplwop.core.backups import archive, database


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_STORAGE_ROOT)}


class Command(BaseCommand):
    help = (
        "Write one archive with the database, the media and the private files, and a manifest "
        "(row counts per table, versions, a checksum of each part). It holds personal data: "
        "keep it encrypted and off this server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="archive path (default: VAR_DIR/backups/droplwop-<UTC time>.tar.gz)",
        )

    def handle(self, *args, output, **options):
        stamp = datetime.now(UTC)
        target = (
            Path(output)
            if output
            else (Path(settings.VAR_DIR) / "backups" / f"droplwop-{stamp:%Y%m%d-%H%M%S}.tar.gz")
        )
        roots = file_roots()
        with tempfile.TemporaryDirectory(prefix="droplwop-backup-") as work:
            dump_name = database.dump_name(connection.vendor)
            dumped = Path(work) / dump_name
            # The database first, then the files: every file a row names was saved before its
            # row, so it is in the archive; a file uploaded meanwhile is only an extra.
            dump_tool, counts = database.dump(dumped)
            parts = {"database": {"file": dump_name, "sha256": archive.sha256_of(dumped)}}
            for part, root in roots.items():
                files = archive.files_under(root)
                parts[part] = {"files": files, "sha256": archive.part_checksum(files)}
            manifest = {
                "format": archive.FORMAT,
                "created_at": stamp.isoformat(),
                "host": platform.node(),
                "database": {
                    "vendor": connection.vendor,
                    "server_version": database.server_version(connection),
                    "dump_tool": dump_tool,
                },
                "versions": {
                    "python": platform.python_version(),
                    **{name: _version(name) for name in ("droplwop", "django", "wagtail")},
                },
                "migrations": database.applied_migrations(),
                "row_counts": counts,
                "parts": parts,
            }
            archive.write(target, manifest=manifest, dump=dumped, dump_name=dump_name, roots=roots)
        files = sum(len(parts[p]["files"]) for p in archive.FILE_PARTS)
        self.stdout.write(
            f"{target}: {sum(counts.values())} rows in {len(counts)} tables, {files} files, "
            f"{target.stat().st_size / 1e6:.1f} MB. It holds personal data: keep it encrypted "
            "and off this server."
        )
