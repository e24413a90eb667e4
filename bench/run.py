"""The city-scale benchmark in one command (`make bench`). Not part of CI. See docs/performance.md.

    .venv/bin/python bench/run.py [--reuse] [--scale 1] [--users 8] [--duration 90] [--skip-month-end]
        [--skip-payment-run | --only-payment-run] [--quiet-load 1.5] [--quiet-wait 900]

0. It waits (up to --quiet-wait s) until the 1-minute load average is below --quiet-load, and records
   the load average at the start, during the load test and at the end: on a 2-core machine other
   work (tests, builds) changes every time measured.

1. PostgreSQL database `jobcenter_bench` (BENCH_DATABASE_URL): migrated and filled with
   `seed_cityscale --scale N` (kept and reused with --reuse when it already has data).
2. gunicorn, 2 workers, production-like settings (DEBUG off, a secret key, ALLOWED_HOSTS, manifest
   static files, Redis cache and broker), on a free port, with the trivial baseline view mounted.
3. locust, headless, in a second process: the coordinator dashboard with filters, order pages, the
   unit proposal page (candidates and benefit headroom, a unit of 500 workers), the worker's gig
   list, the public order form POST, and the trivial view. The gunicorn workers' memory (RSS) is
   sampled every second.
4. In-process timings: the candidate list with benefit headroom of the 500-worker unit, one invoice
   PDF.
5. The month-end invoice run for every client (3,000 at scale 1) with a real Celery worker, on a
   copy of the database (CREATE DATABASE ... TEMPLATE), so the benchmark database stays as it was.
   The run is a chain of tasks of billing.tasks.MONTH_END_CHUNK clients; it is timed until its
   progress (the month-end page's, in the cache) says finished, then until every PDF is rendered.
6. The payment run for every worker with approved, unpaid commission work (about 5,000 at scale 1):
   built, approved by a payer (the bank file and the Incomes Register reports), its Incomes Register
   delivery made and sent, the bank's status report applied; each step timed, on a copy of the
   database (bench/payment_run.py). `--only-payment-run` runs this step alone (with `--reuse`, on the
   data already there).
7. bench/results/<date>.json and .md: requests per second, median and p95 per page, each page's
   median as a multiple of the trivial view's, and every target met or not.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
OUT = ROOT / "var" / "bench"
# The month-end run's invoices are dated in Helsinki, which is past midnight while UTC is not.
ISSUED_TODAY_IN_HELSINKI = (
    "SELECT count(*) FROM billing_invoice WHERE issue_date = (now() AT TIME ZONE 'Europe/Helsinki')::date"
)
PG = "postgres://jobcenter:jobcenter@127.0.0.1:5432"

# `python bench/run.py` puts bench/ first on the path; the project root is needed for `bench.*`.
sys.path.insert(0, str(ROOT))
from bench.payment_run import run_payment_run  # noqa: E402
from bench.processes import (  # noqa: E402
    RssSampler,
    db_name,
    free_port,
    log,
    psql,
    stop_process,
    wait_http,
    wait_until_quiet,
)
from bench.report import verdicts, write_results  # noqa: E402


def bench_env(args) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="jobcenter.settings",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", "bench-only-" + "k7Qx2vLp9" * 6),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        JOBCENTER_BENCH_VIEWS="1",
        JOBCENTER_ORDER_FORM_RATE_LIMIT="1000000",
        JOBCENTER_ORDER_FORM_EMAIL_LIMIT="1000000",
        JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS="0",
        STATIC_ROOT=str(OUT / "static"),
        MEDIA_ROOT=str(OUT / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *argv, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV / "python"), "manage.py", *argv], cwd=ROOT, env=env, check=check)


def ensure_tools() -> None:
    try:
        import locust  # noqa: F401
        import psutil  # noqa: F401
    except ImportError:
        log("installing bench/requirements.txt into .venv")
        subprocess.run([str(VENV / "pip"), "install", "-q", "-r", str(ROOT / "bench" / "requirements.txt")], check=True)


def prepare_database(args, env) -> float | None:
    """Create, migrate and fill the benchmark database. Returns the generation time, or None if reused."""
    name = db_name(args.database_url)
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"  # noqa: S608 - our own setting
    if exists and args.reuse:
        manage(env, "migrate", "-v0")
        has_data = psql("SELECT count(*) FROM orders_order", db=name)
        if int(has_data or 0) > 0:
            log(f"reusing {name} ({has_data} orders)")
            return None
    if exists:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "jobcenter", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "jobcenter", name], check=True)
    manage(env, "migrate", "-v0")
    log(f"generating the city-scale data (--scale {args.scale})")
    started = time.monotonic()
    manage(env, "seed_cityscale", "--scale", str(args.scale), "--allow-without-debug")
    return time.monotonic() - started


def setup_django(env) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def run_load(args, env, targets_path: Path) -> tuple[dict, dict]:
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    log(f"gunicorn -w 2 --threads {args.threads} on {host}")
    gunicorn = subprocess.Popen(
        [str(VENV / "gunicorn"), "jobcenter.wsgi", "--workers", "2", "--threads", str(args.threads), "--bind", f"127.0.0.1:{port}",  # noqa: E501
         "--access-logfile", "-", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=open(OUT / "gunicorn.log", "w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    sampler = RssSampler(gunicorn.pid)
    try:
        wait_http(f"{host}/bench/trivial/")
        sampler.start()
        log(f"locust: {args.users} users for {args.duration} s (after a {args.warmup} s warm-up)")
        locust_env = dict(env, BENCH_TARGETS=str(targets_path))
        common = [str(VENV / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                  "--host", host, "-u", str(args.users), "-r", str(args.users), "--only-summary"]  # fmt: skip
        subprocess.run([*common, "-t", f"{args.warmup}s"], cwd=ROOT, env=locust_env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        subprocess.run([*common, "-t", f"{args.duration}s", "--csv", str(OUT / "locust")], cwd=ROOT,
                       env=locust_env, check=False, stdout=open(OUT / "locust.log", "w"), stderr=subprocess.STDOUT)  # fmt: skip  # noqa: E501
    finally:
        sampler.stop.set()
        stop_process(gunicorn)
    stats = {}
    with open(OUT / "locust_stats.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Name"] == "Aggregated":
                continue
            stats[row["Name"]] = {
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
                "median_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "mean_ms": round(float(row["Average Response Time"]), 1),
            }
    memory = {"peak_rss_mb_per_worker": sorted(round(v, 1) for v in sampler.peak.values())}
    if sampler.loads:
        memory["load_during_load_test"] = {"max": max(sampler.loads), "median": statistics.median(sampler.loads)}
    return stats, memory


def time_in_process(targets: dict) -> dict:
    """The candidate list with benefit headroom (500-worker unit) and one invoice PDF, in this process."""
    from django.db.models import Count

    from billing.models import Invoice
    from billing.pdf import render_invoice_pdf
    from jobcenter.models import User
    from orders.models import Gig
    from orders.selectors import units as unit_selectors

    result = {}
    staff = User.objects.get(pk=targets["staff_user_ids"][0])
    order_id, gig_id = targets["propose_ids"][0]
    order = unit_selectors.unit_order_get_for(user=staff, pk=order_id)
    gig = Gig.objects.select_related("order").get(pk=gig_id)  # as the page has it
    unit_ids = order.my_unit_ids & {targets["big_unit"]["id"]} or order.my_unit_ids
    try:
        from benefits.selectors import foresight_for_viewer
    except ImportError:  # the benefits app before its foresight selector
        foresight_for_viewer = None
    times = []
    for _ in range(7):
        started = time.perf_counter()
        candidates = unit_selectors.propose_candidates_for(user=staff, order=order, gig=gig, unit_ids=unit_ids)
        if foresight_for_viewer is not None:
            foresight_for_viewer(user=staff, workers=candidates, gig=gig, path="/bench/")
        times.append((time.perf_counter() - started) * 1000)
    result["candidates"] = {
        "workers": len(candidates),
        "with_benefit_headroom": foresight_for_viewer is not None,
        "median_ms": round(statistics.median(times[1:]), 1),
    }
    # A typical invoice (the median number of lines) and, once, the largest collective invoice.
    counted = Invoice.objects.annotate(n=Count("lines")).order_by("n", "pk")
    total = counted.count()
    typical = counted[total // 2]
    largest = counted.order_by("-n", "pk").first()
    for key, invoice, rounds in (("invoice_pdf", typical, 4), ("largest_invoice_pdf", largest, 1)):
        pdf_times = []
        for _ in range(rounds):
            started = time.perf_counter()
            content = render_invoice_pdf(invoice)
            pdf_times.append((time.perf_counter() - started) * 1000)
        result[key] = {
            "invoice": invoice.display_number,
            "lines": invoice.n,
            "bytes": len(content),
            "median_ms": round(statistics.median(pdf_times[1:] or pdf_times), 1),
        }
    result["results_report_year"] = time_results_report()
    return result


def time_results_report() -> dict:
    """The coordinator's results report for the last twelve months, the whole city (the page's own
    selector, suppression included) and one unit: the target is under two seconds."""
    import datetime as dt

    from django.db.models import Count
    from django.utils import timezone

    from billing.results import ResultsFilter, results_report
    from orders.models import Assignment

    end = timezone.localdate()
    start = end - dt.timedelta(days=365)
    busiest = (
        Assignment.objects.filter(gig__date__gte=start, gig__date__lte=end)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    out = {"start": start.isoformat(), "end": end.isoformat()}
    for key, unit_id in (("city", None), ("one_unit", busiest and busiest["unit_id"])):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            report = results_report(ResultsFilter(start=start, end=end, unit_id=unit_id))
            times.append((time.perf_counter() - started) * 1000)
        out[key] = {
            "people": report.total.people,
            "hours": str(report.total.hours),
            "median_ms": round(statistics.median(times), 1),
        }
    return out


def run_month_end(args, env) -> dict:
    """The month-end run for every client on a copy of the database, with a real Celery worker."""
    from django.db import connections

    connections.close_all()
    source = db_name(args.database_url)
    copy = f"{source}_monthend"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "jobcenter", "--if-exists", copy], check=True)
    log(f"copying {source} to {copy}")
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "jobcenter", "-T", source, copy], check=True)
    psql("UPDATE orders_clientorganisation SET invoicing_mode = 'monthly'", db=copy)
    clients = int(psql("SELECT count(*) FROM orders_clientorganisation", db=copy))
    by_id = int(psql("SELECT min(user_id) FROM jobcenter_user_user_permissions", db=copy))
    today = dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    worker_env = dict(env, DATABASE_URL=f"{PG}/{copy}", REDIS_URL=args.monthend_redis_url, CELERY_TASK_ALWAYS_EAGER="0")
    subprocess.run(["redis-cli", "-u", args.monthend_redis_url, "FLUSHDB"], check=True, capture_output=True)
    worker = subprocess.Popen(
        [str(VENV / "celery"), "-A", "jobcenter", "worker", "--concurrency", "2", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-l", "info", "-n", f"bench-{os.getpid()}@%h"],
        cwd=ROOT, env=worker_env, stdout=open(OUT / "celery.log", "w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    # The run is a chain of parts (billing.tasks.MONTH_END_CHUNK clients each): it is over when its
    # progress (in the Redis cache, as the month-end page reads it) says finished.
    script = (
        "import sys,time,json,uuid;import django;django.setup()\n"
        "from billing.tasks import run_monthly_invoices_task as t\n"
        "from billing.services import month_end_progress as p, month_end_progress_set as ps\n"
        "from billing.models import Invoice\n"
        "last_pk=Invoice.objects.order_by('-pk').values_list('pk',flat=True).first() or 0\n"
        f"run_id=uuid.uuid4().hex;ps(run_id,year={last.year},month={last.month},total=None,done=0,issued=[],failed=0,finished=False)\n"  # noqa: E501
        f"s=time.monotonic();r=t.delay({last.year},{last.month},{by_id},run_id);started=r.get(timeout=600)\n"
        "while not (p(run_id) or {}).get('finished') and time.monotonic()-s<3600: time.sleep(0.5)\n"
        "pr=p(run_id) or {};run=time.monotonic()-s\n"
        "out=dict(started,done=pr.get('done'),issued=len(pr.get('issued') or []),failed=pr.get('failed'),finished=pr.get('finished'))\n"  # noqa: E501
        "deadline=time.monotonic()+%d\n"
        # Only this run's invoices: the generated data's own have no PDF, and their creation times
        # (the day's working hours) can lie after the run's start.
        "mine=Invoice.objects.filter(pdf='',pk__gt=last_pk)\n"
        "while mine.exists() and time.monotonic()<deadline: time.sleep(2)\n"
        "left=mine.count()\n"
        "print(json.dumps(dict(result=out,run_s=round(run,1),with_pdfs_s=round(time.monotonic()-s,1),pdfs_missing=left)))\n"  # noqa: E501
    ) % args.drain_timeout
    try:
        time.sleep(3)
        log(f"month-end run for {clients} clients ({last:%Y-%m}) with a Celery worker (2 processes)")
        started = time.monotonic()
        done = subprocess.run(
            [str(VENV / "python"), "-c", script], cwd=ROOT, env=worker_env, capture_output=True, text=True, check=False
        )
        if done.returncode == 0:
            measured = json.loads(done.stdout.strip().splitlines()[-1])
        else:  # e.g. the task was stopped by CELERY_TASK_SOFT_TIME_LIMIT: say so, with what it did
            error = (done.stderr.strip().splitlines() or ["?"])[-1]
            issued = int(psql(ISSUED_TODAY_IN_HELSINKI, db=copy))
            measured = {"error": error, "run_s": round(time.monotonic() - started, 1), "with_pdfs_s": None,
                        "pdfs_missing": None, "result": {"issued_before_the_error": issued}}  # fmt: skip
    finally:
        stop_process(worker, timeout=60)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "jobcenter", "--if-exists", copy], check=False)
    measured["clients"] = clients
    measured["month"] = f"{last:%Y-%m}"
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="Keep the benchmark database when it has data.")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (1 = sync workers)")
    parser.add_argument("--duration", type=int, default=90)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--skip-month-end", action="store_true")
    steps = parser.add_mutually_exclusive_group()
    steps.add_argument("--skip-payment-run", action="store_true")
    steps.add_argument(
        "--only-payment-run", action="store_true", help="Only the payment run (no load test, no month-end run)."
    )
    parser.add_argument("--drain-timeout", type=int, default=600, help="Seconds to wait for the invoice PDFs.")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", f"{PG}/jobcenter_bench"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"))
    parser.add_argument(
        "--monthend-redis-url", default=os.environ.get("BENCH_MONTHEND_REDIS_URL", "redis://127.0.0.1:6379/10")
    )
    parser.add_argument(
        "--payments-redis-url", default=os.environ.get("BENCH_PAYMENTS_REDIS_URL", "redis://127.0.0.1:6379/11")
    )
    parser.add_argument("--quiet-load", type=float, default=1.5, help="Start when the 1-minute load is below this.")
    parser.add_argument("--quiet-wait", type=int, default=900, help="Seconds to wait at most for --quiet-load.")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    env = bench_env(args)
    generated_s = prepare_database(args, env)
    # Every page measured renders with the manifest of the static files (the payment run's pages too).
    manage(env, "collectstatic", "--noinput", "-v0")
    quiet = wait_until_quiet(args.quiet_load, args.quiet_wait)
    log(f"load average at the start: {quiet['load_at_start']}")
    setup_django(env)
    from bench.common import pick_targets
    from orders.models import Assignment, Order
    from workers.models import Worker

    data = f"{Worker.objects.count()} workers, {Order.objects.count()} orders, {Assignment.objects.count()} assignments"
    stats, memory, timings, month_end = {}, {}, {}, None
    if not args.only_payment_run:
        targets = pick_targets()
        targets_path = OUT / "targets.json"
        targets_path.write_text(json.dumps(targets), encoding="utf-8")
        data += f"; proposal page unit: {targets['big_unit']['workers']} workers"
        timings = time_in_process(targets)
        log(f"in-process: {timings}")
        from django.db import connections

        connections.close_all()
        stats, memory = run_load(args, env, targets_path)
        month_end = None if args.skip_month_end else run_month_end(args, env)
    payment_run = None if args.skip_payment_run else run_payment_run(args, env, OUT)
    if payment_run:
        log(f"payment run: {payment_run}")
    stats, rows = verdicts(stats, memory, timings, month_end, payment_run)
    report = {
        "command": " ".join(["bench/run.py", *sys.argv[1:]]),
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} CPUs",
        "load_average": dict(quiet, at_end=os.getloadavg(), during_load_test=memory.get("load_during_load_test")),
        "data": data,
        "generation_s": generated_s,
        "load": {
            "users": args.users,
            "duration_s": args.duration,
            "gunicorn": f"2 workers x {args.threads} threads",
            "tool": "locust (headless), a second process, each user waits 0.5-1.5 s between requests",
        },
        "pages": stats,
        "memory": memory,
        "in_process": timings,
        "month_end": month_end,
        "payment_run": payment_run,
    }
    path = write_results(report, rows)
    log(f"results: {path}")
    print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
