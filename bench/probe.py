"""Time each benchmarked page in-process and show its slowest queries (with EXPLAIN ANALYZE).

    DATABASE_URL=postgres://.../jobcenter_bench .venv/bin/python bench/probe.py [--explain N] [--only dashboard]
        [--profile N]

With DJANGO_DEBUG=1 (simplest: static files from the finders) the times include the debug template
engine's overhead; for production-like times run `bench/run.py` once (it collects the static files)
and then DJANGO_DEBUG=0 STATIC_ROOT=var/bench/static.

A developer's tool for finding where a page spends its time at city scale; bench/run.py measures
the served pages. Prints, per address: the median time of a few requests, the number of queries
and the slowest queries; with --explain, the plans of the N slowest queries overall; with --profile,
the N functions with the most cumulative time of one more request of each address (cProfile).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-probe-not-secret-" + "x" * 30)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", type=int, default=0)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.common import pick_targets

    targets = pick_targets(sessions_per_role=1)
    groups = {
        "dashboard": (targets["coordinator_sessions"][0], targets["dashboard_urls"]),
        "order": (targets["coordinator_sessions"][0], targets["order_urls"][:3]),
        "preview": (targets["coordinator_sessions"][0], targets["invoice_preview_urls"][:3]),
        "propose": (targets["staff_sessions"][0], targets["propose_urls"][:2]),
        "worker": (targets["worker_sessions"][0], targets["worker_urls"]),
        "order_form": (None, [targets["order_form_url"]]),
    }
    slow: list[tuple[float, str, str]] = []
    for name, (session, urls) in groups.items():
        if args.only and name != args.only:
            continue
        client = Client()
        if session:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        for url in urls:
            times = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
            queries = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
            print(
                f"{name:10} {statistics.median(times):7.1f} ms  {len(ctx.captured_queries):3} queries  "
                f"{response.status_code}  {url}"
            )
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.runcall(client.get, url)
                pstats.Stats(profiler).sort_stats(os.environ.get("PROBE_SORT", "cumulative")).print_stats(args.profile)
            for q in queries[:2]:
                print(f"           {float(q['time']) * 1000:6.1f} ms  {q['sql'][:160]}")
                slow.append((float(q["time"]), url, q["sql"]))
    if args.explain:
        seen = set()
        for duration, url, sql in sorted(slow, reverse=True):
            if sql in seen or len(seen) >= args.explain:
                continue
            seen.add(sql)
            print(f"\n--- {duration * 1000:.1f} ms on {url}\n{sql}\n")
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
