"""Shared by the benchmarks: start the production server on a fresh database, and load it.

The server runs the README's deploy setup (granian, debug off) on 127.0.0.1 only. The load
comes from this process (threads with keep-alive connections), bounded in count and in time.
"""

import contextlib
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url: str | None, workdir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="droplwop.settings.base",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-secret-key-not-for-production-0123456789",
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DROPLWOP_VAR_DIR=str(workdir),
        STATIC_ROOT=str(workdir / "static"),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def reset_postgres(database_url: str) -> None:
    """Drop and recreate the benchmark's own PostgreSQL database."""
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextlib.contextmanager
def production_server(
    *, database_url: str | None = None, workers: int = 2, threads: int = 6, load_demo: bool = True
):
    """Migrate a fresh database, load the demo, collect static files, run granian (by default
    as the Procfile does: 2 workers of 6 threads); yield its base URL."""
    workdir = Path(tempfile.mkdtemp(prefix="droplwop-bench-"))
    env = server_env(database_url, workdir)
    if database_url:
        reset_postgres(database_url)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    if load_demo:
        manage(env, "load_demo", "-v0")
    port = free_port()
    process = subprocess.Popen(
        server_command(port, workers, threads),
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(port)
        wait_until_serving(f"http://127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}", env, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def server_command(port: int, workers: int, threads: int) -> list[str]:
    """The Procfile's web process (granian), on loopback and the given port."""
    return [
        PYTHON,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "droplwop.wsgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--no-ws",
        "--log-level",
        "warning",
    ]


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.1)
    raise RuntimeError(f"server did not start on port {port}")


def wait_until_serving(base_url: str, path: str = "/robots.txt", timeout: float = 180.0) -> None:
    """The server's workers import the whole project after the port opens: wait for a real answer."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(base_url + path, timeout=timeout) as response:  # noqa: S310
                response.read()
                return
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


class Result:
    def __init__(
        self, latencies: list[float], errors: int, elapsed: float, failures: dict | None = None
    ):
        self.latencies = sorted(latencies)
        self.errors = errors
        self.elapsed = elapsed
        self.failures = failures or {}  # what went wrong, by kind, when the generator knows

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        index = min(len(self.latencies) - 1, int(round(p / 100 * (len(self.latencies) - 1))))
        return self.latencies[index] * 1000

    def line(self, name: str) -> str:
        median = statistics.median(self.latencies) * 1000 if self.latencies else float("nan")
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.failures.items()))
        return (
            f"{name:<28} {self.count:>6} ok {self.errors:>4} err  {self.rps:>8.1f} req/s"
            f"  p50 {median:6.1f} ms  p99 {self.percentile(99):6.1f} ms"
        ) + (f"  ({kinds})" if kinds else "")


def load(
    base_url: str, make_request, *, concurrency: int, total: int, max_seconds: float
) -> Result:
    """Run `total` requests from `concurrency` threads, stopping early after `max_seconds`.

    `make_request(i)` returns (method, path, body_bytes_or_None, headers) for request number i;
    a response counts as ok when its status is below 400.
    """
    host, port = base_url.removeprefix("http://").split(":")
    counter = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + max_seconds

    def worker():
        nonlocal errors
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            method, path, body, headers = make_request(i)
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status < 400
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(host, int(port), timeout=30)
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
            took = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(took)
                else:
                    errors += 1
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(latencies, errors, time.monotonic() - started)
