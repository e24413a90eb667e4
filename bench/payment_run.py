"""The benchmark's payment run: paying every worker's approved commission work at city scale.

On a copy of the benchmark database (CREATE DATABASE ... TEMPLATE, so the database stays as it
was for the next run), in a process of its own, through the services a coordinator and a payer
call from their pages:

1. `payment_run_create`: the draft run of every approved, unpaid commission assignment up to
   yesterday (about 5,000 workers at scale 1; those without a bank account or identity code held
   out);
2. `payment_run_approve` by a payer: the accounts frozen, the pain.001 bank file made and
   validated against its schema, the Incomes Register reports made;
3. `ir_delivery_create` and `ir_delivery_send`: the payment date's reports in one validated
   WageReportsRequestToIR file, written by the folder transport;
4. `bank_status_report_apply`: the bank's pain.002 answer (the simulated bank's, a few payments
   rejected), every other payment marked paid.

Each step is timed, with its number of SQL queries (a number that grows with the workers would
be a query per row). The statements' PDFs, which the approval queues for a Celery worker after
commit, are not part of it: the tasks go to a Redis database of their own that no worker reads,
emptied afterwards. The target: all four steps together under a minute.

    .venv/bin/python bench/run.py --reuse --only-payment-run     # this step alone
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
# How many payments the simulated bank rejects, and with which reasons (ISO 20022 codes).
REJECTED = {"AC04": 6, "AC01": 4}
TARGET_S = 60.0


def run_payment_run(args, env, out: Path) -> dict:
    """Copy the benchmark database, run the four steps on the copy in a child process, drop it."""
    from django.db import connections

    from bench.processes import db_name, log, psql

    connections.close_all()
    source = db_name(args.database_url)
    copy = f"{source}_payments"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "jobcenter", "--if-exists", copy], check=True)
    log(f"copying {source} to {copy}")
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "jobcenter", "-T", source, copy], check=True)
    base = args.database_url.rsplit("/", 1)[0]
    child_env = dict(
        env,
        DATABASE_URL=f"{base}/{copy}",
        REDIS_URL=args.payments_redis_url,
        CELERY_TASK_ALWAYS_EAGER="0",
        JOBCENTER_IR_OUTBOX_DIR=str(out / "incomes-register-outbox"),
    )
    subprocess.run(["redis-cli", "-u", args.payments_redis_url, "FLUSHDB"], check=True, capture_output=True)
    try:
        workers = psql("SELECT count(*) FROM workers_worker", db=copy)
        log(f"payment run for the approved commission work of {workers} workers")
        done = subprocess.run(
            [str(VENV / "python"), "-m", "bench.payment_run"],
            cwd=ROOT,
            env=child_env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            measured = json.loads(done.stdout.strip().splitlines()[-1])
        else:
            measured = {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
            (out / "payment_run.log").write_text(done.stderr, encoding="utf-8")
    finally:
        subprocess.run(["redis-cli", "-u", args.payments_redis_url, "FLUSHDB"], check=False, capture_output=True)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "jobcenter", "--if-exists", copy], check=False)
        # The files of the copy's run (bank file, status report, Incomes Register file): a few MB a run.
        media = Path(child_env.get("MEDIA_ROOT", out / "media"))
        for folder in (out / "incomes-register-outbox", media / "payment-runs", media / "incomes-register"):
            shutil.rmtree(folder, ignore_errors=True)
    return measured


class _QueryCounter:
    """Counts the SQL statements run through Django's connection (`connection.execute_wrapper`)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _timed(steps: dict, name: str, call):
    from django.db import connection

    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - started
    steps[name] = {"s": round(elapsed, 2), "queries": counter.count}
    return result


def measure() -> dict:
    """The four steps on the current database (the copy): their times, queries and what they made."""
    import datetime as dt

    from django.db.models import Count
    from django.utils import timezone

    from billing.bank_files.simulated import status_report_for
    from billing.incomes_register.deliveries import ir_delivery_create, ir_delivery_send
    from billing.models import IncomesRegisterReport, PayoutLine, PayoutStatus
    from billing.services.bank_status import bank_status_report_apply
    from billing.services.payment_runs import payment_run_approve, payment_run_create
    from jobcenter.models import User

    today = timezone.localdate()
    coordinator = User.objects.filter(user_permissions__codename="coordinate", is_active=True).order_by("pk").first()
    payer = User.objects.filter(user_permissions__codename="pay_workers", is_active=True).order_by("pk").first()
    if coordinator is None or payer is None:
        raise SystemExit("The data has no coordinator or no payer: generate it again (seed_cityscale --force).")
    steps: dict[str, dict] = {}
    run = _timed(
        steps,
        "create",
        lambda: payment_run_create(
            payment_date=today + dt.timedelta(days=2), cutoff_date=today - dt.timedelta(days=1), by=coordinator
        ),
    )
    run = _timed(steps, "approve", lambda: payment_run_approve(run_id=run.pk, by=payer))

    def deliver():
        delivery = ir_delivery_create(payment_date=run.payment_date, by=payer)
        return delivery, ir_delivery_send(delivery.pk)

    delivery, sent = _timed(steps, "incomes_register_delivery", deliver)
    with run.bank_file.open("rb") as bank_file:
        content = bank_file.read()
    ids = list(run.payouts.order_by("pk").values_list("end_to_end_id", flat=True)[: sum(REJECTED.values())])
    codes = [code for code, count in REJECTED.items() for _ in range(count)]
    answer = status_report_for(content, rejected=dict(zip(ids, codes, strict=False)))
    report = _timed(steps, "status_report", lambda: bank_status_report_apply(content=answer, by=payer))
    statuses = dict(run.payouts.values_list("status").annotate(n=Count("pk")).order_by())
    pages = measure_pages(run, coordinator=coordinator, payer=payer)
    return {
        "pages": pages,
        "steps": steps,
        "total_s": round(sum(step["s"] for step in steps.values()), 2),
        "payments": run.payment_count,
        "held_out": run.holds.count(),
        "lines": PayoutLine.objects.filter(payout__run=run).count(),
        "gross": str(run.gross),
        "bank_file_bytes": len(content),
        "ir_reports": IncomesRegisterReport.objects.filter(payout__run=run, kind="new").count(),
        "ir_file_bytes": delivery.file.size if delivery.file else 0,
        "ir_sent": sent,
        "status_report": {"paid": report.paid, "rejected": report.rejected, "bytes": len(answer)},
        "paid": statuses.get(PayoutStatus.PAID, 0),
        "rejected": statuses.get(PayoutStatus.REJECTED, 0),
    }


PAGE_TARGET_MS = 250.0
PAGE_REPEAT = 5


def measure_pages(run, *, coordinator, payer) -> dict:
    """The payment pages with this city-scale run on them: the median of a few requests each and
    its queries (the run's page shows 100 payments a page; the payer's view logs each worker shown)."""
    import statistics

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.common import session_key_for
    from billing.models import PayoutStatus

    paid_worker = run.payouts.filter(status=PayoutStatus.PAID).select_related("worker__user").first().worker.user
    pages = {
        "payment runs (coordinator)": (coordinator, reverse("payment_runs:list")),
        "payment run, 100 payments a page (coordinator, masked)": (
            coordinator,
            reverse("payment_runs:detail", args=[run.pk]),
        ),
        "payment run, 100 payments a page (payer, accounts in full)": (
            payer,
            reverse("payment_runs:detail", args=[run.pk]),
        ),
        "Incomes Register reports (coordinator)": (coordinator, reverse("incomes_register:list")),
        "the worker's money page": (paid_worker, reverse("workers:money")),
    }
    measured = {}
    for name, (user, url) in pages.items():
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key_for(user)
        client.get(url)  # warm up
        times = []
        for _ in range(PAGE_REPEAT):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        measured[name] = {"median_ms": round(statistics.median(times), 1), "queries": len(queries)}
    return measured


def verdict_rows(measured: dict | None) -> list[tuple[str, bool, str]]:
    """The target row of bench/report.py: the four steps under a minute, with each step's time."""
    if not measured:
        return []
    if measured.get("error"):
        return [("payment run for every worker under 1 min", False, f"failed: {measured['error']}")]
    steps = ", ".join(f"{name} {step['s']} s ({step['queries']} queries)" for name, step in measured["steps"].items())
    rows = [
        (
            f"payment run, {measured['payments']} payments ({measured['held_out']} held out), "
            "built, approved (bank file, Incomes Register reports), delivered, status report applied, under 1 min",
            measured["total_s"] < TARGET_S,
            f"{measured['total_s']} s: {steps}",
        )
    ]
    for name, page in measured.get("pages", {}).items():
        rows.append(
            (
                f"{name}: median under {PAGE_TARGET_MS:.0f} ms",
                page["median_ms"] < PAGE_TARGET_MS,
                f"{page['median_ms']} ms, {page['queries']} queries",
            )
        )
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps(measure()))
