"""A local stand-in for the few Stripe endpoints donations/gateway.py calls, plus a minimal
hosted checkout page that "pays" and redirects back, sending the signed webhooks Stripe would.

Only for tests (and for trying the donate flow on a laptop): `python -m
droplwop.donations.tests.fake_stripe --webhook http://127.0.0.1:8000/donations/stripe/webhook/`.
"""

import hashlib
import hmac
import html
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

_ids = itertools.count(1)


def new_id(prefix: str) -> str:
    return f"{prefix}_test_{next(_ids):06d}{int(time.time() * 1000) % 100000:05d}"


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A Stripe-Signature header, made the way Stripe makes it: t=<unix time>,v1=<HMAC-SHA256>."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def make_event(event_type: str, obj: dict, event_id: str | None = None) -> dict:
    return {
        "id": event_id or new_id("evt"),
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "livemode": False,
        "api_version": "2026-10-28.endive",
        "data": {"object": obj},
    }


def _nested(params: list[tuple[str, str]]) -> dict:
    """Stripe's form encoding (a[b][0][c]=v) back into dicts; list indexes stay string keys."""
    root: dict = {}
    for key, value in params:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return root


class FakeStripe:
    def __init__(self, *, webhook_secret: str, webhook_url: str = ""):
        self.webhook_secret = webhook_secret
        self.webhook_url = webhook_url
        self.sessions: dict[str, dict] = {}
        self.by_idempotency_key: dict[str, str] = {}
        self.created_sessions: list[dict] = []
        self.canceled_subscriptions: list[str] = []
        self.delivered: list[tuple[str, int]] = []
        self.deliver = self._deliver_http
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    # --- the API -------------------------------------------------------------------------

    def create_session(self, params: dict, idempotency_key: str) -> dict:
        with self._lock:
            if idempotency_key and idempotency_key in self.by_idempotency_key:
                return self.sessions[self.by_idempotency_key[idempotency_key]]
            session_id = new_id("cs")
            item = params["line_items"]["0"]
            session = {
                "id": session_id,
                "object": "checkout.session",
                "mode": params["mode"],
                "url": f"{self.url}/pay/{session_id}",
                "success_url": params["success_url"],
                "cancel_url": params["cancel_url"],
                "customer_email": params.get("customer_email"),
                "client_reference_id": params.get("client_reference_id"),
                "locale": params.get("locale"),
                "metadata": params.get("metadata", {}),
                "amount_total": int(item["price_data"]["unit_amount"]),
                "currency": item["price_data"]["currency"],
                "product_name": item["price_data"]["product_data"]["name"],
                "recurring": "recurring" in item["price_data"],
                "subscription_metadata": (params.get("subscription_data") or {}).get(
                    "metadata", {}
                ),
                "payment_status": "unpaid",
                "status": "open",
                "payment_intent": None,
                "subscription": None,
                "invoice": None,
                "customer": None,
            }
            self.sessions[session_id] = session
            self.created_sessions.append(session)
            if idempotency_key:
                self.by_idempotency_key[idempotency_key] = session_id
            return session

    # --- what Stripe does when the donor pays -------------------------------------------

    def session_object(self, session: dict) -> dict:
        hidden = {"url", "success_url", "cancel_url", "product_name", "recurring"}
        return {
            k: v for k, v in session.items() if k not in hidden and k != "subscription_metadata"
        }

    def invoice_for(self, session: dict, *, billing_reason: str, amount: int | None = None):
        return {
            "id": new_id("in"),
            "object": "invoice",
            "billing_reason": billing_reason,
            "customer": session["customer"],
            "amount_paid": amount if amount is not None else session["amount_total"],
            "amount_due": amount if amount is not None else session["amount_total"],
            "currency": "usd",
            "parent": {
                "type": "subscription_details",
                "subscription_details": {
                    "subscription": session["subscription"],
                    "metadata": session["subscription_metadata"],
                },
            },
            "payments": {"data": [{"payment": {"payment_intent": new_id("pi")}}]},
        }

    def pay(self, session_id: str) -> list[dict]:
        """Mark the session paid; return the events Stripe would send, in Stripe's usual order."""
        session = self.sessions[session_id]
        session["status"] = "complete"
        session["payment_status"] = "paid"
        session["customer"] = session["customer"] or new_id("cus")
        events = []
        if session["mode"] == "subscription":
            session["subscription"] = new_id("sub")
            invoice = self.invoice_for(session, billing_reason="subscription_create")
            session["invoice"] = invoice["id"]
            events.append(make_event("checkout.session.completed", self.session_object(session)))
            events.append(make_event("invoice.paid", invoice))
        else:
            session["payment_intent"] = new_id("pi")
            events.append(make_event("checkout.session.completed", self.session_object(session)))
        return events

    def send(self, event: dict) -> int:
        payload = json.dumps(event).encode()
        status = self.deliver(payload, sign(payload, self.webhook_secret))
        self.delivered.append((event["type"], status))
        return status

    def _deliver_http(self, payload: bytes, signature: str) -> int:
        request = urllib.request.Request(  # noqa: S310 (the test server we were given)
            self.webhook_url,
            data=payload,
            headers={"Content-Type": "application/json", "Stripe-Signature": signature},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    # --- HTTP ----------------------------------------------------------------------------

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _authorized(self) -> bool:
                if self.headers.get("Authorization", "").startswith("Bearer sk_test_"):
                    return True
                self._json(401, {"error": {"type": "invalid_request_error", "message": "key"}})
                return False

            def do_POST(self):
                path = urlsplit(self.path).path
                if path == "/v1/checkout/sessions":
                    if not self._authorized():
                        return
                    params = _nested(parse_qsl(self._body().decode(), keep_blank_values=True))
                    key = self.headers.get("Idempotency-Key", "")
                    session = fake.create_session(params, key)
                    self._json(200, fake.session_object(session) | {"url": session["url"]})
                    return
                if path.startswith("/v1/subscriptions/") and path.endswith("/cancel"):
                    if not self._authorized():
                        return
                    self._cancel(path.split("/")[3])
                    return
                if path.startswith("/pay/"):
                    self._body()
                    session = fake.sessions.get(path.split("/")[2])
                    if session is None:
                        self.send_error(404)
                        return
                    for event in fake.pay(session["id"]):
                        fake.send(event)
                    self.send_response(303)
                    self.send_header("Location", session["success_url"])
                    self.end_headers()
                    return
                self.send_error(404)

            def do_DELETE(self):
                path = urlsplit(self.path).path
                if path.startswith("/v1/subscriptions/") and self._authorized():
                    self._cancel(path.split("/")[3])
                    return
                self.send_error(404)

            def _cancel(self, subscription_id: str):
                known = any(s["subscription"] == subscription_id for s in fake.sessions.values())
                if not known:
                    self._json(
                        404,
                        {
                            "error": {
                                "type": "invalid_request_error",
                                "code": "resource_missing",
                                "message": "No such subscription",
                            }
                        },
                    )
                    return
                fake.canceled_subscriptions.append(subscription_id)
                self._json(
                    200, {"id": subscription_id, "object": "subscription", "status": "canceled"}
                )

            def do_GET(self):
                path = urlsplit(self.path).path
                if not path.startswith("/pay/"):
                    self.send_error(404)
                    return
                session = fake.sessions.get(path.split("/")[2])
                if session is None:
                    self.send_error(404)
                    return
                amount = f"${session['amount_total'] / 100:,.2f}"
                label = "Pagar" if session.get("locale") == "es" else "Pay"
                every = " / month" if session["recurring"] else ""
                page = f"""<!DOCTYPE html><html lang="{html.escape(session.get("locale") or "en")}">
<head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head>
<body><main><h1>Fake Stripe Checkout</h1>
<p>{html.escape(session["product_name"])}: <strong>{amount}{every}</strong></p>
<form method="post" action="/pay/{session["id"]}"><button type="submit">{label} {amount}</button></form>
<p><a href="{html.escape(session["cancel_url"])}">Cancel</a></p></main></body></html>"""
                data = page.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--webhook", required=True)
    parser.add_argument("--secret", default="whsec_local_fake")
    args = parser.parse_args()
    server = FakeStripe(webhook_secret=args.secret, webhook_url=args.webhook).start()
    print(
        f"STRIPE_API_BASE={server.url} STRIPE_CHECKOUT_ORIGIN={server.url} "
        f"STRIPE_SECRET_KEY=sk_test_fake STRIPE_WEBHOOK_SECRET={args.secret}"
    )
    threading.Event().wait()
