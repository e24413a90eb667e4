"""Workers' paths (jatkopolku): the default kinds, adding, ending and removing steps with their
guards, the client's "we hired her onto our payroll", the export, and the outcomes report with the
small-group rule (a group of fewer than 5 never shows, nor one that the totals would give away)."""

import datetime as dt

import pytest
from django.utils import timezone

from billing.outcomes import Cell, outcome_report, suppress
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.privacy import build_worker_export
from orders.models import AssignmentStatus
from orders.services.path_hired import path_record_hired_by_client
from tests.factories import (
    ClientContactFactory,
    CoordinatorFactory,
    OrderFactory,
    UnitFactory,
    UnitStaffFactory,
    WorkerFactory,
)
from tests.factories.orders import GigFactory
from tests.factories.states import assignment_in
from workers.models_paths import HIRED_BY_CLIENT, PathStepKind, WorkerPathStep
from workers.services_paths import path_step_add, path_step_end, path_step_remove

pytestmark = [pytest.mark.django_db]

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _english(settings):
    from django.utils import translation

    with translation.override("en"):
        yield


def _kind(code):
    return PathStepKind.objects.get(code=code)


def test_default_kinds_are_seeded_in_three_languages():
    kinds = {k.code: k for k in PathStepKind.objects.all()}
    assert {"social_rehabilitation", "jobcenter", "open_labour_market", HIRED_BY_CLIENT} <= set(kinds)
    assert kinds["open_labour_market"].is_outcome and not kinds["jobcenter"].is_outcome
    assert kinds["jobcenter"].name_fi and kinds["social_rehabilitation"].name_sv == "Social rehabilitering"


def test_unit_staff_add_end_and_remove_a_step():
    worker = WorkerFactory()
    staff = UnitStaffFactory(unit=worker.home_unit)
    today = timezone.localdate()
    step = path_step_add(
        worker_id=worker.pk, kind_id=_kind("jobcenter").pk, started_on=today - dt.timedelta(days=30), by=staff,
        note=" Aloitti siivouskeikoilla ",
    )  # fmt: skip
    assert step.note == "Aloitti siivouskeikoilla" and step.recorded_by == staff and step.ended_on is None
    path_step_end(worker_id=worker.pk, step_id=step.pk, ended_on=today, by=staff)
    step.refresh_from_db()
    assert step.ended_on == today
    with pytest.raises(DomainError, match="already ended"):
        path_step_end(worker_id=worker.pk, step_id=step.pk, ended_on=today, by=staff)
    path_step_remove(worker_id=worker.pk, step_id=step.pk, by=staff)
    assert not WorkerPathStep.objects.exists()


def test_dates_must_be_sane():
    worker = WorkerFactory()
    coordinator = CoordinatorFactory()
    today = timezone.localdate()
    kind = _kind("career_coaching").pk
    with pytest.raises(DomainError, match="end before"):
        path_step_add(worker_id=worker.pk, kind_id=kind, started_on=today, ended_on=today - dt.timedelta(days=1),
                      by=coordinator)  # fmt: skip
    with pytest.raises(DomainError, match="too far"):
        path_step_add(worker_id=worker.pk, kind_id=kind, started_on=today + dt.timedelta(days=800), by=coordinator)
    with pytest.raises(DomainError, match="has come"):
        path_step_add(worker_id=worker.pk, kind_id=kind, started_on=today, ended_on=today + dt.timedelta(days=2),
                      by=coordinator)  # fmt: skip


def test_only_the_workers_unit_or_a_coordinator():
    worker = WorkerFactory()
    kind = _kind("jobcenter").pk
    for outsider in (UnitStaffFactory(), worker.user, ClientContactFactory(with_user=True).user):
        with pytest.raises(ActionNotPermitted):
            path_step_add(worker_id=worker.pk, kind_id=kind, started_on=timezone.localdate(), by=outsider)
    assert path_step_add(worker_id=worker.pk, kind_id=kind, started_on=timezone.localdate(), by=CoordinatorFactory())


def test_an_inactive_kind_cannot_be_chosen():
    kind = _kind("jobcenter")
    kind.is_active = False
    kind.save()
    with pytest.raises(DomainError, match="Choose"):
        path_step_add(worker_id=WorkerFactory().pk, kind_id=kind.pk, started_on=timezone.localdate(),
                      by=CoordinatorFactory())  # fmt: skip


def test_the_client_records_a_hire_once_for_a_worker_who_worked_for_it():
    contact = ClientContactFactory(with_user=True)
    order = OrderFactory(client=contact.organisation, contact=contact)
    assignment = assignment_in(AssignmentStatus.DONE, gig=GigFactory(order=order))
    worker = assignment.worker

    step = path_record_hired_by_client(worker_id=worker.pk, organisation_id=order.client_id, by=contact.user)
    assert step.kind.code == HIRED_BY_CLIENT and step.note == contact.organisation.name
    assert path_record_hired_by_client(worker_id=worker.pk, organisation_id=order.client_id, by=contact.user) is None
    assert WorkerPathStep.objects.count() == 1

    stranger = WorkerFactory()
    with pytest.raises(ActionNotPermitted):
        path_record_hired_by_client(worker_id=stranger.pk, organisation_id=order.client_id, by=contact.user)
    with pytest.raises(ActionNotPermitted):
        path_record_hired_by_client(
            worker_id=worker.pk, organisation_id=order.client_id, by=ClientContactFactory(with_user=True).user
        )


def test_export__the_path_is_special_category():
    worker = WorkerFactory()
    path_step_add(worker_id=worker.pk, kind_id=_kind("jobcenter").pk, started_on=timezone.localdate(),
                  by=CoordinatorFactory())  # fmt: skip
    export = build_worker_export(worker=worker, include_special=True)
    assert len(next(s for s in export["sections"] if s["key"] == "path")["data"]) == 1
    weak = build_worker_export(worker=worker, include_special=False)
    assert next(s for s in weak["sections"] if s["key"] == "path").get("withheld")


# --- The outcomes report ---------------------------------------------------------------------------
def _outcomes(unit, code, people, *, on=TODAY):
    kind = _kind(code)
    for _i in range(people):
        WorkerPathStep.objects.create(worker=WorkerFactory(home_unit=unit), kind=kind, started_on=on)


def test_report__counts_outcomes_started_in_the_period_by_kind_and_unit():
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    _outcomes(vallila, "open_labour_market", 6)
    _outcomes(toolo, "open_labour_market", 7)
    _outcomes(vallila, "open_labour_market", 9, on=TODAY.replace(year=2025))  # another period
    _outcomes(vallila, "jobcenter", 8)  # not an outcome

    report = outcome_report(start=TODAY.replace(month=1, day=1), end=TODAY)

    assert [name for _pk, name in report.units] == ["Töölö", "Vallila"]
    row = dict((name, (cells, total)) for name, cells, total in report.table())
    cells, total = row[_kind("open_labour_market").name]
    assert [c.shown for c in cells] == [7, 6] and total.shown == 13
    assert report.total.shown == 13


def test_report__a_small_group_and_its_complement_are_hidden():
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    _outcomes(vallila, "open_labour_market", 3)
    _outcomes(toolo, "open_labour_market", 9)
    _outcomes(toolo, "career_coaching", 6)

    report = outcome_report(start=TODAY, end=TODAY)
    row = dict((name, (cells, total)) for name, cells, total in report.table())
    cells, total = row[_kind("open_labour_market").name]
    # Töölö 9, Vallila 3: the 3 is hidden, and so is the 9, or 12 − 9 would give the 3 away.
    assert [c.hidden for c in cells] == [True, True] and total.shown == 12
    shown_text = [str(c.shown) for c in cells]
    assert shown_text == ["hidden (protects a group of fewer than 5)"] * 2


def test_suppress__no_line_has_a_single_hidden_member():
    rows = {"a": {"x": Cell(3), "y": Cell(10), "z": Cell(0)}, "b": {"x": Cell(8), "y": Cell(7), "z": Cell(6)}}
    row_totals = {"a": Cell(13), "b": Cell(21)}
    column_totals = {"x": Cell(11), "y": Cell(17), "z": Cell(6)}
    total = Cell(34)
    suppress(rows, row_totals, column_totals, total)
    lines = [[*r.values(), row_totals[k]] for k, r in rows.items()]
    lines += [[rows["a"][c], rows["b"][c], column_totals[c]] for c in column_totals]
    for line in lines:
        assert sum(1 for cell in line if cell.hidden) != 1
    assert rows["a"]["x"].hidden
