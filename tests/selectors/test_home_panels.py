import pytest
from django.contrib.auth.models import Permission

from jobcenter.roles import roles_of
from orders.models import OrderStatus
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    OrderFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from web.public.panels import home_panels_for

pytestmark = pytest.mark.django_db


def _panels(user):
    return {panel.key: panel for panel in home_panels_for(user=user, roles=roles_of(user))}


def test_home_panels_for__user_without_role_gets_no_panels():
    assert _panels(UserFactory()) == {}


def test_home_panels_for__each_role_gets_its_panels():
    worker = WorkerFactory()
    staff = UnitStaffFactory()
    contact = ClientContactFactory(with_user=True)

    assert list(_panels(CoordinatorFactory())) == ["order_counts", "newest_orders"]
    assert list(_panels(worker.user)) == ["worker_offered", "worker_upcoming", "worker_past"]
    assert list(_panels(staff)) == ["unit_needs", "unit_upcoming"]
    assert list(_panels(contact.user)) == ["client_orders"]


def test_home_panels_for__coordinator_who_is_also_a_client_sees_only_own_orders_in_client_panel():
    contact = ClientContactFactory(with_user=True)
    own = OrderFactory(contact=contact)
    OrderFactory()
    user = contact.user
    user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    user = type(user).objects.get(pk=user.pk)

    panels = _panels(user)

    assert {"order_counts", "newest_orders", "client_orders"} <= set(panels)
    assert panels["client_orders"].items == [own]
    assert len(panels["newest_orders"].items) == 2


def test_home_panels_for__order_counts_list_every_state_with_its_label():
    OrderFactory.create_batch(2, staffing=True)

    counts = _panels(CoordinatorFactory())["order_counts"].items

    staffing = next(row for row in counts if row["status"] == OrderStatus.STAFFING)
    assert staffing["count"] == 2
    assert str(staffing["label"]) == "Työntekijöiden haku"
    assert len(counts) == len(OrderStatus.values)


def test_home_panels_for__worker_panels_hold_only_the_workers_own_gigs():
    mine = AssignmentFactory(offered=True)
    AssignmentFactory(offered=True)

    panels = _panels(mine.worker.user)

    assert panels["worker_offered"].items == [mine.gig]
    assert panels["worker_upcoming"].items == []
    assert str(panels["worker_upcoming"].empty_text) == "Sinulla ei ole tulevia keikkoja."
