"""The backup archive: a gzipped tar holding manifest.json, the database dump, media/ and
private/. The manifest names each part with its SHA-256, so a restore checks every byte before
it touches anything."""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.core.management.base import CommandError

FORMAT = 1
MANIFEST = "manifest.json"
FILE_PARTS = ("media", "private")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def files_under(root: Path) -> dict[str, str]:
    """Every regular file below `root` (relative path -> SHA-256); none when it does not exist."""
    if not root.is_dir():
        return {}
    found = {}
    for directory, _, names in os.walk(root):
        for name in names:
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(root).as_posix()] = sha256_of(path)
    return dict(sorted(found.items()))


def part_checksum(files: dict[str, str]) -> str:
    """One checksum for a folder: over each file's path and checksum, in order."""
    listing = "".join(f"{digest}  {name}\n" for name, digest in files.items())
    return hashlib.sha256(listing.encode()).hexdigest()


def write(target: Path, *, manifest: dict, dump: Path, dump_name: str, roots: dict) -> None:
    """Write the archive to `target` (readable by its owner only), via a temporary file so that
    a half-written archive never carries the final name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=".backup-", dir=target.parent)
    os.close(handle)
    os.chmod(partial, 0o600)
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, fileobj=io.BytesIO(data))
            tar.add(dump, arcname=dump_name)
            for part in FILE_PARTS:
                for name in manifest["parts"][part]["files"]:
                    tar.add(roots[part] / name, arcname=f"{part}/{name}")
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def extract(archive: Path, into: Path) -> dict:
    """Unpack the archive into `into` and return its manifest, once every part's checksum
    matches; refuse anything else with a message that says what is wrong."""
    if not archive.is_file():
        raise CommandError(f"No archive at {archive}.")
    try:
        with tarfile.open(archive, "r:*") as tar:
            # "data": no absolute paths, no links out, no devices (PEP 706).
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise CommandError(f"{archive} is not a readable backup archive: {error}") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"{archive} has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise CommandError(f"{archive} is in backup format {manifest.get('format')}, not {FORMAT}.")
    database = manifest["parts"]["database"]
    dumped = into / database["file"]
    if not dumped.is_file() or sha256_of(dumped) != database["sha256"]:
        raise CommandError(f"The database dump in {archive} is damaged (checksum differs).")
    for part in FILE_PARTS:
        found = files_under(into / part)
        expected = manifest["parts"][part]
        if found != expected["files"] or part_checksum(found) != expected["sha256"]:
            damaged = sorted(set(found.items()) ^ set(expected["files"].items()))
            names = ", ".join(sorted({name for name, _ in damaged})[:5])
            raise CommandError(f"The {part} files in {archive} are damaged or missing: {names}.")
    return manifest
