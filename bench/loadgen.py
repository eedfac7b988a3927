"""A lean HTTP/1.1 load generator on asyncio (uvloop when installed), for the signing benches.

The generator shares the machine's 2 cores with the server it measures, so it must cost little:
requests are prebuilt bytes and responses are read by hand (the server's answers here are short
redirects and error pages). Two ways to arrive:
- `keep_alive=True`: a fixed set of connections reused, as the README's reverse proxy (Caddy,
  nginx) talks to the application server; the signer's own address goes in X-Forwarded-For.
- `keep_alive=False`: a new connection per request from its own loopback address, as if
  every signer reached the application server directly.
"""

import asyncio
import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bench.harness import Result

TIMEOUT = 30  # seconds for a connection, then for an answer: a stalled server shows as errors


@dataclass
class Request:
    raw: bytes  # the whole request, headers and body
    key: str  # what an acknowledgement stands for (the signer's email)
    ok_status: int
    location_suffix: str = ""  # for a 303, where it must point
    source: str | None = None  # local address for a new connection


def build(method: str, path: str, host: str, headers: dict, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _exchange(reader, writer, request: Request) -> tuple[int, str, bool]:
    writer.write(request.raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length, location, close = 0, "", False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"location":
            location = value.strip().decode("latin-1")
        elif name == b"connection" and value.strip().lower() == b"close":
            close = True
    if length:
        await reader.readexactly(length)
    return status, location, close


def _acknowledged(request: Request, status: int, location: str) -> bool:
    if status != request.ok_status:
        return False
    return status != 303 or location.endswith(request.location_suffix)


async def _run(
    port: int,
    make: Callable[[int], Request],
    total: int,
    concurrency: int,
    max_seconds: float,
    keep_alive: bool,
    stop: threading.Event | None,
):
    latencies: list[float] = []
    acknowledged: list[str] = []
    failures: Counter[str] = Counter()
    counter = iter(range(total))
    deadline = time.monotonic() + max_seconds

    async def client():
        reader = writer = None
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            i = next(counter, None)
            if i is None:
                break
            request = make(i)
            started = time.perf_counter()
            try:
                if writer is None:
                    local = (request.source, 0) if request.source and not keep_alive else None
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection("127.0.0.1", port, local_addr=local),
                        timeout=TIMEOUT,
                    )
                status, location, close = await asyncio.wait_for(
                    _exchange(reader, writer, request), timeout=TIMEOUT
                )
                failure = None if _acknowledged(request, status, location) else f"HTTP {status}"
                if close or not keep_alive:
                    writer.close()
                    writer = None
            # Whatever goes wrong (a killed server, a reset, garbage) is a failed request.
            except Exception as error:
                failure = type(error).__name__
                if writer is not None:
                    writer.close()
                    writer = None
            if failure is None:
                latencies.append(time.perf_counter() - started)
                acknowledged.append(request.key)
            else:
                failures[failure] += 1
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.monotonic() - started
    return Result(latencies, failures.total(), elapsed, dict(failures)), acknowledged


def run(
    port: int,
    make: Callable[[int], Request],
    *,
    total: int,
    concurrency: int,
    max_seconds: float = 120,
    keep_alive: bool = True,
    stop: threading.Event | None = None,
) -> tuple[Result, list[str]]:
    """Send `total` requests from `concurrency` clients; returns (Result, acknowledged keys)."""
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    return runner(_run(port, make, total, concurrency, max_seconds, keep_alive, stop))
