import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from billing.pricing import with_worker_hourly_pay
from jobcenter.roles import roles_of
from orders.models import AssignmentStatus, OrderStatus, OrderUnitNotice
from orders.selectors import (
    assignment_list_for,
    gig_list_for_worker,
    needs_for_unit,
    order_get_for,
    order_list_for,
    order_status_counts_for,
)
from tests.factories import (
    AdministratorFactory,
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db


def _client_user(organisation=None):
    contact = ClientContactFactory(with_user=True, **({"organisation": organisation} if organisation else {}))
    return contact.user, contact


def test_order_list_for__coordinator_and_administrator_see_every_order():
    orders = OrderFactory.create_batch(3)
    for user in (CoordinatorFactory(), AdministratorFactory()):
        assert set(order_list_for(user=user)) == set(orders)


def test_order_list_for__client_sees_only_own_organisation_orders():
    user_p, contact_p = _client_user()
    own = OrderFactory(contact=contact_p)
    colleague_order = OrderFactory(contact=ClientContactFactory(organisation=contact_p.organisation))
    OrderFactory()  # client Q's order

    assert set(order_list_for(user=user_p)) == {own, colleague_order}


def test_order_list_for__unit_staff_see_informed_orders_and_orders_their_workers_are_on():
    unit_x, unit_y = UnitFactory(), UnitFactory()
    staff_x = UnitStaffFactory(unit=unit_x)
    informed = OrderFactory(staffing=True)
    OrderUnitNotice.objects.create(order=informed, unit=unit_x)
    worked_on = AssignmentFactory(worker=WorkerFactory(home_unit=unit_x)).gig.order
    informed_y = OrderFactory(staffing=True)
    OrderUnitNotice.objects.create(order=informed_y, unit=unit_y)
    AssignmentFactory(worker=WorkerFactory(home_unit=unit_y))
    OrderFactory()

    assert set(order_list_for(user=staff_x)) == {informed, worked_on}


def test_order_list_for__worker_and_user_without_role_see_no_orders():
    assignment = AssignmentFactory(accepted=True)
    assert list(order_list_for(user=assignment.worker.user)) == []
    assert list(order_list_for(user=UserFactory())) == []


def test_order_list_for__inactive_staff_membership_gives_no_orders():
    unit = UnitFactory()
    staff = UnitStaffFactory(unit=unit)
    staff.unit_memberships.update(is_active=False)
    order = OrderFactory(staffing=True)
    OrderUnitNotice.objects.create(order=order, unit=unit)

    assert list(order_list_for(user=staff)) == []


def test_order_list_for__annotates_gig_and_filled_place_counts():
    gig = GigFactory()
    GigFactory(order=gig.order)
    AssignmentFactory(gig=gig, accepted=True)
    AssignmentFactory(gig=gig, status=AssignmentStatus.PROPOSED)

    order = order_list_for(user=CoordinatorFactory()).get(pk=gig.order.pk)

    assert (order.gig_count, order.filled_places) == (2, 1)


def test_order_list_for__filters_narrow_the_scoped_list():
    user, contact = _client_user()
    submitted = OrderFactory(contact=contact, title="Ikkunoiden pesu")
    staffing = OrderFactory(contact=contact, staffing=True)
    other_client_staffing = OrderFactory(staffing=True)

    assert list(order_list_for(user=user, filters={"status": OrderStatus.STAFFING})) == [staffing]
    assert list(order_list_for(user=user, filters={"q": "ikkuno"})) == [submitted]
    assert other_client_staffing not in order_list_for(user=user, filters={"status": OrderStatus.STAFFING})


def test_order_get_for__returns_an_order_in_scope():
    user, contact = _client_user()
    order = OrderFactory(contact=contact)

    assert order_get_for(user=user, pk=order.pk) == order


def test_order_get_for__out_of_scope_is_404():
    user_p, _ = _client_user()
    order_q = OrderFactory()
    worker = WorkerFactory()
    staff = UnitStaffFactory()

    for user in (user_p, worker.user, staff, UserFactory()):
        with pytest.raises(Http404):
            order_get_for(user=user, pk=order_q.pk)


def test_order_status_counts_for__counts_each_state_in_scope_in_one_query(django_assert_num_queries):
    user, contact = _client_user()
    OrderFactory.create_batch(2, contact=contact)
    OrderFactory(contact=contact, staffing=True)
    OrderFactory.create_batch(3)  # another client's
    roles_of(user)  # the roles are known once per request; the counts are one query more

    with django_assert_num_queries(1):
        counts = order_status_counts_for(user=user)

    assert counts[OrderStatus.SUBMITTED] == 2
    assert counts[OrderStatus.STAFFING] == 1
    assert counts[OrderStatus.DONE] == 0
    assert list(counts) == list(OrderStatus.values)


def test_gig_list_for_worker__gives_only_own_gigs_with_assignment_and_pay():
    mine = AssignmentFactory(offered=True)
    AssignmentFactory(offered=True)  # worker B's
    AssignmentFactory(gig=mine.gig, offered=True)  # worker B on the same gig

    gigs = list(with_worker_hourly_pay(gig_list_for_worker(worker=mine.worker)))

    assert gigs == [mine.gig]
    assert gigs[0].assignment_id == mine.pk
    assert gigs[0].assignment_status == AssignmentStatus.OFFERED
    assert gigs[0].worker_hourly_pay == Decimal("10.00")


def test_gig_list_for_worker__splits_upcoming_and_past_gigs():
    worker = WorkerFactory()
    coming = AssignmentFactory(worker=worker, accepted=True)
    done = AssignmentFactory(worker=worker, done=True)

    assert list(gig_list_for_worker(worker=worker, upcoming=True)) == [coming.gig]
    assert list(gig_list_for_worker(worker=worker, upcoming=False)) == [done.gig]
    assert list(gig_list_for_worker(worker=worker, statuses=[AssignmentStatus.DONE])) == [done.gig]


def test_assignment_list_for__worker_sees_own_staff_their_units_coordinator_all():
    unit_x, unit_y = UnitFactory(), UnitFactory()
    worker_a = WorkerFactory(home_unit=unit_x)
    worker_b = WorkerFactory(home_unit=unit_y)
    a = AssignmentFactory(worker=worker_a)
    b = AssignmentFactory(worker=worker_b)

    assert set(assignment_list_for(user=worker_a.user)) == {a}
    assert set(assignment_list_for(user=UnitStaffFactory(unit=unit_x))) == {a}
    assert set(assignment_list_for(user=UnitStaffFactory(unit=unit_y))) == {b}
    assert set(assignment_list_for(user=CoordinatorFactory())) == {a, b}
    assert list(assignment_list_for(user=_client_user()[0])) == []


def test_needs_for_unit__gives_staffing_orders_announced_to_my_units_with_coming_gigs():
    unit_x, unit_y = UnitFactory(), UnitFactory()
    staff_x = UnitStaffFactory(unit=unit_x)
    need = OrderFactory(staffing=True)
    OrderUnitNotice.objects.create(order=need, unit=unit_x)
    coming = GigFactory(order=need)
    GigFactory(order=need, date=timezone.localdate() - dt.timedelta(days=3))
    AssignmentFactory(gig=coming, accepted=True)
    not_staffing = OrderFactory(terms_accepted=True)
    OrderUnitNotice.objects.create(order=not_staffing, unit=unit_x)
    other_unit = OrderFactory(staffing=True)
    OrderUnitNotice.objects.create(order=other_unit, unit=unit_y)

    needs = list(needs_for_unit(user=staff_x))

    assert needs == [need]
    assert [(g.pk, g.filled_places) for g in needs[0].gigs.all()] == [(coming.pk, 1)]
    assert list(needs_for_unit(user=CoordinatorFactory())) == []
