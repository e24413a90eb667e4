"""Two people record the same step of a production order at the same moment (PostgreSQL, real
threads and row locks; each race starts from a barrier).

The CONTROL runs first with the row lock off: both read the order at the same step, and only the
database's unique constraint stops the second row, as an IntegrityError (a server error for the
person). With the lock, the second one waits, finds the step done and is told so in words."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError
from django.utils import timezone

from jobcenter.errors import DomainError
from orders.models import ProductionOrder, ProductionStep, ProductionStepKind
from orders.services import production as services
from tests.factories import CoordinatorFactory
from tests.support.production import production_order
from tests.support.races import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _record(po, by):
    return lambda: services.production_step_record(
        production_order_id=po.pk, step=ProductionStepKind.PROTOTYPES_DESIGNED, by=by, done_on=timezone.localdate()
    )


def test_control__without_the_lock_the_second_record_is_a_database_error(monkeypatch):
    first, second = CoordinatorFactory(), CoordinatorFactory()
    po = production_order(by=first)
    both_read = threading.Barrier(2, timeout=15)

    def read_without_lock(pk):
        # Both threads have read the order at the same step before either writes.
        found = ProductionOrder.objects.get(pk=pk)
        both_read.wait()
        return found

    monkeypatch.setattr(services, "_lock", read_without_lock)
    results = run_at_once([_record(po, first), _record(po, second)])
    assert sum(isinstance(r, IntegrityError) for r in results) == 1
    assert ProductionStep.objects.filter(production_order=po, step=ProductionStepKind.PROTOTYPES_DESIGNED).count() == 1


def test_with_the_lock_the_second_is_told_the_step_is_done():
    first, second = CoordinatorFactory(), CoordinatorFactory()
    po = production_order(by=first)
    results = run_at_once([_record(po, first), _record(po, second)])
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 1 and "The next step" in refused[0].message
    assert sum(isinstance(r, ProductionStep) for r in results) == 1
    assert ProductionStep.objects.filter(production_order=po, step=ProductionStepKind.PROTOTYPES_DESIGNED).count() == 1
