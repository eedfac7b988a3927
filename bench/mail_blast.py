"""Mass email benchmark: 100,000 supporters on one list, a personalized EN/ES mailing, delivered by
the real worker (`manage.py db_worker` processes, production settings, SQLite) to a local SMTP sink
(aiosmtpd in its own process on 127.0.0.1, counting messages per mailing and recipient).

Phase 1 measures messages per second. Phase 2 sends a second mailing, kills every worker with
SIGKILL mid-send, starts them again, and checks the sink: zero duplicates, zero missing.

    .venv/bin/python bench/mail_blast.py [--people 100000] [--workers 3] [--batch 1000]
"""

import argparse
import collections
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PYTHON, ROOT, free_port, manage, server_env, wait_for_port  # noqa: E402

# --- the sink (runs in its own process) -------------------------------------------------------


def run_sink(port: int, log_path: str) -> None:
    """Accept mail on 127.0.0.1:port; append "<mailing> <recipient>" per message to log_path."""
    import re

    import uvloop
    from aiosmtpd.controller import Controller

    mailing_of = re.compile(rb"Message-ID: <m(\d+)\.s")
    log = open(log_path, "a", buffering=1 << 16)  # noqa: SIM115 - flushed on a timer and at exit

    class Counter:
        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            # aiosmtpd reads commands one line at a time, so pipelined ones work; say so, as
            # Postfix and every email provider do.
            session.host_name = hostname
            return [*responses[:-1], "250-PIPELINING", responses[-1]]

        async def handle_DATA(self, server, session, envelope):
            found = mailing_of.search(envelope.original_content or envelope.content)
            mailing = found.group(1).decode() if found else "?"
            for recipient in envelope.rcpt_tos:
                log.write(f"{mailing} {recipient}\n")
            return "250 OK"

    # uvloop: a real mail server answers in C, and the sink shares the 2 cores with the workers
    # it measures; the SMTP conversation is still aiosmtpd's.
    controller = Controller(
        Counter(), hostname="127.0.0.1", port=port, decode_data=False, loop=uvloop.new_event_loop()
    )
    controller.start()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    while not stop:
        time.sleep(0.2)
        log.flush()
    controller.stop()
    log.flush()
    log.close()


class SinkTally:
    """The sink's log, counted as it grows. Each line is read once: re-reading 100,000 lines ten
    times a second would take from the workers the CPU this benchmark measures."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.offset = 0
        self.counts = collections.Counter()
        self.per_mailing = collections.Counter()

    def refresh(self) -> "SinkTally":
        if self.log_path.exists():
            with open(self.log_path, "rb") as log:
                log.seek(self.offset)
                data = log.read()
            complete = data.rfind(b"\n") + 1
            self.offset += complete
            for line in data[:complete].decode().splitlines():
                mailing, recipient = line.split()
                self.counts[(mailing, recipient)] += 1
                self.per_mailing[mailing] += 1
        return self

    def of(self, mailing: str) -> dict:
        return {r: n for (m, r), n in self.counts.items() if m == mailing}


# --- seeding (runs inside Django, in a subprocess with the production settings) ---------------


SEED = r"""
import random, sys
from django.db import transaction
from droplwop.supporters.models import EmailList, Subscription, Supporter
from droplwop.mailings.models import Mailing

people = int(sys.argv[1])
random.seed(7)
email_list = EmailList.objects.create(slug="bench", name_en="Campaign updates",
    name_es="Novedades de la campaña", double_opt_in=False)
names = ["Ana", "Luis", "María", "José", "Keisha", "Tran", "", "Rosa", "D'Andre", "Zoë"]
batch = 10000
for start in range(0, people, batch):
    with transaction.atomic():
        made = Supporter.objects.bulk_create([
            Supporter(email=f"person{i}@bench.example", first_name=names[i % len(names)],
                      preferred_language="es" if i % 3 == 0 else "en", zip_code=f"9{i % 10000:04d}")
            for i in range(start, min(people, start + batch))
        ])
        Subscription.objects.bulk_create([
            Subscription(supporter=s, email_list=email_list, status="subscribed") for s in made
        ])
body_en = [{"type": "text", "value": "<p>Dear {{ first_name }},</p><p>The resentencing bill is up for a vote on Tuesday. Call your senator and tell them: second chances save lives.</p>"},
           {"type": "button", "value": {"label": "Find your senator", "url": "https://example.org/act"}}]
body_es = [{"type": "text", "value": "<p>Querido/a {{ first_name }}:</p><p>El proyecto de ley se vota el martes. Llama a tu senador y dile: las segundas oportunidades salvan vidas.</p>"},
           {"type": "button", "value": {"label": "Encuentra a tu senador", "url": "https://example.org/act"}}]
for title in ("blast", "kill test"):
    Mailing.objects.create(title=title, subject_en="{{ first_name }}, the vote is Tuesday",
        subject_es="{{ first_name }}, la votación es el martes", preheader_en="Call now",
        preheader_es="Llama ya", body_en=body_en, body_es=body_es, email_list=email_list)
print("seeded")
"""

START = r"""
import sys
from droplwop.mailings.models import Mailing
from droplwop.mailings.services import start_mailing
mailing = Mailing.objects.get(title=sys.argv[1])
print(start_mailing(mailing=mailing), mailing.pk)
"""

STATUS = r"""
import sys
from django.db.models import Count
from droplwop.mailings.models import Send, Mailing
m = Mailing.objects.get(title=sys.argv[1])
print(m.pk, m.status, dict(Send.objects.filter(mailing=m).values_list("status").annotate(n=Count("pk"))))
"""


def django_run(env: dict, code: str, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "-c", "import django, sys; django.setup(); exec(sys.stdin.read())", *args],
        input=code,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(done.stderr)
    return done.stdout.strip()


def start_workers(env: dict, count: int) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(count)
    ]


def stop_workers(workers, sig=signal.SIGTERM) -> None:
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, sig)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def mailing_status(db_path: Path, mailing: str) -> str:
    import sqlite3

    with contextlib.closing(sqlite3.connect(db_path, timeout=30)) as db:
        row = db.execute("SELECT status FROM mailings_mailing WHERE id = ?", [mailing]).fetchone()
    return row[0] if row else "?"


def wait_for(tally: SinkTally, mailing: str, target: int, timeout: float) -> float:
    """Seconds until the sink holds `target` messages of the mailing, or the log says it is done."""
    started = time.monotonic()
    checked = started
    while time.monotonic() - started < timeout:
        if tally.refresh().per_mailing[mailing] >= target:
            return time.monotonic() - started
        if time.monotonic() - checked > 2:
            checked = time.monotonic()
            if mailing_status(tally.log_path.parent / "droplwop.sqlite3", mailing) != "sending":
                time.sleep(0.5)
                return time.monotonic() - started
        time.sleep(0.1)
    return -1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--lease", type=int, default=5)
    parser.add_argument(
        "--migrated-db", help="copy this migrated SQLite file instead of migrating (repeat runs)"
    )
    parser.add_argument("--sink", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.sink:
        run_sink(int(options.sink[0]), options.sink[1])
        return

    workdir = Path(tempfile.mkdtemp(prefix="droplwop-mailbench-"))
    port = free_port()
    sink_log = workdir / "sink.log"
    tally = SinkTally(sink_log)
    env = server_env(None, workdir)
    env.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_TIMEOUT="10",
        DEFAULT_FROM_EMAIL="Drop LWOP <news@droplwop.example>",
        SITE_URL="https://droplwop.example",
        MAILINGS_BATCH_SIZE=str(options.batch),
        MAILINGS_SEND_TASKS=str(options.workers),
        MAILINGS_CLAIM_LEASE_SECONDS=str(options.lease),
        LOG_LEVEL="ERROR",
    )
    sink = subprocess.Popen(
        [PYTHON, __file__, "--sink", str(port), str(sink_log)], cwd=ROOT, env=env
    )
    workers = []
    try:
        wait_for_port(port)
        t = time.monotonic()
        if options.migrated_db and Path(options.migrated_db).exists():
            shutil.copy(options.migrated_db, workdir / "droplwop.sqlite3")
        else:
            manage(env, "migrate", "--no-input", "-v0")
            if options.migrated_db:
                shutil.copy(workdir / "droplwop.sqlite3", options.migrated_db)
        print(f"database ready in {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        django_run(env, SEED, str(options.people))
        print(f"seeded {options.people:,} supporters on one list in {time.monotonic() - t:.1f} s")

        # Phase 1: throughput.
        t = time.monotonic()
        recipients, mailing = django_run(env, START, "blast").split()
        print(f"audience taken: {int(recipients):,} recipients in {time.monotonic() - t:.2f} s")
        started = time.monotonic()
        workers = start_workers(env, options.workers)
        took = wait_for(tally, mailing, int(recipients), timeout=600)
        stop_workers(workers)
        workers = []
        counts = tally.refresh().of(mailing)
        if took < 0:
            took = time.monotonic() - started
        print(
            f"phase 1: {len(counts):,} recipients got {sum(counts.values()):,} messages in "
            f"{took:.1f} s with {options.workers} worker processes "
            f"= {sum(counts.values()) / took:,.0f} messages/s "
            f"(duplicates: {sum(n - 1 for n in counts.values())})"
        )
        print("  log:", django_run(env, STATUS, "blast"))

        # Phase 2: kill -9 every worker mid-send, restart, check the sink.
        recipients, mailing = django_run(env, START, "kill test").split()
        workers = start_workers(env, options.workers)
        wait_for(tally, mailing, int(recipients) // 3, timeout=600)
        stop_workers(workers, signal.SIGKILL)
        killed_at = tally.refresh().per_mailing[mailing]
        print(f"phase 2: killed all workers (SIGKILL) after {killed_at:,} messages")
        print("  log right after the kill:", django_run(env, STATUS, "kill test"))
        restarted = time.monotonic()
        workers = start_workers(env, options.workers)
        took = wait_for(tally, mailing, int(recipients), timeout=600)
        time.sleep(1.0)
        stop_workers(workers)
        workers = []
        counts = tally.refresh().of(mailing)
        expected = {f"person{i}@bench.example" for i in range(options.people)}
        duplicates = sum(n - 1 for n in counts.values())
        missing = len(expected - set(counts))
        print(
            f"  after restart: finished in {took:.1f} s (includes the {options.lease} s lease "
            f"before a dead worker's batch is recovered; total since restart "
            f"{time.monotonic() - restarted:.1f} s)"
        )
        print("  log at the end:", django_run(env, STATUS, "kill test"))
        print(f"  sink: {len(counts):,} recipients, duplicates {duplicates}, missing {missing}")
    finally:
        stop_workers(workers, signal.SIGKILL)
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
