"""The benchmark's targets, the verdict on each, and the result files (bench/results/<date>.json, .md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bench.payment_run import TARGET_S as PAYMENT_RUN_TARGET_S
from bench.payment_run import verdict_rows as payment_run_rows

RESULTS = Path(__file__).resolve().parent / "results"

TARGETS = {
    "page_median_vs_trivial": 10.0,  # times
    "page_p95_ms": 250.0,
    "candidates_ms": 100.0,
    "invoice_pdf_ms": 500.0,
    "results_report_ms": 2000.0,
    "month_end_s": 15 * 60.0,
    "worker_rss_mb": 250.0,
    "payment_run_s": PAYMENT_RUN_TARGET_S,
}


def verdicts(
    stats: dict, memory: dict, timings: dict, month_end: dict | None, payment_run: dict | None = None
) -> tuple[dict, list]:
    """The rows of the targets met or not; a part that was not run (`--only-payment-run`) has none."""
    trivial = stats.get("trivial view (baseline)", {}).get("median_ms") or 1.0
    rows = []
    for name, row in stats.items():
        row["median_x_trivial"] = round(row["median_ms"] / trivial, 1)
        if name.startswith("trivial") or name.startswith("order form GET"):
            continue
        rows.append((f"{name}: median within 10x trivial", row["median_x_trivial"] <= TARGETS["page_median_vs_trivial"],
                     f"{row['median_x_trivial']}x ({row['median_ms']:.0f} ms vs {trivial:.0f} ms)"))  # fmt: skip
        rows.append((f"{name}: p95 under 250 ms", row["p95_ms"] < TARGETS["page_p95_ms"], f"{row['p95_ms']:.0f} ms"))
    if not timings:
        return stats, payment_run_rows(payment_run)
    c = timings["candidates"]
    rows.append((f"candidate list{' with benefit headroom' if c['with_benefit_headroom'] else ''}, "
                 f"{c['workers']} workers, under 100 ms", c["median_ms"] < TARGETS["candidates_ms"], f"{c['median_ms']} ms"))  # fmt: skip  # noqa: E501
    p = timings["invoice_pdf"]
    rows.append((f"invoice PDF (a typical invoice, {p['lines']} lines) under 500 ms", p["median_ms"] < TARGETS["invoice_pdf_ms"],  # noqa: E501
                 f"{p['median_ms']} ms"))  # fmt: skip
    big = timings["largest_invoice_pdf"]
    rows.append((f"invoice PDF (the largest, {big['lines']} lines) under 500 ms", big["median_ms"] < TARGETS["invoice_pdf_ms"],  # noqa: E501
                 f"{big['median_ms']} ms"))  # fmt: skip
    for scope, label in (("city", "the whole city"), ("one_unit", "the busiest unit")):
        r = timings.get("results_report_year", {}).get(scope)
        if r:
            met = r["median_ms"] < TARGETS["results_report_ms"]
            rows.append((f"results report for a year, {label}, under 2 s", met,
                         f"{r['median_ms']} ms ({r['people']} people, {r['hours']} h)"))  # fmt: skip
    if month_end and month_end.get("error"):
        rows.append((f"month-end run, {month_end['clients']} clients, under 15 min", False,
                     f"failed after {month_end['run_s']} s with {month_end['error']}; "
                     f"{month_end['result']['issued_before_the_error']} invoices issued before"))  # fmt: skip
    elif month_end:
        result = month_end["result"]
        finished = result.get("finished", True) and result.get("done", month_end["clients"]) == month_end["clients"]
        rows.append((f"month-end run, {month_end['clients']} clients, under 15 min",
                     finished and month_end["run_s"] < TARGETS["month_end_s"],
                     f"{month_end['run_s']} s (issuing{'' if finished else ', NOT FINISHED'}, "
                     f"{result.get('parts', 1)} tasks, {result.get('issued')} invoices); "
                     f"{month_end['with_pdfs_s']} s until the PDFs were rendered, {month_end['pdfs_missing']} left"))  # fmt: skip  # noqa: E501
    peak = max(memory["peak_rss_mb_per_worker"] or [0])
    rows.append(("gunicorn worker memory under 250 MB", peak < TARGETS["worker_rss_mb"], f"{peak} MB peak"))
    return stats, rows + payment_run_rows(payment_run)


def payment_run_lines(measured: dict) -> list[str]:
    """The payment run's steps as a table of the .md result file."""
    lines = [f"Payment run: {measured['payments']} payments ({measured['held_out']} workers held out), "
             f"{measured['lines']} rows, bank file {measured['bank_file_bytes']} bytes, {measured['ir_reports']} "
             f"Incomes Register reports; the bank paid {measured['paid']} and rejected {measured['rejected']}.", "",
             "| step | s | SQL queries |", "|---|---:|---:|"]  # fmt: skip
    lines += [f"| {name} | {step['s']} | {step['queries']} |" for name, step in measured["steps"].items()]
    return [*lines, f"| **total** | **{measured['total_s']}** | |", ""]


def write_results(report: dict, rows: list) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M")
    report["targets"] = [{"target": t, "met": ok, "measured": m} for t, ok, m in rows]
    (RESULTS / f"{stamp}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    load = report["load_average"]
    lines = [f"# Benchmark {stamp}", "", f"Command: `{report['command']}`", "",
             f"Load average (1, 5, 15 min) at the start: {', '.join(f'{x:.2f}' for x in load['load_at_start'])} "
             f"(waited {load['waited_s']} s for below {load['limit']}); during the load test: "
             f"{load['during_load_test']}; at the end: {', '.join(f'{x:.2f}' for x in load['at_end'])}", ""]  # fmt: skip  # noqa: E501
    if report.get("payment_run") and not report["payment_run"].get("error"):
        lines += payment_run_lines(report["payment_run"])
    lines += [f"Data: {report['data']}", ""]
    if report["pages"]:
        lines += [
            "| page | requests | req/s | median ms | p95 ms | median / trivial |",
            "|---|---:|---:|---:|---:|---:|",
        ]
    for name, row in report["pages"].items():
        lines.append(f"| {name} | {row['requests']} ({row['failures']} failed) | {row['rps']} | {row['median_ms']:.0f} | "  # noqa: E501
                     f"{row['p95_ms']:.0f} | {row.get('median_x_trivial', '')} |")  # fmt: skip
    lines += ["", "| target | met | measured |", "|---|---|---|"]
    lines += [f"| {t} | {'yes' if ok else '**no**'} | {m} |" for t, ok, m in rows]
    (RESULTS / f"{stamp}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return RESULTS / f"{stamp}.md"
