"""Signing at viral scale: signatures/s, latency, acknowledged vs stored, a flood, and kill -9.

    .venv/bin/python bench/sign.py [--total 3000] [--concurrency 50] [--only sqlite|postgres]

For each database it starts the production server (gunicorn, debug off; bench/harness.py) with
DROPLWOP_BENCH_VIEWS=1, which adds a bare view inserting one row per POST, and from this
process on 127.0.0.1 it:
1. posts distinct signatures to the campaign petition's form at 50 concurrent, each from its own
   loopback address (127.0.x.y, a new connection per signer, as separate people arrive), with the
   form's real Origin, and counts the acknowledged ones (303 to "thanks/signed/");
2. posts the same number of rows to the bare insert view the same way, and prints the ratio;
3. checks every acknowledged signature is in the database once and the public count matches;
4. sends a 10,000-POST flood from one address while other people sign, and prints their latency;
5. kills the server with SIGKILL in the middle of a signing run and checks that every
   acknowledged signature survived.
"""

import argparse
import http.client
import itertools
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PYTHON, ROOT, Result, production_server  # noqa: E402

PG_URL = "postgres://postgres@127.0.0.1:5432/dl_bench_sign"
_addresses = (f"127.0.{a}.{b}" for a in itertools.count(1) for b in range(1, 255))
_address_lock = threading.Lock()


def next_address() -> str:
    with _address_lock:
        return next(_addresses)


def post(port, path, body: bytes, headers, source=None, timeout=30):
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        conn.close()


def run(port, make, *, total, concurrency, max_seconds=120, stop=None):
    """make(i) -> (path, body, headers, source, key). Returns (Result, acknowledged keys)."""
    counter = iter(range(total))
    lock = threading.Lock()
    latencies, acknowledged = [], []
    errors = 0
    deadline = time.monotonic() + max_seconds

    def worker():
        nonlocal errors
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            with lock:
                i = next(counter, None)
            if i is None:
                return
            path, body, headers, source, key, ok_status = make(i)
            started = time.perf_counter()
            try:
                status, location = post(port, path, body, headers, source)
                ok = status == ok_status and (status != 303 or location.endswith("thanks/signed/"))
            except (OSError, http.client.HTTPException):
                ok = False
            took = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(took)
                    acknowledged.append(key)
                else:
                    errors += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(latencies, errors, time.monotonic() - started), acknowledged


def signer(port, page_id, origin, tag):
    path = f"/en/petitions/sign/{page_id}/"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": origin,
        "Referer": f"{origin}/en/petitions/commute-all-lwop/?utm_source=bench",
    }

    def make(i):
        email = f"bench-{tag}-{i}@gmail.com"
        body = urlencode(
            {"first_name": "José", "last_name": "Nguyễn", "email": email, "zip_code": "94110"}
        ).encode()
        return path, body, headers, next_address(), email, 303

    return make


def bare(tag):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    def make(i):
        email = f"bare-{tag}-{i}@gmail.com"
        return (
            "/petitions/bench/insert/",
            urlencode({"email": email}).encode(),
            headers,
            next_address(),
            email,
            200,
        )

    return make


class Database:
    def __init__(self, url, workdir):
        self.url = url
        self.path = Path(workdir) / "droplwop.sqlite3"

    def rows(self, sql, params=()):
        if self.url:
            import psycopg

            with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as conn:
                return conn.execute(sql.replace("?", "%s"), params).fetchall()
        with sqlite3.connect(self.path, timeout=30) as conn:
            return conn.execute(sql, params).fetchall()

    def pending(self):
        return self.rows("SELECT COUNT(*) FROM petitions_pendingsignature")[0][0]

    def wait_until_filed(self, label, timeout=300):
        """The form acknowledges a signature once it is stored as pending; the worker files it
        (supporter, signature, count) moments later. Wait for that, and say how long it took."""
        started = time.monotonic()
        waiting = self.pending()
        while waiting and time.monotonic() - started < timeout:
            time.sleep(0.2)
            waiting = self.pending()
        print(
            f"  {label}: filed by the worker {time.monotonic() - started:.1f} s after the last answer"
            f" ({waiting} still pending)"
        )

    def stored(self, prefix):
        rows = self.rows(
            "SELECT s.email, COUNT(*) FROM petitions_signature g JOIN supporters_supporter s "
            "ON s.id = g.supporter_id WHERE s.email LIKE ? GROUP BY s.email",
            (prefix + "%",),
        )
        return dict(rows)


def check(db, prefix, acknowledged, label):
    stored = db.stored(prefix)
    missing = [e for e in acknowledged if e not in stored]
    doubled = [e for e, n in stored.items() if n > 1]
    print(
        f"  {label}: acknowledged {len(acknowledged)}, stored {len(stored)}, "
        f"acknowledged but missing {len(missing)}, stored twice {len(doubled)}"
    )
    return not missing and not doubled


def counts_agree(db, petition_id):
    counted = db.rows(
        "SELECT COALESCE(SUM(count), 0) FROM petitions_petitioncounter WHERE petition_id = ?",
        (petition_id,),
    )[0][0]
    confirmed = db.rows(
        "SELECT COUNT(*) FROM petitions_signature WHERE petition_id = ? AND confirmed_at IS NOT NULL",
        (petition_id,),
    )[0][0]
    print(f"  counter rows say {counted}, confirmed signature rows {confirmed}")
    return counted == confirmed


def find_page(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/en/petitions/commute-all-lwop/")
    html = conn.getresponse().read().decode()
    conn.close()
    page_id = int(re.search(r'action="/en/petitions/sign/(\d+)/"', html).group(1))
    return page_id


def bench_database(label, url, args):
    print(f"\n== {label} ==")
    os.environ["DROPLWOP_BENCH_VIEWS"] = "1"
    with production_server(database_url=url, workers=args.workers, threads=args.threads) as (
        base,
        env,
        process,
    ):
        port = int(base.rsplit(":", 1)[1])
        origin = f"http://127.0.0.1:{port}"
        workdir = env["DROPLWOP_VAR_DIR"]
        # The Procfile's worker: it files the signatures the form acknowledged.
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            return _bench_with_server(label, args, port, origin, env, process, workdir, url)
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def _bench_with_server(label, args, port, origin, env, process, workdir, url):
    db = Database(url, workdir)
    subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection; from droplwop.petitions.bench_views import create_table_sql; "
            "connection.cursor().execute(create_table_sql(connection.vendor))",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    page_id = find_page(port)
    petition_id = db.rows(
        "SELECT petition_id FROM petitions_petitionpage WHERE page_ptr_id = ?", (page_id,)
    )[0][0]
    run(
        port,
        signer(port, page_id, origin, f"{label}-warm"),
        total=200,
        concurrency=args.concurrency,
    )
    run(port, bare(f"{label}-warm"), total=200, concurrency=args.concurrency)

    bare_result, _ = run(port, bare(label), total=args.total, concurrency=args.concurrency)
    sign_result, acknowledged = run(
        port,
        signer(port, page_id, origin, f"{label}-main"),
        total=args.total,
        concurrency=args.concurrency,
    )
    print(bare_result.line("bare insert view"))
    print(sign_result.line("sign petition (form)"))
    ratio = sign_result.rps / bare_result.rps if bare_result.rps else 0
    print(f"  ratio sign / bare insert: {ratio:.0%}")
    db.wait_until_filed("signatures")
    ok = check(db, f"bench-{label}-main-", acknowledged, "signatures") and counts_agree(
        db, petition_id
    )

    # A flood from one address next to real signers.
    flood_path = f"/en/petitions/sign/{page_id}/"
    flood_headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}

    def flood_make(i):
        body = urlencode(
            {
                "first_name": "Bot",
                "last_name": "Bot",
                "email": f"bot-{label}-{i}@gmail.com",
                "zip_code": "94110",
            }
        ).encode()
        return flood_path, body, flood_headers, "127.1.0.1", f"bot-{label}-{i}", 429

    stop = threading.Event()
    flood_out = {}

    def flood():
        flood_out["result"] = run(port, flood_make, total=10_000, concurrency=25, max_seconds=120)

    quiet, _ = run(port, signer(port, page_id, origin, f"{label}-quiet"), total=500, concurrency=25)
    flooder = threading.Thread(target=flood)
    flooder.start()
    time.sleep(0.3)
    during, _ = run(
        port, signer(port, page_id, origin, f"{label}-during"), total=500, concurrency=25
    )
    flooder.join()
    stop.set()
    db.wait_until_filed("flood run")
    flood_result, _ = flood_out["result"]
    bots_stored = len(db.stored(f"bot-{label}-"))
    print(flood_result.line("flood, refused with 429"))
    print(
        f"  flood: {flood_result.count + flood_result.errors} POSTs from one address, {bots_stored} stored"
    )
    print(quiet.line("signers, no flood (25 conc)"))
    print(during.line("signers during the flood"))

    # kill -9 in the middle of a run.
    kill_stop = threading.Event()
    kill_out = {}

    def killer_run():
        kill_out["r"] = run(
            port,
            signer(port, page_id, origin, f"{label}-kill"),
            total=100_000,
            concurrency=args.concurrency,
            max_seconds=60,
            stop=kill_stop,
        )

    runner = threading.Thread(target=killer_run)
    runner.start()
    time.sleep(2.0)
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    os.kill(process.pid, signal.SIGKILL)
    for child in children:
        try:
            os.kill(int(child), signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()
    time.sleep(1.0)
    kill_stop.set()
    runner.join()
    _, killed_ack = kill_out["r"]
    print(f"  kill -9 after 2 s: server pid {process.pid} and {len(children)} workers killed")
    db.wait_until_filed("after kill -9")
    ok = check(db, f"bench-{label}-kill-", killed_ack, "after kill -9") and ok
    print(f"  {label}: {'PASS' if ok else 'FAIL'} (every acknowledged signature stored once)")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
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
