"""Benchmark: a 100,000-row Action Network export into a database that already holds 50,000
supporters (half of them in the file too), through the real import code with production
settings on a fresh SQLite database (or PostgreSQL: --database-url).

    .venv/bin/python bench/import.py [--rows 100000] [--existing 50000] [--database-url URL]

Prints the new / updated / invalid counts and the seconds of the import run itself.
"""

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PYTHON, ROOT, manage, reset_postgres, server_env  # noqa: E402

HEADER = [
    "uuid",
    "first_name",
    "last_name",
    "email",
    "can2_phone",
    "can2_user_address",
    "can2_user_city",
    "can2_state_abbreviated",
    "zip_code",
    "country",
    "can2_user_tags",
    "can2_subscription_status",
    "can2_sms_status",
]
FIRST = ["Ana", "Luis", "Maria", "James", "Keisha", "Tran", "Rosa", "David", "Imani", "Jorge"]
LAST = ["Lopez", "Smith", "Nguyen", "Johnson", "Garcia", "Brown", "Hernandez", "Lee"]
TAGS = ["formerly incarcerated", "family member", "organizer", "volunteer", "faith leader"]
STATUSES = ["subscribed"] * 8 + ["unsubscribed", "bouncing"]


def person(n: int, rng: random.Random) -> list[str]:
    zip_code = str(rng.choice([2134, 90012, 94110, 95814, 1002]))
    return [
        f"an-{n:08d}",
        rng.choice(FIRST),
        rng.choice(LAST),
        f"person{n}@example.org",
        f"(213) 555-{n % 10000:04d}",
        f"{n} Main St",
        rng.choice(["Los Angeles", "Oakland", "Sacramento", "Fresno"]),
        "CA",
        zip_code,
        "US",
        ", ".join(rng.sample(TAGS, rng.randint(0, 2))),
        rng.choice(STATUSES),
        "",
    ]


def write_csv(path: Path, numbers, rng, *, invalid_every: int = 0) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i, n in enumerate(numbers):
            row = person(n, rng)
            if invalid_every and i % invalid_every == 0:
                row[3] = f"broken-address-{n}"
            writer.writerow(row)


def run_command(env, csv_path: Path) -> dict:
    out = subprocess.run(
        [PYTHON, "manage.py", "import_supporters", str(csv_path), "--list", "bench", "--json"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--existing", type=int, default=50_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="droplwop-bench-import-"))
    env = server_env(args.database_url, workdir)
    if args.database_url:
        reset_postgres(args.database_url)
    manage(env, "migrate", "--no-input", "-v0")
    subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from droplwop.supporters.models import EmailList;"
            "EmailList.objects.get_or_create(slug='bench', defaults={'name_en':'Bench',"
            "'name_es':'Bench','double_opt_in':False})",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    rng = random.Random(7)
    existing_csv = workdir / "existing.csv"
    # The database's people: numbers 0..existing-1. The file overlaps half of them.
    write_csv(existing_csv, range(args.existing), rng)
    overlap_start = args.existing // 2
    export_csv = workdir / "export.csv"
    write_csv(export_csv, range(overlap_start, overlap_start + args.rows), rng, invalid_every=200)

    started = time.perf_counter()
    seeded = run_command(env, existing_csv)
    print(f"seeded {seeded['new']} existing supporters in {time.perf_counter() - started:.1f} s")

    result = run_command(env, export_csv)
    print(
        f"import of {result['rows']} rows into {seeded['new']} supporters: "
        f"new={result['new']} updated={result['updated']} invalid={result['invalid']} "
        f"dry-run preview {result['preview_seconds']} s, import {result['import_seconds']} s "
        f"wall / {result['import_cpu_seconds']} s CPU of the importing process (target < 15 s)"
    )


if __name__ == "__main__":
    main()
