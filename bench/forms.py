"""List signups, support letters and walk-a-thon pledges at 50 concurrent, each against the bare insert view in the
same run, then kill -9 in the middle of a letter run.

    .venv/bin/python bench/forms.py [--total 1000] [--concurrency 50] [--only sqlite|postgres]
                                    [--form signups|letters|pledges]

Both forms take one pending row (core.deferred) and the Procfile's task worker files them in
batches; the script waits for the worker to drain the queue, then checks every acknowledged
(302, or 303 for a pledge) submission is stored once. The server, worker, bare view, database checks and
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
    "BENCH_FORMS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dl_bench_forms"
)
CASE_PATH = "/en/bring-teresa-home/"
SIGNUP_PATH = "/en/supporters/signup/"
WALKER_PATH = "/en/walk-for-life/walkers/miguel/"


def _get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    cookie = response.getheader("Set-Cookie") or ""
    conn.close()
    return html, cookie


def _poster(port, path, fields, cookie="", status=302):
    host = f"127.0.0.1:{port}"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{host}"}
    if cookie:
        # Django's CSRF check compares the origin with the scheme the proxy says it served.
        origin = f"https://{host}"
        headers |= {"Origin": origin, "Cookie": cookie, "Referer": origin + CASE_PATH}

    def make(i, tag):
        n = i - 1 if i % 10 == 9 else i
        email = f"bench-{tag}-{n}@gmail.com"
        body = urlencode(fields(n, email)).encode()
        raw = loadgen.build(
            "POST", path, host, headers | sign._proxy_headers(sign.next_address(), True), body
        )
        return loadgen.Request(raw, email, status)

    return make


def signup_form(port):
    html, _ = _get(port, SIGNUP_PATH)
    lists = re.findall(r'name="lists" value="(\d+)"', html)

    def fields(n, email):
        chosen = lists[: 1 + n % len(lists)]
        return [("first_name", f"Bench {n}"), ("email", email), ("language", "en"),
                ("website", ""), *[("lists", value) for value in chosen]]  # fmt: skip

    return _poster(port, SIGNUP_PATH, fields)


def letter_form(port):
    html, cookie = _get(port, CASE_PATH)
    action = re.search(r'action="(/en/cases/letters/\d+/)"', html).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = re.search(r"(csrftoken=[^;]+)", cookie).group(1)

    def fields(n, email):
        return [("csrfmiddlewaretoken", token), ("writer_name", f"Bench Writer {n}"),
                ("email", email), ("relationship", "other"), ("city", "Fresno"),
                ("how_known", "We met at work."), ("body", f"Letter {n}: bring her home."),
                ("include_in_packet", "on"), ("website", "")]  # fmt: skip

    return _poster(port, action, fields, csrf_cookie)


def pledge_form(port):
    html, _ = _get(port, WALKER_PATH)
    action = re.search(r'action="(/en/donate/pledge/\d+/miguel/)"', html).group(1)

    def fields(n, email):
        return [("kind", "per_lap"), ("rate", str(1 + n % 5)), ("cap", ""),
                ("first_name", f"Bench {n}"), ("last_name", ""), ("email", email),
                ("website", "")]  # fmt: skip

    return _poster(port, action, fields, status=303)


TABLES = {
    "signups": "SELECT s.email, COUNT(*) FROM supporters_supporter s WHERE s.email LIKE ? "
    "GROUP BY s.email",
    "pledges": "SELECT s.email, COUNT(*) FROM donations_pledge p JOIN supporters_supporter s "
    "ON s.id = p.supporter_id WHERE s.email LIKE ? GROUP BY s.email",
    "letters": "SELECT s.email, COUNT(*) FROM cases_supportletter l JOIN supporters_supporter s "
    "ON s.id = l.supporter_id WHERE s.email LIKE ? GROUP BY s.email",
}


def check(db, what, prefix, acknowledged, label):
    stored = dict(db.rows(TABLES[what], (prefix + "%",)))
    distinct = set(acknowledged)
    missing = [e for e in distinct if e not in stored]
    doubled = [e for e, n in stored.items() if n > 1]
    print(
        f"  {label}: acknowledged {len(acknowledged)} ({len(distinct)} distinct emails), "
        f"stored {len(stored)}, acknowledged but missing {len(missing)}, stored twice {len(doubled)}"
    )
    return bool(acknowledged) and not missing and not doubled


def bench_database(label, url, args):
    print(f"\n== {label} ==")
    os.environ["DROPLWOP_BENCH_VIEWS"] = "1"
    os.environ["DJANGO_BEHIND_PROXY"] = "1"
    os.environ["FORM_LIMIT_SUPPORTERS_SIGNUP"] = "1000000/600"
    os.environ["FORM_LIMIT_CASES_LETTER"] = "1000000/600"
    os.environ["FORM_LIMIT_DONATIONS_PLEDGE"] = "1000000/600"
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
            return _bench(label, args, port, env, process)
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def _bench(label, args, port, env, process):
    db = sign.Database(None if label == "sqlite" else PG_URL, env["DROPLWOP_VAR_DIR"])
    sign._create_bare_table(env)
    conc, ok = args.concurrency, True
    forms = {
        "signups": signup_form(port),
        "letters": letter_form(port),
        "pledges": pledge_form(port),
    }
    for what, make in forms.items():
        if args.form not in (None, what):
            continue
        tag = f"{label}-{what}"
        warm = f"{label}-warm{what}"
        loadgen.run(port, lambda i, m=make, w=warm: m(i, w), total=100, concurrency=conc)
        db.wait_until_filed("warm-up", quiet=True)
        bare, _ = loadgen.run(port, sign.bare(port, tag), total=args.total, concurrency=conc)
        result, acknowledged = loadgen.run(
            port, lambda i, m=make, t=tag: m(i, t), total=args.total, concurrency=conc
        )
        db.wait_until_filed(what)
        print(bare.line("bare insert view"))
        print(result.line(f"{what} (form)"))
        print(f"  ratio {what} / bare insert: {result.rps / bare.rps if bare.rps else 0:.0%}")
        ok = check(db, what, f"bench-{tag}-", acknowledged, what) and ok
    make_letter = forms["letters"]
    ok = (
        sign.kill_mid_run(
            args,
            port,
            process,
            lambda i: make_letter(i, f"{label}-kill"),
            db,
            lambda acked: check(db, "letters", f"bench-{label}-kill-", acked, "after kill -9"),
        )
        and ok
    )
    print(f"  {label}: {'PASS' if ok else 'FAIL'} (every acknowledged submission stored once)")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--form", choices=list(TABLES))
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
