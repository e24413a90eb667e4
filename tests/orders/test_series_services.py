"""Repeating gigs through the services: the dates of every second week, until a date or a number of
times, the cap; a change from a date on (earlier dates stay, the people on a moved date are told, a
date no longer on the rule is cancelled with the reason); skipping one date; the coming dates
defaulting to the last date's workers, who must still accept; and the guards."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders.models import (
    Assignment,
    AssignmentStatus,
    ContractType,
    GigSeries,
    OrderEvent,
    OrderStatus,
    OrderUnitNotice,
)
from orders.series_rule import MAX_DATES, Rule, rule_dates
from orders.services import series as series_services
from orders.services.assignments import assignment_accept, assignment_offer, assignment_propose
from orders.services.gig_changes import gig_cancel, gig_change
from tests.factories import UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import order_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

TODAY = dt.date(2031, 3, 3)  # a Monday
TUESDAY = 1


@pytest.fixture(autouse=True)
def _today():
    with freeze_time("2031-03-03 08:00:00+02:00"):
        yield


def _order(status=OrderStatus.STAFFING):
    return order_in(status, contract_type=ContractType.COMMISSION)


def _series(order, by, **kwargs):
    values = dict(
        first_date=TODAY + dt.timedelta(days=1),
        interval_weeks=2,
        weekdays=[TUESDAY],
        start_time=dt.time(9),
        planned_hours="2",
        count=6,
    )
    values.update(kwargs)
    return series_services.series_create(order_id=order.pk, by=by, **values)


def _dates(series):
    return [g.date for g in series.gigs.live().order_by("date")]


def test_every_second_week__six_times_from_the_first_tuesday(coordinator):
    series = _series(_order(), coordinator)

    assert _dates(series) == [dt.date(2031, 3, 4) + dt.timedelta(weeks=2 * n) for n in range(6)]
    gig = series.gigs.first()
    assert (gig.start_time, gig.planned_hours, gig.workers_needed) == (dt.time(9), Decimal("2.00"), 1)
    row = series.order.status_changes.get(kind=OrderEvent.SERIES_CREATED)
    assert row.describe() == "A repeating gig was added: 6 dates from 4.3.2031 to 13.5.2031."


def test_until_a_date_includes_that_date_and_several_weekdays(coordinator):
    series = _series(
        _order(),
        coordinator,
        first_date=TODAY,
        interval_weeks=1,
        weekdays=[0, 3],
        count=None,
        until_date=dt.date(2031, 3, 17),
    )

    assert _dates(series) == [dt.date(2031, 3, d) for d in (3, 6, 10, 13, 17)]


def test_the_rule_keeps_the_rhythm_of_the_first_week():
    # The first date a Thursday, every second week on Tuesdays and Thursdays: that week's Tuesday
    # has gone by, the next Tuesday is in an off week.
    dates = rule_dates(Rule(start=dt.date(2031, 3, 6), interval_weeks=2, weekdays=(1, 3), count=3))
    assert dates == [dt.date(2031, 3, 6), dt.date(2031, 3, 18), dt.date(2031, 3, 20)]


@pytest.mark.parametrize(
    "rule",
    [
        Rule(start=TODAY, interval_weeks=1, weekdays=(0,), count=MAX_DATES + 1),
        Rule(start=TODAY, interval_weeks=1, weekdays=(0, 1), until=TODAY + dt.timedelta(days=400)),
        Rule(start=TODAY, interval_weeks=1, weekdays=(0, 1, 2), until=TODAY + dt.timedelta(days=200)),
    ],
)
def test_a_series_over_the_cap_is_refused_with_a_clear_message(rule):
    with pytest.raises(DomainError, match="at most 60 dates within a year"):
        rule_dates(rule)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(weekdays=[]), "Choose at least one weekday"),
        (dict(count=None), "either the last date or the number of times"),
        (dict(until_date=TODAY + dt.timedelta(days=30)), "either the last date or the number of times"),
        (dict(first_date=TODAY - dt.timedelta(days=1)), "first date is in the past"),
        (dict(interval_weeks=9), "every 8 weeks at the longest"),
    ],
)
def test_series_create__refuses_a_rule_without_dates(coordinator, kwargs, message):
    order = _order()
    with pytest.raises(DomainError, match=message):
        _series(order, coordinator, **kwargs)
    assert not GigSeries.objects.exists() and not order.gigs.exists()


def test_series_create__the_order_must_take_gigs_and_the_user_enter_them(coordinator):
    with pytest.raises(DomainError, match="once the client has accepted the terms"):
        _series(_order(OrderStatus.TERMS_SENT), coordinator)
    with pytest.raises(ActionNotPermitted):
        _series(_order(), UnitStaffFactory())
    assert not GigSeries.objects.exists()


def test_series_create__staff_of_an_informed_unit_may(coordinator):
    order = _order()
    unit = UnitFactory()
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)

    series = _series(order, UnitStaffFactory(unit=unit), count=2)

    assert len(_dates(series)) == 2


def _staffed(order, coordinator, series):
    """Aino proposed by her unit, offered and accepted on the first date."""
    unit = UnitFactory()
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    staff = UnitStaffFactory(unit=unit)
    aino = WorkerFactory(home_unit=unit)
    first = series.gigs.order_by("date").first()
    assignment = assignment_propose(gig_id=first.pk, worker_id=aino.pk, by=staff, support="phone")
    assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assignment_accept(assignment_id=assignment.pk, by=aino.user)
    return staff, aino, assignment


def test_change_from_a_date__earlier_dates_stay_the_moved_ones_are_told(
    coordinator, django_capture_on_commit_callbacks
):
    order = _order()
    series = _series(order, coordinator)
    _staff, aino, _assignment = _staffed(order, coordinator, series)
    third = dt.date(2031, 4, 1)
    taken = series.gigs.get(date=third)
    Assignment.objects.create(
        gig=taken, worker=aino, proposed_by=_staff, unit=aino.home_unit, support="phone", status="accepted"
    )

    with django_capture_on_commit_callbacks(execute=True):
        series_services.series_change_from(
            series_id=series.pk,
            by=coordinator,
            from_date=third,
            interval_weeks=2,
            weekdays=[3],  # Thursdays instead of Tuesdays
            start_time=dt.time(10),
            planned_hours="2,5",
            workers_needed=1,
            count=4,
        )

    gigs = list(series.gigs.live().order_by("date"))
    assert [(g.date, g.start_time) for g in gigs] == [
        (dt.date(2031, 3, 4), dt.time(9)),
        (dt.date(2031, 3, 18), dt.time(9)),
        (dt.date(2031, 4, 3), dt.time(10)),
        (dt.date(2031, 4, 17), dt.time(10)),
        (dt.date(2031, 5, 1), dt.time(10)),
        (dt.date(2031, 5, 15), dt.time(10)),
    ]
    taken.refresh_from_db()
    assert taken.date == dt.date(2031, 4, 3) and taken.planned_hours == Decimal("2.50")
    assert OutboundEmail.objects.filter(code="gig_changed_worker", to=aino.user.email).count() == 1
    row = order.status_changes.get(kind=OrderEvent.SERIES_CHANGED)
    assert row.describe() == "The repeating gig was changed from 1.4.2031 on: 4 dates changed, 0 added, 0 removed."
    series.refresh_from_db()
    assert (series.rule_from, series.weekdays, series.count) == (third, "3", 4)


def test_change_from_a_date__fewer_dates_are_cancelled_with_the_reason(coordinator):
    order = _order()
    series = _series(order, coordinator)

    with pytest.raises(DomainError, match="Write why"):
        series_services.series_change_from(
            series_id=series.pk,
            by=coordinator,
            from_date=dt.date(2031, 4, 1),
            interval_weeks=2,
            weekdays=[TUESDAY],
            start_time=dt.time(9),
            planned_hours="2",
            workers_needed=1,
            count=2,
        )
    series_services.series_change_from(
        series_id=series.pk,
        by=coordinator,
        from_date=dt.date(2031, 4, 1),
        interval_weeks=2,
        weekdays=[TUESDAY],
        start_time=dt.time(9),
        planned_hours="2",
        workers_needed=1,
        count=2,
        reason="Taloyhtiö siivoaa itse keväällä.",
    )

    assert _dates(series) == [dt.date(2031, 3, 4), dt.date(2031, 3, 18), dt.date(2031, 4, 1), dt.date(2031, 4, 15)]
    cancelled = series.gigs.cancelled().order_by("date")
    assert [g.date for g in cancelled] == [dt.date(2031, 4, 29), dt.date(2031, 5, 13)]
    assert {g.cancellation_reason for g in cancelled} == {"Taloyhtiö siivoaa itse keväällä."}
    assert order.status_changes.filter(kind=OrderEvent.GIG_CANCELLED).count() == 2


def test_change_from_a_date__weekly_adds_dates_and_keeps_a_skipped_one(coordinator):
    order = _order()
    series = _series(order, coordinator, count=3)
    series_services.series_skip(series_id=series.pk, by=coordinator, date=dt.date(2031, 3, 18), reason="Pääsiäinen")

    series_services.series_change_from(
        series_id=series.pk,
        by=coordinator,
        from_date=dt.date(2031, 3, 18),
        interval_weeks=1,
        weekdays=[TUESDAY],
        start_time=dt.time(9),
        planned_hours="2",
        workers_needed=1,
        until_date=dt.date(2031, 4, 1),
    )

    assert _dates(series) == [dt.date(2031, 3, 4), dt.date(2031, 3, 25), dt.date(2031, 4, 1)]


def test_change_from_a_date__refused_in_the_past_and_for_unit_staff(coordinator):
    series = _series(_order(), coordinator)
    args = dict(interval_weeks=2, weekdays=[1], start_time=dt.time(9), planned_hours="2", workers_needed=1, count=1)
    with pytest.raises(DomainError, match="from today on"):
        series_services.series_change_from(
            series_id=series.pk, by=coordinator, from_date=TODAY - dt.timedelta(days=1), **args
        )
    with pytest.raises(ActionNotPermitted):
        series_services.series_change_from(series_id=series.pk, by=UnitStaffFactory(), from_date=TODAY, **args)


def test_skip__cancels_that_date_through_the_gig_cancel_and_tells_the_worker(
    coordinator, django_capture_on_commit_callbacks
):
    order = _order()
    series = _series(order, coordinator)
    _staff, aino, assignment = _staffed(order, coordinator, series)

    with django_capture_on_commit_callbacks(execute=True):
        series_services.series_skip(series_id=series.pk, by=coordinator, date=dt.date(2031, 3, 4), reason="Remontti")

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert OutboundEmail.objects.filter(code="gig_cancelled_worker", to=aino.user.email).exists()
    assert len(_dates(series)) == 5
    with pytest.raises(DomainError, match="no date on 4.3.2031"):
        series_services.series_skip(series_id=series.pk, by=coordinator, date=dt.date(2031, 3, 4), reason="x")
    with pytest.raises(DomainError, match="Write why"):
        series_services.series_skip(series_id=series.pk, by=coordinator, date=dt.date(2031, 3, 18), reason=" ")


def test_same_workers__the_unit_proposes_the_coordinator_offers_nobody_is_accepted(coordinator):
    order = _order()
    series = _series(order, coordinator)
    staff, aino, _assignment = _staffed(order, coordinator, series)

    # The coordinator offering before the unit proposed: each date is reported, nothing offered.
    early = series_services.series_offer_same_workers(series_id=series.pk, by=coordinator)
    assert not early.done and len(early.refused) == 5

    proposed = series_services.series_propose_same_workers(series_id=series.pk, by=staff)
    assert len(proposed.done) == 5 and not proposed.refused
    offered = series_services.series_offer_same_workers(series_id=series.pk, by=coordinator)

    assert len(offered.done) == 5 and not offered.refused
    coming = Assignment.objects.filter(worker=aino, gig__series=series).exclude(gig__date=dt.date(2031, 3, 4))
    assert {a.status for a in coming} == {AssignmentStatus.OFFERED}
    assert OutboundEmail.objects.filter(code="gig_offered", to=aino.user.email).count() >= 5
    # Twice changes nothing.
    again = series_services.series_offer_same_workers(series_id=series.pk, by=coordinator)
    assert not again.done and not again.refused


def test_same_workers__needs_a_staffed_date_and_the_right_people(coordinator):
    order = _order()
    series = _series(order, coordinator)
    with pytest.raises(DomainError, match="No date of this repeating gig has workers"):
        series_services.series_offer_same_workers(series_id=series.pk, by=coordinator)
    _staff, _aino, _assignment = _staffed(order, coordinator, series)
    with pytest.raises(ActionNotPermitted):
        series_services.series_offer_same_workers(series_id=series.pk, by=UnitStaffFactory())
    other = UnitFactory()
    OrderUnitNotice.objects.create(order=order, unit=other, informed_by=coordinator)
    with pytest.raises(DomainError, match="None of the workers"):
        series_services.series_propose_same_workers(series_id=series.pk, by=UnitStaffFactory(unit=other))


def test_same_workers__an_offer_the_guards_refuse_is_reported_and_the_rest_go_on(coordinator, monkeypatch):
    order = _order()
    series = _series(order, coordinator, count=3)
    staff, _aino, _assignment = _staffed(order, coordinator, series)
    series_services.series_propose_same_workers(series_id=series.pk, by=staff)
    from orders import hooks

    refused_date = dt.date(2031, 3, 18)
    real = hooks.offer_blocker
    monkeypatch.setattr(
        hooks, "offer_blocker", lambda a: "Tulot ylittäisivät rajan." if a.gig.date == refused_date else real(a)
    )

    result = series_services.series_offer_same_workers(series_id=series.pk, by=coordinator)

    assert [g.date for g, _name in result.done] == [dt.date(2031, 4, 1)]
    assert [(g.date, message) for g, _name, message in result.refused] == [(refused_date, "Tulot ylittäisivät rajan.")]


def _informed_staff(order, coordinator):
    unit = UnitFactory()
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    return UnitStaffFactory(unit=unit)


def test_change_from_a_date__staff_of_an_informed_unit_may_and_the_history_names_them(coordinator):
    order = _order()
    series = _series(order, coordinator)
    staff = _informed_staff(order, coordinator)

    series_services.series_change_from(
        series_id=series.pk,
        by=staff,
        from_date=dt.date(2031, 4, 1),
        interval_weeks=2,
        weekdays=[3],
        start_time=dt.time(10),
        planned_hours="2",
        workers_needed=1,
        count=2,
        reason="Asukas muuttaa.",
    )

    assert _dates(series) == [dt.date(2031, 3, d) for d in (4, 18)] + [dt.date(2031, 4, 3), dt.date(2031, 4, 17)]
    assert order.status_changes.get(kind=OrderEvent.SERIES_CHANGED).by == staff
    assert {row.by for row in order.status_changes.filter(kind=OrderEvent.GIG_CHANGED)} == {staff}
    cancelled = series.gigs.cancelled()
    assert cancelled.count() == 2 and {g.cancelled_by for g in cancelled} == {staff}


def test_skip__staff_of_an_informed_unit_may_and_the_history_names_them(coordinator):
    order = _order()
    series = _series(order, coordinator)
    staff = _informed_staff(order, coordinator)

    gig = series_services.series_skip(series_id=series.pk, by=staff, date=dt.date(2031, 3, 18), reason="Pääsiäinen")

    assert gig.is_cancelled and gig.cancelled_by == staff
    row = order.status_changes.get(kind=OrderEvent.GIG_CANCELLED)
    assert row.by == staff and row.note == "Pääsiäinen"


def test_change_and_skip__refused_for_staff_of_a_unit_not_informed(coordinator):
    order = _order()
    series = _series(order, coordinator)
    _informed_staff(order, coordinator)
    stranger = _informed_staff(_order(), coordinator)  # informed of another order only
    message = "Only the coordinator or the staff of a unit informed of this order"

    with pytest.raises(ActionNotPermitted, match=message):
        series_services.series_skip(series_id=series.pk, by=stranger, date=dt.date(2031, 3, 18), reason="x")
    with pytest.raises(ActionNotPermitted, match=message):
        series_services.series_change_from(
            series_id=series.pk,
            by=stranger,
            from_date=TODAY,
            interval_weeks=1,
            weekdays=[TUESDAY],
            start_time=dt.time(9),
            planned_hours="2",
            workers_needed=1,
            count=1,
        )
    assert len(_dates(series)) == 6 and not order.status_changes.filter(kind=OrderEvent.GIG_CANCELLED).exists()


def test_unit_staff_still_cannot_cancel_or_change_a_single_gig(coordinator):
    # The series' dates only: the gig services stay the coordinator's.
    order = _order()
    series = _series(order, coordinator)
    staff = _informed_staff(order, coordinator)
    gig = series.gigs.order_by("date").first()

    with pytest.raises(ActionNotPermitted):
        gig_cancel(gig_id=gig.pk, by=staff, reason="x")
    with pytest.raises(ActionNotPermitted):
        gig_change(gig_id=gig.pk, by=staff, date=gig.date, start_time=dt.time(11), planned_hours="2")
