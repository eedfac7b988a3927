"""Two web and two worker processes on one PostgreSQL: throughput, and what a SIGKILL loses.

    .venv/bin/python bench/scale_out.py [--people 20000] [--signatures 2000] [--registrations 600]

One fresh PostgreSQL database (the demo plus `--people` supporters on one list), an SMTP sink on
127.0.0.1 (bench/mail_blast.py's), and three runs of the same mixed load, each at once: signers
on the campaign petition's form (bench/sign.py's), registrations for Strategy Week
(bench/rsvp.py's) and a personalized mailing to every supporter on the list.
1. one granian process and one `db_worker` process: the baseline;
2. two granian processes (each its own port, as two hosts behind a load balancer) and two
   `db_worker` processes: the same load, spread over both;
3. the same as 2, and when a third of the mailing is out, SIGKILL of one granian (master and
   worker) and one `db_worker` (or 40 % into --max-seconds if the mailing is slower); the load balancer then takes the dead web process out (its load
   stops) and the load goes on against the other.
After each run the workers drain (pending signatures filed, the mailing done) and the bench
counts through the ORM what was stored: acknowledged vs stored, duplicates, messages the sink
got twice (and the mailing's per-recipient send log), and the throughput of each part.
"""

import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import loadgen  # noqa: E402
from bench.cpu import tree  # noqa: E402
from bench.harness import (  # noqa: E402
    PYTHON,
    ROOT,
    free_port,
    manage,
    reset_postgres,
    server_command,
    server_env,
    wait_for_port,
    wait_until_serving,
)
from bench.mail_blast import SinkTally, start_workers, stop_workers  # noqa: E402
from bench.rsvp import find_form as event_form  # noqa: E402
from bench.sign import find_page, signer  # noqa: E402

PG_URL = "postgres://postgres@127.0.0.1:5432/dl_bench_scale"


def seed(people: int) -> None:
    from django.db import transaction

    from droplwop.mailings.models import Mailing
    from droplwop.supporters.models import EmailList, Subscription, Supporter

    email_list = EmailList.objects.create(
        slug="bench", name_en="Campaign updates", name_es="Novedades", double_opt_in=False
    )
    for start in range(0, people, 5000):
        with transaction.atomic():
            made = Supporter.objects.bulk_create(
                Supporter(
                    email=f"person{i}@bench.example",
                    first_name=("Ana", "Luis", "Keisha", "Tran")[i % 4],
                    preferred_language="es" if i % 3 == 0 else "en",
                )
                for i in range(start, min(people, start + 5000))
            )
            Subscription.objects.bulk_create(
                Subscription(supporter=s, email_list=email_list, status="subscribed") for s in made
            )
    body = [{"type": "text", "value": "<p>Dear {{ first_name }}, the vote is Tuesday.</p>"}]
    for title in ("one", "two", "kill"):
        Mailing.objects.create(
            title=title,
            subject_en="{{ first_name }}, the vote is Tuesday",
            subject_es="{{ first_name }}, la votación es el martes",
            body_en=body,
            body_es=body,
            email_list=email_list,
        )


def registrant(port: int, action: str, sessions: list[str], tag: str):
    host = f"127.0.0.1:{port}"

    def make(i):
        email = f"reg-{tag}-{i}@example.org"
        body = urllib.parse.urlencode(
            [("first_name", f"Bench {i}"), ("email", email), ("language", "en"), ("website", "")]
            + [("sessions", s) for s in sessions[:1]]
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://{host}",
            "X-Forwarded-For": f"127.3.{i // 250 % 250}.{i % 250 + 1}",
        }
        return loadgen.Request(loadgen.build("POST", action, host, headers, body), email, 302)

    return make


class Web:
    """One granian process (one Python worker) on a port of its own."""

    def __init__(self, env: dict):
        self.port = free_port()
        self.process = subprocess.Popen(
            server_command(self.port, workers=1, threads=6), cwd=ROOT, env=env
        )

    def ready(self) -> "Web":
        wait_for_port(self.port)
        wait_until_serving(f"http://127.0.0.1:{self.port}")
        return self

    def kill(self) -> None:
        for pid in tree(self.process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def pending_signatures() -> int:
    """Signatures acknowledged but not filed yet, in whichever design the petitions app has."""
    from django.apps import apps

    try:
        return apps.get_model("petitions", "PendingSignature").objects.count()
    except LookupError:
        return 0


def stored_by_email(model_path: str, prefix: str) -> dict[str, int]:
    from django.apps import apps
    from django.db.models import Count

    model = apps.get_model(*model_path.split("."))
    rows = (
        model.objects.filter(supporter__email__startswith=prefix)
        .values_list("supporter__email")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def drain_signatures(prefix: str, timeout: float = 300) -> float:
    """Wait until no signature waits and the stored count has not moved for 3 s."""
    started = time.monotonic()
    last, since = -1, time.monotonic()
    while time.monotonic() - started < timeout:
        stored = len(stored_by_email("petitions.Signature", prefix))
        if stored != last:
            last, since = stored, time.monotonic()
        if pending_signatures() == 0 and time.monotonic() - since > 3:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def mailing_state(mailing_id: int) -> tuple[str, dict]:
    from django.db.models import Count

    from droplwop.mailings.models import Mailing, Send

    status = Mailing.objects.get(pk=mailing_id).status
    sends = Send.objects.filter(mailing_id=mailing_id).values_list("status").annotate(n=Count("pk"))
    return status, dict(sends)


def wait_mailing(tally: SinkTally, mailing_id: int, recipients: int, timeout: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if tally.refresh().per_mailing[str(mailing_id)] >= recipients:
            break
        if mailing_state(mailing_id)[0] != "sending":
            time.sleep(1.0)
            break
        time.sleep(0.5)


def run_phase(name, env, tally, args, *, webs: int, workers: int, mailing: str, kill=False):
    from droplwop.mailings.models import Mailing
    from droplwop.mailings.services import start_mailing

    print(f"\n== {name}: {webs} granian + {workers} db_worker, load average {os.getloadavg()}")
    servers = [Web(env) for _ in range(webs)]
    tasks = start_workers(env, workers)
    out: dict = collections.defaultdict(list)
    try:
        for server in servers:
            server.ready()
        page_id = find_page(servers[0].port)
        action, sessions = event_form(servers[0].port)
        tag = name.split(":")[0]
        mailing_obj = Mailing.objects.get(title=mailing)
        recipients = start_mailing(mailing=mailing_obj)
        stops = [threading.Event() for _ in servers]
        # In the kill run the load goes on until the mailing is done (or --max-seconds), so the
        # web process dies in the middle of it.
        scale = 100 if kill else 1

        def drive(kind, index, make, total, concurrency):
            result, acknowledged = loadgen.run(
                servers[index].port,
                make,
                total=total,
                concurrency=concurrency,
                max_seconds=args.max_seconds,
                stop=stops[index],
            )
            out[kind].append((result, acknowledged))

        threads = []
        for index, server in enumerate(servers):
            sign = signer(server.port, page_id, f"{tag}-{index}")
            register = registrant(server.port, action, sessions, f"{tag}-{index}")
            for kind, make, total, conc in (
                ("sign", sign, args.signatures * scale // webs, args.concurrency // webs),
                ("register", register, args.registrations * scale // webs, 10 // webs),
            ):
                threads.append(
                    threading.Thread(target=drive, args=(kind, index, make, total, conc))
                )
        started = time.monotonic()
        for thread in threads:
            thread.start()
        if kill:
            wait_mailing(tally, mailing_obj.pk, recipients // 3, args.max_seconds * 0.4)
            servers[-1].kill()
            os.killpg(tasks[-1].pid, signal.SIGKILL)
            tasks[-1].wait()
            stops[-1].set()  # the load balancer takes the dead web process out
            print(
                f"  SIGKILL of one granian and one db_worker {time.monotonic() - started:.1f} s in,"
                f" {tally.refresh().per_mailing[str(mailing_obj.pk)]:,} messages out"
            )
        wait_mailing(tally, mailing_obj.pk, recipients, args.max_seconds * 3)
        mail_seconds = time.monotonic() - started
        for stop in stops:
            stop.set()
        for thread in threads:
            thread.join()
        drain = drain_signatures(f"bench-{tag}-")
        return report(name, tag, out, tally, mailing_obj.pk, recipients, mail_seconds, drain)
    finally:
        for server in servers:
            server.stop()
        stop_workers(tasks)


def report(name, tag, out, tally, mailing_id, recipients, mail_seconds, drain) -> dict:
    figures = {}
    for kind, model, prefix in (
        ("sign", "petitions.Signature", f"bench-{tag}-"),
        ("register", "events.Registration", f"reg-{tag}-"),
    ):
        acknowledged = [key for _, keys in out[kind] for key in keys]
        errors = sum(result.errors for result, _ in out[kind])
        elapsed = max(result.elapsed for result, _ in out[kind])
        stored = stored_by_email(model, prefix)
        missing = set(acknowledged) - set(stored)
        doubled = sum(1 for n in stored.values() if n > 1)
        figures[kind] = len(acknowledged) / elapsed
        failures = collections.Counter()
        for result, _ in out[kind]:
            failures.update(result.failures)
        print(
            f"  {kind:<8}: acknowledged {len(acknowledged):,}, stored {len(stored):,}, "
            f"acknowledged but missing {len(missing)}, stored twice {doubled}, "
            f"not acknowledged {errors} {dict(failures) or ''}; "
            f"{figures[kind]:,.1f}/s over {elapsed:.1f} s"
        )
    counts = tally.refresh().of(str(mailing_id))
    twice = sum(n - 1 for n in counts.values() if n > 1)
    status, sends = mailing_state(mailing_id)
    figures["mail"] = sum(counts.values()) / mail_seconds
    print(
        f"  mailing : {recipients:,} recipients, the sink got {sum(counts.values()):,} messages "
        f"for {len(counts):,} of them in {mail_seconds:.1f} s ({figures['mail']:,.0f}/s); "
        f"sent twice {twice}, never arrived {recipients - len(counts)}; "
        f"mailing {status}, send log {sends}"
    )
    print(
        f"  signatures still pending: {pending_signatures()}, checked {drain:.1f} s after the "
        f"mailing was done (3 s of them to see the count settle); load average {os.getloadavg()}"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=PG_URL)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--signatures", type=int, default=2000)
    parser.add_argument("--registrations", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=40)
    parser.add_argument("--lease", type=int, default=5)
    parser.add_argument("--max-seconds", type=float, default=180)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()} before the run")

    workdir = Path(tempfile.mkdtemp(prefix="droplwop-scale-"))
    port = free_port()
    tally = SinkTally(workdir / "sink.log")
    env = server_env(args.database_url, workdir)
    env.update(
        DJANGO_BEHIND_PROXY="1",
        FORM_LIMIT_EVENTS_REGISTER="1000000/600",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_TIMEOUT="10",
        DEFAULT_FROM_EMAIL="Drop LWOP <news@droplwop.example>",
        SITE_URL="https://droplwop.example",
        MAILINGS_CLAIM_LEASE_SECONDS=str(args.lease),
        LOG_LEVEL="ERROR",
    )
    sink = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "mail_blast.py"), "--sink", str(port), str(tally.log_path)],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(port)
        reset_postgres(args.database_url)
        t = time.monotonic()
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        manage(env, "load_demo", "-v0")
        os.environ.update(env)
        import django

        django.setup()
        seed(args.people)
        print(f"demo and {args.people:,} supporters ready in {time.monotonic() - t:.0f} s")
        one = run_phase("one: baseline", env, tally, args, webs=1, workers=1, mailing="one")
        two = run_phase("two: scaled out", env, tally, args, webs=2, workers=2, mailing="two")
        run_phase(
            "kill: SIGKILL mid-run", env, tally, args, webs=2, workers=2, mailing="kill", kill=True
        )
        print("\nthroughput, two of each against one of each (same load, same run):")
        for kind in ("sign", "register", "mail"):
            print(
                f"  {kind:<8}: {one[kind]:8,.1f}/s -> {two[kind]:8,.1f}/s  x{two[kind] / one[kind]:.2f}"
            )
        print(f"load average at the end {os.getloadavg()}")
    finally:
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
