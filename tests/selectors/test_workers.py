import pytest
from django.http import Http404

from jobcenter.errors import ActionNotPermitted
from tests.factories import (
    ClientContactFactory,
    CoordinatorFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from workers.models import AccessLogEntry
from workers.selectors import worker_get_for, worker_list_for, worker_support_needs_for

pytestmark = pytest.mark.django_db


def test_worker_list_for__coordinator_sees_all_staff_their_units_worker_only_self():
    unit_x, unit_y = UnitFactory(), UnitFactory()
    worker_x1, worker_x2 = WorkerFactory(home_unit=unit_x), WorkerFactory(home_unit=unit_x)
    worker_y = WorkerFactory(home_unit=unit_y)

    assert set(worker_list_for(user=CoordinatorFactory())) == {worker_x1, worker_x2, worker_y}
    assert set(worker_list_for(user=UnitStaffFactory(unit=unit_x))) == {worker_x1, worker_x2}
    assert set(worker_list_for(user=UnitStaffFactory(unit=unit_y))) == {worker_y}
    assert set(worker_list_for(user=worker_x1.user)) == {worker_x1}
    assert list(worker_list_for(user=ClientContactFactory(with_user=True).user)) == []
    assert list(worker_list_for(user=UserFactory())) == []


def test_worker_list_for__does_not_load_support_needs():
    WorkerFactory()

    worker = worker_list_for(user=CoordinatorFactory()).get()

    assert "support_needs" in worker.get_deferred_fields()


def test_worker_get_for__out_of_scope_is_404():
    unit_x, unit_y = UnitFactory(), UnitFactory()
    worker_y = WorkerFactory(home_unit=unit_y)

    assert worker_get_for(user=UnitStaffFactory(unit=unit_y), pk=worker_y.pk) == worker_y
    for user in (UnitStaffFactory(unit=unit_x), WorkerFactory(home_unit=unit_y).user, UserFactory()):
        with pytest.raises(Http404):
            worker_get_for(user=user, pk=worker_y.pk)


@pytest.mark.parametrize("who", ["self", "home_unit_staff", "coordinator"])
def test_worker_support_needs_for__allowed_reader_gets_text_and_one_log_entry_per_read(who):
    worker = WorkerFactory(support_needs="Tarvitsee selkeät ohjeet.")
    user = {
        "self": lambda: worker.user,
        "home_unit_staff": lambda: UnitStaffFactory(unit=worker.home_unit),
        "coordinator": CoordinatorFactory,
    }[who]()

    first = worker_support_needs_for(user=user, worker=worker, path="/workers/1/", reason="gig planning")
    second = worker_support_needs_for(user=user, worker=worker)

    assert first == second == "Tarvitsee selkeät ohjeet."
    entries = list(AccessLogEntry.objects.filter(worker=worker).order_by("pk"))
    assert len(entries) == 2
    assert {(e.user_id, e.data, e.action) for e in entries} == {(user.pk, "support_needs", "view")}
    assert (entries[0].path, entries[0].reason) == ("/workers/1/", "gig planning")


def test_worker_support_needs_for__reads_the_stored_text_even_from_a_deferred_list_row():
    worker = WorkerFactory(support_needs="Tauko tunnin välein.")
    coordinator = CoordinatorFactory()
    listed = worker_list_for(user=coordinator).get(pk=worker.pk)

    assert worker_support_needs_for(user=coordinator, worker=listed) == "Tauko tunnin välein."


def test_worker_support_needs_for__refuses_others_and_logs_only_the_denied_attempts():
    worker = WorkerFactory()
    other_unit_staff = UnitStaffFactory(unit=UnitFactory())
    inactive_home_staff = UnitStaffFactory(unit=worker.home_unit)
    inactive_home_staff.unit_memberships.update(is_active=False)
    others = [
        other_unit_staff,
        inactive_home_staff,
        WorkerFactory(home_unit=worker.home_unit).user,  # a workmate
        ClientContactFactory(with_user=True).user,
        UserFactory(),
    ]

    for user in others:
        with pytest.raises(ActionNotPermitted):
            worker_support_needs_for(user=user, worker=worker)

    # LOG-1: failed attempts are logged too, as "denied"; nothing is logged as allowed.
    entries = AccessLogEntry.objects.filter(worker=worker)
    assert not entries.filter(outcome="allowed").exists()
    assert sorted(entries.filter(outcome="denied").values_list("user_id", flat=True)) == sorted(u.pk for u in others)
