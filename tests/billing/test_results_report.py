"""The results report counts done and approved work of the period, per service and per unit, with
euros the bank has paid, and suppresses what would tell about fewer than 5 people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import Payout, PayoutStatus
from billing.results import ResultsFilter, results_report
from orders.models import AssignmentStatus, Feedback, FeedbackSource
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory, TaskTypeFactory
from tests.factories.payments import draft_run, payment_details, payout_in_run
from tests.factories.units import UnitFactory, WorkActivityServiceFactory
from tests.factories.workers import WorkerFactory
from units.models import ServiceKind, UnitClientCount

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)
YEAR = ResultsFilter(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))


def work(unit, people: int, *, hours: str = "3.00", status=AssignmentStatus.APPROVED, date=DAY, gig=None):
    gig = gig or GigFactory(order=OrderFactory(), date=date, workers_needed=max(people, 1))
    return [
        AssignmentFactory(
            gig=gig,
            worker=WorkerFactory(home_unit=unit),
            status=status,
            reported_hours=Decimal(hours),
            approved_hours=Decimal(hours) if status == AssignmentStatus.APPROVED else None,
        )
        for _ in range(people)
    ]


@pytest.fixture
def units():
    disability = WorkActivityServiceFactory(kind=ServiceKind.DISABILITY)
    adult = WorkActivityServiceFactory(kind=ServiceKind.ADULT_SOCIAL_WORK)
    return {
        "vallila": UnitFactory(service=disability, name="Vallila"),
        "toolo": UnitFactory(service=disability, name="Töölö"),
        "uusix": UnitFactory(service=adult, name="Uusix"),
    }


def test_counts_people_hours_gigs_and_clients_per_service_and_unit(units):
    work(units["vallila"], 6)
    work(units["toolo"], 5, hours="4.00")
    work(units["toolo"], 1, status=AssignmentStatus.DONE, hours="2.00")  # reported, not yet approved
    work(units["uusix"], 5)
    work(units["uusix"], 3, status=AssignmentStatus.ACCEPTED)  # not done: not counted
    work(units["uusix"], 4, date=dt.date(2024, 12, 31))  # before the period

    report = results_report(YEAR)

    assert (report.total.people, report.total.hours, report.total.gigs, report.total.clients) == (
        17,
        Decimal("55.00"),
        4,
        4,
    )
    services = {g.key: (g.people, g.hours) for g in report.by_service}
    assert services == {"disability": (12, Decimal("40.00")), "adult_social_work": (5, Decimal("15.00"))}
    units_shown = {g.label: (g.people, g.hours) for g in report.by_unit}
    assert units_shown == {
        "Vallila": (6, Decimal("18.00")),
        "Töölö": (6, Decimal("22.00")),
        "Uusix": (5, Decimal("15.00")),
    }


def test_filters_by_service_and_unit(units):
    work(units["vallila"], 6)
    work(units["uusix"], 5)
    adult = units["uusix"].service_id
    assert results_report(ResultsFilter(YEAR.start, YEAR.end, service_id=adult)).total.people == 5
    assert results_report(ResultsFilter(YEAR.start, YEAR.end, unit_id=units["vallila"].pk)).total.people == 6


def test_a_small_unit_is_hidden_with_the_next_smallest_and_the_service_stays_honest(units):
    work(units["vallila"], 9)
    work(units["toolo"], 3)  # small
    work(units["uusix"], 6)

    report = results_report(YEAR)

    rows = {g.label: g for g in report.by_unit}
    assert rows["Töölö"].suppressed and rows["Töölö"].hours is None and rows["Töölö"].earnings is None
    # Disability minus Vallila would give Töölö: Vallila is hidden too (the other unit of the service).
    assert rows["Vallila"].suppressed
    assert not rows["Uusix"].suppressed
    assert report.total.people == 18


def test_earnings_are_the_euros_the_bank_paid(units):
    today = timezone.localdate()
    recent = ResultsFilter(start=today - dt.timedelta(days=60), end=today)
    [assignment] = work(units["vallila"], 1, date=today - dt.timedelta(days=10))
    work(units["vallila"], 5, date=today - dt.timedelta(days=10))
    payout = payout_in_run(assignment.worker)
    assert results_report(recent).total.earnings == Decimal("0.00")  # a draft run is not paid

    type(payout).objects.filter(pk=payout.pk).update(status=PayoutStatus.PAID)  # the bank's status report
    paid = sum(line.amount for line in payout.lines.filter(assignment=assignment))
    assert paid > 0
    assert results_report(recent).total.earnings == paid


def test_earnings_are_summed_per_service_unit_and_task_type(units):
    today = timezone.localdate()
    day = today - dt.timedelta(days=10)
    recent = ResultsFilter(start=today - dt.timedelta(days=60), end=today)
    cleaning = TaskTypeFactory(code="cleaning")
    moving = TaskTypeFactory(code="moving", name_fi="Muutto", name_sv="Flytt", name_en="Moving")
    cleaning_gig = GigFactory(order=OrderFactory(task_type=cleaning), date=day, workers_needed=6)
    moving_gig = GigFactory(order=OrderFactory(task_type=moving), date=day, workers_needed=5)
    vallila = work(units["vallila"], 6, gig=cleaning_gig)
    uusix = work(units["uusix"], 5, gig=moving_gig)
    # Two of the workers have bank details: the run pays them and holds the others.
    payment_details(vallila[0].worker)
    payment_details(uusix[0].worker)
    run = draft_run()
    Payout.objects.filter(run=run).update(status=PayoutStatus.PAID)  # the bank's status report
    paid_vallila = sum(line.amount for line in vallila[0].payout_lines.all())
    paid_uusix = sum(line.amount for line in uusix[0].payout_lines.all())
    assert paid_vallila > 0 and paid_uusix > 0

    report = results_report(recent)

    assert {g.label: g.earnings for g in report.by_unit} == {"Vallila": paid_vallila, "Uusix": paid_uusix}
    assert {g.key: g.earnings for g in report.by_service} == {
        "disability": paid_vallila,
        "adult_social_work": paid_uusix,
    }
    assert {g.key: g.earnings for g in report.task_types} == {
        str(cleaning.pk): paid_vallila,
        str(moving.pk): paid_uusix,
    }
    assert report.total.earnings == paid_vallila + paid_uusix


def test_rating_quotes_and_first_gigs(units):
    done = work(units["vallila"], 6)
    for n, assignment in enumerate(done):
        Feedback.objects.create(
            assignment=assignment,
            rating=4 + n % 2,
            text=f"Hyvä työ {n}",
            source=FeedbackSource.COORDINATOR,
            given_by_name="Tiina Lehtonen",
            may_quote=n < 2,
        )
    later = GigFactory(order=OrderFactory(), date=DAY + dt.timedelta(days=7), workers_needed=6)
    for assignment in done:
        AssignmentFactory(
            gig=later,
            worker=assignment.worker,
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("2"),
            approved_hours=Decimal("2"),
        )

    report = results_report(YEAR)

    assert (report.rating.average, report.rating.count) == (Decimal("4.5"), 6)
    assert sorted(report.quotes) == ["Hyvä työ 0", "Hyvä työ 1"]
    assert not any("Tiina" in q for q in report.quotes)
    assert (report.first_and_repeat.first_gigs, report.first_and_repeat.repeat_gigs) == (6, 6)


def test_unit_share_of_its_clients(units):
    work(units["vallila"], 6)
    UnitClientCount.objects.create(
        unit=units["vallila"], period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 30), clients=24
    )
    UnitClientCount.objects.create(
        unit=units["toolo"], period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 30), clients=30
    )

    shares = {s.label: s for s in results_report(YEAR).unit_shares}

    assert (shares["Vallila"].people, shares["Vallila"].share_percent) == (6, Decimal("25.0"))
    assert shares["Töölö"].suppressed and shares["Töölö"].share_percent is None


def test_the_query_count_does_not_grow_with_the_data(units, django_assert_max_num_queries):
    work(units["vallila"], 6)
    with django_assert_max_num_queries(20) as few:
        results_report(YEAR)
    work(units["toolo"], 12)
    work(units["uusix"], 9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        results_report(YEAR)


def _done(worker, unit, day, status=AssignmentStatus.APPROVED):
    gig = GigFactory(order=OrderFactory(), date=day)
    return AssignmentFactory(
        gig=gig, worker=worker, unit=unit, status=status, reported_hours=Decimal("2"), approved_hours=Decimal("2")
    )


def test_a_first_gig_is_the_workers_first_ever_and_counts_in_the_unit_that_had_it(units):
    vallila, toolo, uusix = units["vallila"], units["toolo"], units["uusix"]
    for _ in range(6):  # worked before the period: every gig in it is a repeat
        worker = WorkerFactory(home_unit=vallila)
        _done(worker, vallila, dt.date(2024, 11, 5))
        _done(worker, vallila, DAY)
    for _ in range(6):  # new in the period: the first of two gigs is her first
        worker = WorkerFactory(home_unit=vallila)
        _done(worker, vallila, DAY + dt.timedelta(days=7))
        _done(worker, vallila, DAY)
    for _ in range(5):  # new, first through Töölö, then a Vallila gig
        worker = WorkerFactory(home_unit=toolo)
        _done(worker, toolo, DAY)
        _done(worker, vallila, DAY + dt.timedelta(days=7))
    for _ in range(5):  # a gig accepted before the period was never done: the first is in the period
        worker = WorkerFactory(home_unit=uusix)
        _done(worker, uusix, dt.date(2024, 11, 5), status=AssignmentStatus.ACCEPTED)
        _done(worker, uusix, DAY)

    city = results_report(YEAR).first_and_repeat
    assert (city.first_gigs, city.repeat_gigs) == (6 + 5 + 5, 6 + 6 + 5)
    in_vallila = results_report(ResultsFilter(YEAR.start, YEAR.end, unit_id=vallila.pk)).first_and_repeat
    assert (in_vallila.first_gigs, in_vallila.repeat_gigs) == (6, 6 + 6 + 5)
