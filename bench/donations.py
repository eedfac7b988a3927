"""Giving under load: the fundraiser page, the donate POST (pending gift + hosted checkout),
and Stripe's webhooks (confirmations, then every event replayed), against the production server.

    .venv/bin/python bench/donations.py [--gifts 200] [--concurrency 10]

Stripe is the local fake from the tests (droplwop/donations/tests/fake_stripe.py), started in
this process on 127.0.0.1; the server's STRIPE_API_BASE points at it. At the end it checks that
every gift was confirmed once and that the replays changed nothing.
"""

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import load, production_server  # noqa: E402
from droplwop.donations.tests.fake_stripe import FakeStripe, sign  # noqa: E402

SECRET = "whsec_bench_secret"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gifts", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()

    fake = FakeStripe(webhook_secret=SECRET).start()
    import os

    os.environ.update(
        STRIPE_SECRET_KEY="sk_test_bench",
        STRIPE_WEBHOOK_SECRET=SECRET,
        STRIPE_API_BASE=fake.url,
        STRIPE_CHECKOUT_ORIGIN=fake.url,
        PAGE_CACHE_SECONDS="300",
        DJANGO_BEHIND_PROXY="1",
    )
    with production_server() as (base, env, _process):
        database = Path(env["DROPLWOP_VAR_DIR"]) / "droplwop.sqlite3"
        page_id = (
            sqlite3.connect(database)
            .execute(
                "select page_ptr_id from donations_fundraiserpage f join wagtailcore_page p"
                " on p.id = f.page_ptr_id join wagtailcore_locale l on l.id = p.locale_id"
                " where l.language_code = 'en'"
            )
            .fetchone()[0]
        )
        print(f"fundraiser page {page_id}; {args.gifts} gifts, {args.concurrency} at a time")

        page = load(
            base,
            lambda i: ("GET", "/en/walk-for-life/", None, {}),
            concurrency=args.concurrency,
            total=args.gifts * 2,
            max_seconds=60,
        )
        print(page.line("GET fundraiser page"))

        def donate(i):
            body = urlencode(
                {
                    "amount": "50",
                    "frequency": "one_time",
                    "first_name": f"Bench{i}",
                    "email": f"bench{i}@example.org",
                    "website": "",
                }
            ).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": base,
                # Each donor from its own address, as real donors arrive; the limit is per address.
                "X-Forwarded-For": f"10.0.{i // 250}.{i % 250 + 1}",
            }
            return "POST", f"/en/donate/give/{page_id}/", body, headers

        gifts = load(base, donate, concurrency=args.concurrency, total=args.gifts, max_seconds=120)
        print(gifts.line("POST donate -> checkout"))

        events = [
            event for session in list(fake.sessions.values()) for event in fake.pay(session["id"])
        ]

        def webhook(i):
            payload = json.dumps(events[i % len(events)]).encode()
            headers = {
                "Content-Type": "application/json",
                "Stripe-Signature": sign(payload, SECRET),
            }
            return "POST", "/donations/stripe/webhook/", payload, headers

        confirmed = load(
            base, webhook, concurrency=args.concurrency, total=len(events), max_seconds=120
        )
        print(confirmed.line("POST webhook (confirm)"))
        replayed = load(
            base, webhook, concurrency=args.concurrency, total=len(events), max_seconds=120
        )
        print(replayed.line("POST webhook (replay)"))

        db = sqlite3.connect(database)
        counts = dict(
            db.execute(
                "select status, count(*) from donations_donation"
                " where idempotency_key not like 'demo-%' group by status"
            ).fetchall()
        )
        processed = db.execute("select count(*) from donations_processedevent").fetchone()[0]
        print(f"sessions opened: {len(fake.sessions)}; donations by status: {counts}")
        print(f"events processed once: {processed} of {len(events)} sent twice")
    fake.stop()


if __name__ == "__main__":
    main()
