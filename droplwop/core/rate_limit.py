"""Fixed-window attempt counters, cheap enough to sit in front of every public POST.

Each attempt is one atomic upsert that returns the new count, so concurrent workers (threads
or processes) never both see the same count: the cache this replaced could not promise that
across processes, and a flood got twice its limit through two server workers.

Where the counters live, and the SQL, is core.db.rate_counters.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from .db import rate_counters

SWEEP_EVERY_SECONDS = 60

logger = logging.getLogger(__name__)
_next_sweep = 0.0


def end_of_window(window_seconds: int, now: float | None = None) -> int:
    """When the current fixed window of this size closes (a time.time() value)."""
    now = time.time() if now is None else now
    return (int(now // window_seconds) + 1) * window_seconds


@dataclass(frozen=True)
class Attempt:
    """One attempt to count: `limit` per fixed window of `window_seconds` for `key` in `scope`."""

    scope: str
    key: str
    limit: int
    window_seconds: int

    def row(self, now: float) -> tuple[str, int]:
        """The counter's (scope_key, window_end) at `now`."""
        # The window size is part of the key: two sizes can close at the same second.
        scope_key = hashlib.blake2b(
            f"{self.scope}\0{self.window_seconds}\0{self.key}".encode(), digest_size=16
        ).hexdigest()
        return scope_key, end_of_window(self.window_seconds, now)

    def allows(self, count: int) -> bool:
        """Whether the attempt that brought the counter to `count` is within the limit."""
        if count == self.limit + 1:
            # Once per key and window: a flood's every refusal would bury the log.
            logger.warning(
                "Limit reached: %s, %d attempts per %d s",
                self.scope,
                self.limit,
                self.window_seconds,
            )
        return count <= self.limit


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; return True while the caller is within its limit for this window."""
    return count(Attempt(scope, key, limit, window_seconds))


def count(attempt: Attempt) -> bool:
    """Count one attempt; return True while it is within its limit."""
    now = time.time()
    counted = rate_counters.increment(*attempt.row(now))
    sweep_if_due(now)
    return attempt.allows(counted)


def sweep_if_due(now: float) -> None:
    """Delete closed windows' rows, once a minute per process: such a row is never read again,
    it only takes room."""
    global _next_sweep
    if now >= _next_sweep:
        _next_sweep = now + SWEEP_EVERY_SECONDS
        rate_counters.sweep(int(now))


def reset() -> None:
    """Forget every counter (tests start from none)."""
    global _next_sweep
    _next_sweep = 0.0
    rate_counters.clear()
