"""Signing at viral scale: signatures/s, latency, acknowledged vs stored, a flood, and kill -9.

    .venv/bin/python bench/sign.py [--total 3000] [--concurrency 50] [--only sqlite|postgres]

For each database it starts the production server (bench/harness.py: the README's setup, debug
off, behind-a-proxy on) and the Procfile's task worker, with DROPLWOP_BENCH_VIEWS=1, which adds
a bare view inserting one row per POST. From this process on 127.0.0.1 (bench/loadgen.py) it:
1. posts distinct signatures to the campaign petition's form at 50 concurrent, with the form's
   real Origin, and counts the acknowledged ones (303 to "thanks/signed/"). It does so twice:
   behind the proxy (reused connections, each signer's own address in X-Forwarded-For, as the
   README's Caddy or nginx talks to the server), then with a new connection per signer from
   its own loopback address;
2. posts the same number of rows to the bare insert view the same ways, and prints the ratio;
3. prints the CPU each part used per request (server, task worker, this generator);
4. checks every acknowledged signature is in the database once and the public count matches;
5. sends a 10,000-POST flood from one address while other people sign, and prints their latency;
6. kills the server with SIGKILL in the middle of a signing run and checks that every
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

from bench import loadgen  # noqa: E402
from bench.cpu import CpuMeter, tree  # noqa: E402
from bench.harness import PYTHON, ROOT, production_server  # noqa: E402

PG_URL = os.environ.get(
    "BENCH_SIGN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dl_bench_sign"
)
MODES = {"behind the proxy": True, "new connection each": False}
# Each signer's own loopback address: 127.2.0.1 upwards through 127.255.255.254, then again
# from the start (16 million apart). The first version ran 127.0.a.b past a = 255: once the kill
# -9 run's refused connections had used up the valid ones, every new connection asked the
# resolver for "127.0.256.1" and waited on it, and a whole run stalled for two minutes.
_addresses = itertools.cycle(
    f"127.{a}.{b}.{c}" for a in range(2, 256) for b in range(256) for c in range(1, 255)
)
_address_lock = threading.Lock()


def next_address() -> str:
    with _address_lock:
        return next(_addresses)


def _proxy_headers(address: str, via_proxy: bool) -> dict:
    return {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"} if via_proxy else {}


def signer(port, page_id, tag, *, via_proxy=True):
    """Distinct people signing, each from an address of their own."""
    host = f"127.0.0.1:{port}"
    path = f"/en/petitions/sign/{page_id}/"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://{host}",
        "Referer": f"http://{host}/en/petitions/commute-all-lwop/?utm_source=bench",
    }

    def make(i):
        email = f"bench-{tag}-{i}@gmail.com"
        body = urlencode(
            {"first_name": "José", "last_name": "Nguyễn", "email": email, "zip_code": "94110"}
        ).encode()
        address = next_address()
        raw = loadgen.build("POST", path, host, headers | _proxy_headers(address, via_proxy), body)
        return loadgen.Request(raw, email, 303, "thanks/signed/", None if via_proxy else address)

    return make


def bare(port, tag, *, via_proxy=True):
    host = f"127.0.0.1:{port}"

    def make(i):
        email = f"bare-{tag}-{i}@gmail.com"
        address = next_address()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode({"email": email}).encode()
        raw = loadgen.build(
            "POST",
            "/petitions/bench/insert/",
            host,
            headers | _proxy_headers(address, via_proxy),
            body,
        )
        return loadgen.Request(raw, email, 200, "", None if via_proxy else address)

    return make


def flooder(port, page_id, tag):
    """One address, a new email each time: what the per-address limit is for."""
    host = f"127.0.0.1:{port}"
    path = f"/en/petitions/sign/{page_id}/"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{host}"}
    headers |= _proxy_headers("127.1.0.1", True)

    def make(i):
        body = urlencode(
            {
                "first_name": "Bot",
                "last_name": "Bot",
                "email": f"bot-{tag}-{i}@gmail.com",
                "zip_code": "94110",
            }
        ).encode()
        return loadgen.Request(loadgen.build("POST", path, host, headers, body), f"bot-{i}", 429)

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
        """Submissions waiting to be filed (core.deferred), failed ones aside."""
        return self.rows("SELECT COUNT(*) FROM core_pendingsubmission WHERE failed_at IS NULL")[0][
            0
        ]

    def wait_until_filed(self, label, timeout=300, quiet=False):
        """The form acknowledges a signature once it is stored as pending; the worker files it
        (supporter, signature, count) moments later. Wait for that, and say how long it took."""
        started = time.monotonic()
        waiting = self.pending()
        while waiting and time.monotonic() - started < timeout:
            time.sleep(0.2)
            waiting = self.pending()
        if quiet:
            return
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
    os.environ["DJANGO_BEHIND_PROXY"] = "1"
    with production_server(database_url=url, workers=args.workers, threads=args.threads) as (
        base,
        env,
        process,
    ):
        port = int(base.rsplit(":", 1)[1])
        # The Procfile's worker: it files the signatures the form acknowledged.
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            return _bench_with_server(label, args, port, env, process, url, worker)
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def _create_bare_table(env):
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


def _bench_with_server(label, args, port, env, process, url, worker):
    db = Database(url, env["DROPLWOP_VAR_DIR"])
    _create_bare_table(env)
    page_id = find_page(port)
    petition_id = db.rows(
        "SELECT petition_id FROM petitions_petitionpage WHERE page_ptr_id = ?", (page_id,)
    )[0][0]
    conc = args.concurrency
    loadgen.run(port, signer(port, page_id, f"{label}-warm"), total=300, concurrency=conc)
    loadgen.run(port, bare(port, f"{label}-warm"), total=300, concurrency=conc)
    db.wait_until_filed("warm-up", quiet=True)

    ok = True
    for mode, via_proxy in MODES.items():
        print(f"-- {mode}")
        with CpuMeter(process.pid, worker.pid, postgres=bool(url)) as bare_cpu:
            bare_result, _ = loadgen.run(
                port,
                bare(port, f"{label}-{mode}", via_proxy=via_proxy),
                total=args.total,
                concurrency=conc,
                keep_alive=via_proxy,
            )
        tag = f"{label}-main-{via_proxy:d}"
        with CpuMeter(process.pid, worker.pid, postgres=bool(url)) as sign_cpu:
            sign_result, acknowledged = loadgen.run(
                port,
                signer(port, page_id, tag, via_proxy=via_proxy),
                total=args.total,
                concurrency=conc,
                keep_alive=via_proxy,
            )
            db.wait_until_filed("signatures")
        print(bare_result.line("bare insert view"))
        print(bare_cpu.line(bare_result.count))
        print(sign_result.line("sign petition (form)"))
        print(sign_cpu.line(sign_result.count) + " (task worker: until all are filed)")
        ratio = sign_result.rps / bare_result.rps if bare_result.rps else 0
        print(f"  ratio sign / bare insert: {ratio:.0%}")
        ok = check(db, f"bench-{tag}-", acknowledged, "signatures") and ok
    ok = counts_agree(db, petition_id) and ok
    ok = _flood(label, port, page_id, db) and ok
    ok = (
        kill_mid_run(
            args,
            port,
            process,
            signer(port, page_id, f"{label}-kill"),
            db,
            lambda acked: check(db, f"bench-{label}-kill-", acked, "after kill -9"),
        )
        and ok
    )
    print(f"  {label}: {'PASS' if ok else 'FAIL'} (every acknowledged signature stored once)")
    return ok


def _flood(label, port, page_id, db):
    """A flood from one address next to real signers (all behind the proxy)."""
    flood_out = {}

    def flood():
        flood_out["result"] = loadgen.run(
            port, flooder(port, page_id, label), total=10_000, concurrency=25, max_seconds=120
        )

    quiet, _ = loadgen.run(
        port, signer(port, page_id, f"{label}-quiet"), total=1000, concurrency=25
    )
    db.wait_until_filed("quiet run", quiet=True)
    thread = threading.Thread(target=flood)
    thread.start()
    time.sleep(0.3)
    during, _ = loadgen.run(
        port, signer(port, page_id, f"{label}-during"), total=1000, concurrency=25
    )
    thread.join()
    db.wait_until_filed("flood run", quiet=True)
    flood_result, _ = flood_out["result"]
    bots_stored = len(db.stored(f"bot-{label}-"))
    print(flood_result.line("flood, refused with 429"))
    print(
        f"  flood: {flood_result.count + flood_result.errors} POSTs from one address, {bots_stored} stored"
    )
    print(quiet.line("signers, no flood (25 conc)"))
    print(during.line("signers during the flood"))
    return bots_stored <= 30


def kill_mid_run(args, port, process, client, db, stored_once):
    """kill -9 of the server (and its workers) two seconds into a run of `client`'s requests;
    once the task worker has filed what waits, `stored_once(acknowledged)` says whether every
    acknowledged submission is stored exactly once. Shared by every form's bench."""
    stop = threading.Event()
    out = {}

    def runner():
        out["r"] = loadgen.run(
            port, client, total=100_000, concurrency=args.concurrency, max_seconds=60, stop=stop
        )

    thread = threading.Thread(target=runner)
    thread.start()
    time.sleep(2.0)
    pids = tree(process.pid)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()
    time.sleep(1.0)
    stop.set()
    thread.join()
    _, acknowledged = out["r"]
    print(f"  kill -9 after 2 s: server pid {process.pid} and {len(pids) - 1} workers killed")
    db.wait_until_filed("after kill -9")
    return stored_once(acknowledged)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=3000)
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
