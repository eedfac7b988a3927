"""Registrations for one popular event (Strategy Week) at 50 concurrent, against the bare insert
view in the same run, then kill -9 in the middle of a run.

    .venv/bin/python bench/rsvp.py [--total 1500] [--concurrency 50] [--only sqlite|postgres]

The form takes a registration as one pending row (core.deferred) and the Procfile's task worker
files them in batches; the script waits for the worker to drain the queue, then checks every
acknowledged (302) registration is stored once. Every 10th request repeats an earlier email,
as a double click or a second visit does. The server, worker, bare view, database checks and
kill -9 are bench/sign.py's.
"""

import argparse
import http.client
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import loadgen, sign  # noqa: E402
from bench.harness import PYTHON, ROOT, production_server  # noqa: E402

PG_URL = os.environ.get(
    "BENCH_RSVP_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dl_bench_rsvp"
)
EVENT_PATH = "/en/events/strategy-week/"


def find_form(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", EVENT_PATH)
    html = conn.getresponse().read().decode()
    conn.close()
    action = re.search(r'action="(/en/events/register/\d+/)"', html).group(1)
    return action, re.findall(r'name="sessions" value="(\d+)"', html)


def registrant(port, action, sessions, tag):
    """Distinct people registering behind the proxy, each from an address of their own."""
    host = f"127.0.0.1:{port}"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{host}"}

    def make(i):
        n = i - 1 if i % 10 == 9 else i
        email = f"bench-{tag}-{n}@gmail.com"
        chosen = sessions[: 1 + n % len(sessions)] if sessions else []
        body = urlencode(
            [
                ("first_name", f"Bench {n}"),
                ("email", email),
                ("language", "en" if n % 3 else "es"),
                ("website", ""),
                *[("sessions", s) for s in chosen],
            ]
        ).encode()
        address = sign.next_address()
        raw = loadgen.build(
            "POST", action, host, headers | sign._proxy_headers(address, True), body
        )
        return loadgen.Request(raw, email, 302)

    return make


def check(db, prefix, acknowledged, label):
    stored = dict(
        db.rows(
            "SELECT s.email, COUNT(*) FROM events_registration r JOIN supporters_supporter s "
            "ON s.id = r.supporter_id WHERE s.email LIKE ? GROUP BY s.email",
            (prefix + "%",),
        )
    )
    distinct = set(acknowledged)
    missing = [e for e in distinct if e not in stored]
    doubled = [e for e, n in stored.items() if n > 1]
    print(
        f"  {label}: acknowledged {len(acknowledged)} ({len(distinct)} distinct emails), "
        f"stored {len(stored)}, acknowledged but missing {len(missing)}, stored twice {len(doubled)}"
    )
    return not missing and not doubled


def bench_database(label, url, args):
    print(f"\n== {label} ==")
    os.environ["DROPLWOP_BENCH_VIEWS"] = "1"
    os.environ["DJANGO_BEHIND_PROXY"] = "1"
    os.environ["FORM_LIMIT_EVENTS_REGISTER"] = "1000000/600"
    with production_server(database_url=url, workers=args.workers, threads=args.threads) as (
        base,
        env,
        process,
    ):
        port = int(base.rsplit(":", 1)[1])
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            return _bench(label, args, port, env, process, url)
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def _bench(label, args, port, env, process, url):
    db = sign.Database(url, env["DROPLWOP_VAR_DIR"])
    sign._create_bare_table(env)
    action, sessions = find_form(port)
    conc = args.concurrency
    loadgen.run(
        port, registrant(port, action, sessions, f"{label}-warm"), total=200, concurrency=conc
    )
    loadgen.run(port, sign.bare(port, f"{label}-warm"), total=200, concurrency=conc)
    db.wait_until_filed("warm-up", quiet=True)
    bare_result, _ = loadgen.run(port, sign.bare(port, label), total=args.total, concurrency=conc)
    tag = f"{label}-main"
    result, acknowledged = loadgen.run(
        port, registrant(port, action, sessions, tag), total=args.total, concurrency=conc
    )
    db.wait_until_filed("registrations")
    print(bare_result.line("bare insert view"))
    print(result.line("register (form)"))
    ratio = result.rps / bare_result.rps if bare_result.rps else 0
    print(f"  ratio register / bare insert: {ratio:.0%}")
    ok = check(db, f"bench-{tag}-", acknowledged, "registrations")
    ok = (
        sign.kill_mid_run(
            args,
            port,
            process,
            registrant(port, action, sessions, f"{label}-kill"),
            db,
            lambda acked: check(db, f"bench-{label}-kill-", acked, "after kill -9"),
        )
        and ok
    )
    print(f"  {label}: {'PASS' if ok else 'FAIL'} (every acknowledged registration stored once)")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run")
    results = []
    if args.only != "postgres":
        results.append(bench_database("sqlite", None, args))
    if args.only != "sqlite":
        results.append(bench_database("postgres", PG_URL, args))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
