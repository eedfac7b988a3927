"""A flood's later POSTs are answered from this process's memory, before Django.

Once the rate limiter refuses an address, every further POST from it in the same window would
still cross Django (middleware, the form, a counter upsert) only to be refused again: during a
10,000-POST flood that took half of the server, and the signers beside it were served at half
their rate. A view that refuses an address for the rest of a window calls `remember`; the gate
then keeps the finished refusal (status, headers and body, as every middleware left them) and,
until the window ends, answers that address's POSTs to the same path with it, without calling
Django. A refusal that sets a cookie is personal and is not kept. Each process learns from its
own first refusal.
"""

import threading
import time

from .client_ip import address_from_meta, hash_ip

MARK = "droplwop.flood_gate.until"
MAX_KEPT = 10_000
_kept: dict[tuple[str, str], tuple[float, str, list, bytes]] = {}
_lock = threading.Lock()


def remember(request, *, until: float) -> None:
    """Answer this address's POSTs to this path with this request's response until `until`
    (a time.time() value)."""
    request.META[MARK] = until


def _keep(key, until: float, status: str, headers: list, body: bytes) -> None:
    with _lock:
        if len(_kept) >= MAX_KEPT:
            now = time.time()
            for old in [k for k, kept in _kept.items() if kept[0] <= now]:
                del _kept[old]
        if len(_kept) < MAX_KEPT:
            _kept[key] = (until, status, headers, body)


def _key(environ) -> tuple[str, str]:
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return hash_ip(address_from_meta(environ)), path


class FloodGate:
    """WSGI middleware in front of Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "POST":
            return self.application(environ, start_response)
        kept = _kept.get(_key(environ)) if _kept else None
        if kept is not None and kept[0] > time.time():
            _until, status, headers, body = kept
            start_response(status, headers)
            return [body]
        answer = {}

        def start(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, start)
        until = environ.get(MARK)
        if until is None:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = answer["headers"]
        if not any(name.lower() == "set-cookie" for name, _value in headers):
            _keep(_key(environ), until, answer["status"], headers, body)
        return [body]
