"""The fixed-window counters in front of public POSTs: limits, windows, and atomicity."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection, transaction

from droplwop.core import rate_limit
from droplwop.core.models import RateCounter

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
ROOT = Path(settings.BASE_DIR)

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(1_000_000.0)
    monkeypatch.setattr(rate_limit, "time", clock)
    return clock


def stored_windows() -> list[int]:
    """The window ends of the counters kept, wherever this database keeps them."""
    if ON_POSTGRESQL:
        return sorted(RateCounter.objects.values_list("window_end", flat=True))
    with sqlite3.connect(settings.RATE_LIMIT_SQLITE_PATH) as db:
        return sorted(row[0] for row in db.execute("SELECT window_end FROM core_ratecounter"))


def test_allows_up_to_the_limit_then_refuses(clock):
    results = [rate_limit.hit("test", "a", limit=3, window_seconds=60) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_a_new_window_starts_from_zero(clock):
    clock.now = 1_000_020.0  # the window is [1_000_020, 1_000_080)
    for _ in range(3):
        rate_limit.hit("test", "a", limit=2, window_seconds=60)
    clock.now = 1_000_079.9
    assert not rate_limit.hit("test", "a", limit=2, window_seconds=60)

    clock.now = 1_000_080.0
    assert rate_limit.hit("test", "a", limit=2, window_seconds=60)
    assert rate_limit.hit("test", "a", limit=2, window_seconds=60)
    assert not rate_limit.hit("test", "a", limit=2, window_seconds=60)


def test_scopes_keys_and_window_sizes_count_apart(clock):
    assert rate_limit.hit("test", "a", limit=1, window_seconds=60)
    assert not rate_limit.hit("test", "a", limit=1, window_seconds=60)

    assert rate_limit.hit("test", "b", limit=1, window_seconds=60)
    assert rate_limit.hit("other", "a", limit=1, window_seconds=60)
    # 1_000_020 closes a 60 s window and a 30 s one alike.
    assert rate_limit.hit("test", "a", limit=1, window_seconds=30)


def test_closed_windows_are_swept_and_open_ones_kept(clock):
    rate_limit.hit("test", "short", limit=5, window_seconds=60)
    rate_limit.hit("test", "long", limit=5, window_seconds=3600)
    assert stored_windows() == [1_000_020, 1_000_800]

    clock.now += rate_limit.SWEEP_EVERY_SECONDS
    rate_limit.hit("test", "short", limit=5, window_seconds=60)
    assert stored_windows() == [1_000_080, 1_000_800]


def test_an_attempt_counts_even_when_the_callers_transaction_rolls_back():
    with transaction.atomic():
        assert rate_limit.hit("test", "rolled-back", limit=1, window_seconds=3600)
        transaction.set_rollback(True)
    assert not rate_limit.hit("test", "rolled-back", limit=1, window_seconds=3600)


FLOOD = """
import sys

import django

django.setup()
from django.conf import settings

settings.RATE_LIMIT_SQLITE_PATH = sys.argv[1]
from droplwop.core import rate_limit

print("ready", flush=True)
sys.stdin.readline()
print(sum(rate_limit.hit("test", "flood", limit=50, window_seconds=10**9) for _ in range(200)))
"""


def _test_database_url() -> str:
    """DATABASE_URL for the test database this process is using."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


# On PostgreSQL the other processes must see the counters this test clears.
@pytest.mark.django_db(transaction=ON_POSTGRESQL)
@pytest.mark.slow
def test_processes_hitting_one_key_together_let_exactly_the_limit_through():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "droplwop.settings.test"}
    if ON_POSTGRESQL:
        env["DATABASE_URL"] = _test_database_url()
    workers = [
        subprocess.Popen(  # noqa: S603 (this interpreter, a fixed script)
            [sys.executable, "-c", FLOOD, settings.RATE_LIMIT_SQLITE_PATH],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for worker in workers:
        assert worker.stdout.readline() == "ready\n"
    # Every process is set up before any starts, so their attempts overlap.
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    allowed = []
    for worker in workers:
        out, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0
        allowed.append(int(out))

    assert sum(allowed) == 50
    assert not rate_limit.hit("test", "flood", limit=50, window_seconds=10**9)


@pytest.mark.slow
def test_processes_opening_a_new_counters_file_together_all_get_in(tmp_path):
    """On a fresh server every process opens the counters file at its first POST, at once."""
    path = tmp_path / "fresh-counters.sqlite3"
    code = (
        "import os, time, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "settings.RATE_LIMIT_SQLITE_PATH = os.environ['COUNTERS']\n"
        "from droplwop.core import rate_limit\n"
        "time.sleep(max(0.0, float(os.environ['START_AT']) - time.time()))\n"
        "print(rate_limit.hit('race', 'k', limit=100, window_seconds=60))\n"
    )
    env = {
        **os.environ,
        "COUNTERS": str(path),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "droplwop.settings.test",
        "START_AT": str(time.time() + 8),
    }
    runs = [
        subprocess.Popen(  # noqa: S603 (this interpreter, a fixed script)
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(12)
    ]
    outputs = [run.communicate(timeout=120)[0].strip() for run in runs]
    assert [run.returncode for run in runs] == [0] * 12
    assert outputs == ["True"] * 12
