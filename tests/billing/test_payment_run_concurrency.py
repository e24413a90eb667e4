"""Payment runs under races (PostgreSQL, real threads and row locks; each race starts from a barrier).

Each race first runs as a CONTROL with the application's check passed in every thread before any
thread writes (a race window at the critical point, as in tests/trust/test_concurrency.py): the
control shows the check alone does not keep the invariant, so the harness really produces the
race. Then the guarded service, started from a barrier, must keep it: one draft, every assignment
on exactly one live payout line; a run approved once.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db.models import Count
from django.utils import timezone, translation

from billing.models import IncomesRegisterReport, PaymentRun, PaymentRunStatus, PayoutLine, PayoutStatus
from billing.services import payment_runs
from jobcenter.errors import DomainError
from orders.models import Assignment
from tests.factories import CoordinatorFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payer_user, payment_details
from tests.support.races import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

JAN = dt.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class RaceWindow:
    """Wraps a function: each caller, once the function returned, waits until `parties` callers got
    there too (everyone has read, nobody has written yet)."""

    def __init__(self, function, parties: int, timeout: float = 15):
        self.function = function
        self.barrier = threading.Barrier(parties, timeout=timeout)
        self.reached = 0
        self._lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        result = self.function(*args, **kwargs)
        with self._lock:
            self.reached += 1
        self.barrier.wait()
        return result


def _unpaid_work(workers: int = 4) -> list[Assignment]:
    work = []
    for _ in range(workers):
        worker = WorkerFactory()
        payment_details(worker)
        work += [approved_commission_work(worker, JAN, "2"), approved_commission_work(worker, JAN, "1")]
    return work


def _create(by):
    today = timezone.localdate()
    return lambda: payment_runs.payment_run_create(payment_date=today, cutoff_date=today, by=by)


def _assert_each_assignment_on_one_live_line(work: list[Assignment]) -> None:
    live = dict(
        PayoutLine.objects.filter(released=False)
        .values_list("assignment_id")
        .annotate(n=Count("pk"))
        .values_list("assignment_id", "n")
    )
    assert live == {assignment.pk: 1 for assignment in work}


# --- Two coordinators make a run at the same moment ----------------------------------------------
def test_control__the_draft_check_alone_lets_both_coordinators_through(monkeypatch):
    """Both threads pass "is a draft open?" before either has saved its run: only the database's
    one-draft constraint keeps it one run (the next test runs the service as it is)."""
    work = _unpaid_work()
    window = RaceWindow(payment_runs._draft_in_progress, parties=2)
    monkeypatch.setattr(payment_runs, "_draft_in_progress", window)

    results = run_at_once([_create(CoordinatorFactory()), _create(CoordinatorFactory())])

    assert window.reached == 2  # the application-level check let both through
    made = [r for r in results if isinstance(r, PaymentRun)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(made), len(refused)) == (1, 1), results
    assert "is open. Approve or discard it" in str(refused[0].message)
    assert PaymentRun.objects.filter(status=PaymentRunStatus.DRAFT).count() == 1
    _assert_each_assignment_on_one_live_line(work)


def test_create__eight_coordinators_at_once_make_one_draft_and_pay_each_assignment_once():
    work = _unpaid_work()
    coordinators = [CoordinatorFactory() for _ in range(8)]

    results = run_at_once([_create(c) for c in coordinators])

    made = [r for r in results if isinstance(r, PaymentRun)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(made), len(refused)) == (1, 7), results
    assert PaymentRun.objects.count() == 1
    assert made[0].payment_count == 4
    _assert_each_assignment_on_one_live_line(work)


# --- Two payers approve the same run at the same moment -----------------------------------------
def _lock_run_without_lock(run_id: int) -> PaymentRun:
    """`payment_runs._lock_run` with the guard off: the same row, read without a lock."""
    return PaymentRun.objects.get(pk=run_id)


def _draft_run() -> PaymentRun:
    _unpaid_work(3)
    return _create(CoordinatorFactory())()


def test_control__approve_without_the_lock_approves_twice(monkeypatch):
    run = _draft_run()
    first, second = payer_user(), payer_user()
    monkeypatch.setattr(payment_runs, "_lock_run", RaceWindow(_lock_run_without_lock, parties=2))

    results = run_at_once(
        [
            lambda: payment_runs.payment_run_approve(run_id=run.pk, by=first),
            lambda: payment_runs.payment_run_approve(run_id=run.pk, by=second),
        ]
    )

    # Both read "draft" and both approved: two bank files were made for one run, the second
    # overwriting the first one's message id and approver.
    assert [type(r) for r in results] == [PaymentRun, PaymentRun], results


def test_approve__two_payers_at_once_approve_once():
    run = _draft_run()
    first, second = payer_user(), payer_user()

    results = run_at_once(
        [
            lambda: payment_runs.payment_run_approve(run_id=run.pk, by=first),
            lambda: payment_runs.payment_run_approve(run_id=run.pk, by=second),
        ]
    )

    approved = [r for r in results if isinstance(r, PaymentRun)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(approved), len(refused)) == (1, 1), results
    assert "only a draft" in str(refused[0].message)
    run.refresh_from_db()
    assert run.status == PaymentRunStatus.APPROVED and run.approved_by == approved[0].approved_by
    assert set(run.payouts.values_list("status", flat=True)) == {PayoutStatus.IN_PAYMENT}
    assert IncomesRegisterReport.objects.count() == 3  # one per payment, made once
