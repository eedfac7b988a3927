"""Benchmark: anonymous home page and news post against a bare Django view, same server.

Runs the production setup from bench/harness.py (granian, SQLite, debug off, demo content)
with DROPLWOP_BENCH_VIEWS=1, which adds /bench/constant/ (a view returning a constant). Loads
each URL from this process on 127.0.0.1, bounded in count and time, and prints requests/s,
p50/p99 and each page's share of the bare view's requests/s (target: at least 50%).

    .venv/bin/python bench/pages.py [--requests 3000] [--concurrency 8] [--seconds 20]
"""

import argparse
import os
import re
import signal
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import load, production_server  # noqa: E402

TARGET = 0.5


def news_post_path(base_url: str) -> str:
    """An English news post listed in the sitemap (the deepest English page if none is)."""
    with urllib.request.urlopen(f"{base_url}/sitemap.xml", timeout=10) as response:  # noqa: S310
        xml = response.read().decode()
    paths = [
        "/" + loc.split("://", 1)[-1].split("/", 1)[-1]
        for loc in re.findall(r"<loc>([^<]+)</loc>", xml)
    ]
    english = [path for path in paths if path.startswith("/en/") and path != "/en/"]
    posts = [path for path in english if re.fullmatch(r"/en/[^/]*news[^/]*/[^/]+/", path)]
    if posts:
        return posts[0]
    if not english:
        raise SystemExit("the sitemap lists no English page besides the home page")
    print("warning: no news post in the demo yet; measuring another page instead")
    return max(english, key=lambda path: path.count("/"))


def check_cacheable(base_url: str, path: str) -> str:
    with urllib.request.urlopen(f"{base_url}{path}", timeout=10) as response:  # noqa: S310
        cookies = response.headers.get_all("Set-Cookie") or []
    with urllib.request.urlopen(f"{base_url}{path}", timeout=10) as response:  # noqa: S310
        hit = response.headers.get("X-Page-Cache") == "hit"
    if hit:
        return "served from the page cache"
    names = ", ".join(c.split("=", 1)[0] for c in cookies) or "none"
    return f"NOT served from the page cache (cookies set: {names})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    # A timeout's SIGTERM must still stop the server (the context manager's cleanup).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ["DROPLWOP_BENCH_VIEWS"] = "1"
    with production_server(workers=args.workers) as (base_url, _env, _process):
        targets = {
            "bare Django view": "/bench/constant/",
            "home page (en)": "/en/",
            "news post (en)": news_post_path(base_url),
        }
        for name, path in targets.items():
            if path.startswith("/en/"):
                print(f"{name}: {path} {check_cacheable(base_url, path)}")
        print(
            f"granian {args.workers} workers x 6 threads, {args.concurrency} client threads, "
            f"up to {args.requests} requests or {args.seconds:.0f} s per URL"
        )
        results = {}
        for name, path in targets.items():
            load(
                base_url,
                lambda i, p=path: ("GET", p, None, {}),
                concurrency=2,
                total=50,
                max_seconds=10,
            )
            results[name] = load(
                base_url,
                lambda i, p=path: ("GET", p, None, {}),
                concurrency=args.concurrency,
                total=args.requests,
                max_seconds=args.seconds,
            )
            print(results[name].line(name))
        bare = results["bare Django view"].rps
        failed = False
        for name in ("home page (en)", "news post (en)"):
            ratio = results[name].rps / bare if bare else 0.0
            verdict = "ok" if ratio >= TARGET else "BELOW TARGET"
            failed |= ratio < TARGET or results[name].errors > 0
            print(f"{name:<28} {ratio:6.1%} of the bare view's req/s  ({verdict})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
