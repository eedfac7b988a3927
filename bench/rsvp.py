"""Registrations for one popular event (Strategy Week) at 50 concurrent, on SQLite and PostgreSQL.

Prints registrations/s and p99, and compares what the server acknowledged (302) with what it
stored: one Registration per distinct email, never a duplicate (every 10th request repeats an
earlier email, as a double click or a second visit does).

    .venv/bin/python bench/rsvp.py            # both databases
    .venv/bin/python bench/rsvp.py sqlite
"""

import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PYTHON, ROOT, load, production_server  # noqa: E402

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/dl_bench_rsvp"
CONCURRENCY = 50
TOTAL = 1500
MAX_SECONDS = 90
EVENT_PATH = "/en/events/strategy-week/"


def _form(base_url):
    # The base URL is the loopback server this script started.
    html = urllib.request.urlopen(base_url + EVENT_PATH, timeout=30).read().decode()  # noqa: S310
    action = re.search(r'action="(/en/events/register/\d+/)"', html).group(1)
    sessions = re.findall(r'name="sessions" value="(\d+)"', html)
    return action, sessions


def _stored(env) -> tuple[int, int]:
    code = (
        "from droplwop.events.models import Registration as R;"
        "from django.db.models import Count;"
        "qs=R.objects.filter(event__slug='strategy-week', supporter__email__startswith='bench-');"
        "print(qs.count(), qs.values('supporter').annotate(n=Count('id')).filter(n__gt=1).count())"
    )
    out = (
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    stored, duplicated = out.split()
    return int(stored), int(duplicated)


def run(name, database_url):
    with production_server(database_url=database_url, workers=2, threads=8) as (base, env, _p):
        action, sessions = _form(base)
        emails = {}

        def make_request(i):
            # Every 10th request repeats the email of the request before it.
            n = i - 1 if i % 10 == 9 else i
            emails[i] = n
            body = urllib.parse.urlencode(
                [
                    ("first_name", f"Bench {n}"),
                    ("email", f"bench-{n}@example.org"),
                    ("language", "en" if n % 3 else "es"),
                    ("website", ""),
                    *[
                        ("sessions", s)
                        for s in (sessions[: 1 + n % len(sessions)] if sessions else [])
                    ],
                ]
            ).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": base,
            }
            return "POST", action, body, headers

        result = load(
            base, make_request, concurrency=CONCURRENCY, total=TOTAL, max_seconds=MAX_SECONDS
        )
        distinct = len({emails[i] for i in emails})
        stored, duplicated = _stored(env)
        print(result.line(f"register {name} x{CONCURRENCY}"))
        print(
            f"  acknowledged {result.count} (of {len(emails)} sent, {distinct} distinct emails)"
            f"  stored {stored}  duplicate rows {duplicated}  errors {result.errors}"
        )


def main():
    which = sys.argv[1:] or ["sqlite", "postgres"]
    import os

    os.environ["FORM_LIMIT_EVENTS_REGISTER"] = "1000000/600"
    if "sqlite" in which:
        run("sqlite", None)
    if "postgres" in which:
        run("postgres", POSTGRES_URL)


if __name__ == "__main__":
    main()
