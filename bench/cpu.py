"""CPU used during one phase of a bench, by the server, the task worker, PostgreSQL (when it is
the database) and the load generator.

On a 2-core machine they all share the same cores, so a figure per request says where the
time goes better than a rate does.
"""

import os
import subprocess
from pathlib import Path


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree(pid: int) -> list[int]:
    """A process and its children (the server's master and its workers)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [pid, *(int(c) for c in children.stdout.split())]


def postgres_processes() -> list[int]:
    found = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


class CpuMeter:
    def __init__(self, server_pid: int, worker_pid: int, *, postgres: bool = False):
        self.server, self.worker = tree(server_pid), [worker_pid]
        self.postgres = postgres

    def __enter__(self):
        self.start = self._read()
        return self

    def __exit__(self, *exc):
        self.used = [b - a for a, b in zip(self.start, self._read(), strict=True)]

    def _read(self):
        own = os.times()
        # Its backends come and go with connections: they are read fresh each time.
        database = sum(process_cpu(p) for p in postgres_processes()) if self.postgres else 0.0
        return (
            sum(process_cpu(p) for p in self.server),
            sum(process_cpu(p) for p in self.worker),
            database,
            own.user + own.system,
        )

    def line(self, count: int) -> str:
        server, worker, database, generator = (s * 1000 / max(count, 1) for s in self.used)
        return (
            f"  CPU per request: server {server:.2f} ms, task worker {worker:.2f} ms,"
            + (f" PostgreSQL {database:.2f} ms," if self.postgres else "")
            + f" load generator {generator:.2f} ms"
        )
