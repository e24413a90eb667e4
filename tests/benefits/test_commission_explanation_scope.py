"""The commission-work explanation page (/benefits/assignments/<pk>/commission-explained/): staff of
the worker's unit and the coordinator, only while the gig waits for its offer, every look logged
(a refused one as denied), and the service refusing a record that can no longer matter."""

import pytest
from django.urls import reverse

from benefits import services
from benefits.models import CommissionWorkExplanation
from jobcenter.errors import DomainError
from orders.models import AssignmentStatus, ContractType, OrderStatus
from tests.factories.accounts import CoordinatorFactory
from tests.factories.auth import login_staff
from tests.factories.benefits import ReceivedBenefitFactory
from tests.factories.orders import GigFactory
from tests.factories.states import assignment_in, order_in
from tests.factories.units import UnitStaffFactory
from tests.factories.workers import WorkerFactory
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db
PAGE_TITLE = "Toimeksiantotyö ja työttömyysetuus"


def _assignment(
    status=AssignmentStatus.PROPOSED, *, order_status=OrderStatus.STAFFING, contract=ContractType.COMMISSION
):
    order = order_in(order_status, contract_type=contract)
    worker = WorkerFactory(user__first_name="Aino", user__last_name="Lahtinen")
    ReceivedBenefitFactory(worker=worker, benefit="unemployment_benefit")
    return assignment_in(status, gig=GigFactory(order=order), worker=worker)


def _url(assignment):
    return reverse("benefits:commission-explanation", args=[assignment.pk])


@pytest.fixture
def assignment():
    return _assignment()


@pytest.fixture
def staff(assignment):
    return UnitStaffFactory(unit=assignment.worker.home_unit)


def _rows(assignment):
    return list(AccessLogEntry.objects.filter(worker=assignment.worker).values_list("outcome", "actor_role", "data"))


# --- Who gets in, and the log of each look ------------------------------------------------------
def test_the_workers_unit_staff_see_the_page_and_the_look_is_logged(client, assignment, staff):
    client.force_login(staff)
    response = client.get(_url(assignment))

    assert response.status_code == 200
    assert PAGE_TITLE in response.content.decode()
    [entry] = AccessLogEntry.objects.filter(worker=assignment.worker)
    assert (entry.user, entry.outcome, entry.actor_role, entry.actor_unit) == (
        staff,
        "allowed",
        "unit_staff",
        assignment.worker.home_unit,
    )
    assert (entry.data, entry.path) == ("benefit_foresight", _url(assignment))


def test_the_coordinator_sees_the_page_logged_as_coordinator(client, assignment):
    login_staff(client, CoordinatorFactory())
    assert client.get(_url(assignment)).status_code == 200
    assert _rows(assignment) == [("allowed", "coordinator", "benefit_foresight")]


@pytest.mark.parametrize(
    ("who", "role"),
    [
        ("other_unit_staff", "unit_staff"),
        ("other_worker", "worker"),
    ],
)
def test_anyone_else_gets_404_and_a_denied_row(client, assignment, who, role):
    user = {
        "other_unit_staff": UnitStaffFactory,
        "other_worker": lambda: WorkerFactory().user,
    }[who]()
    client.force_login(user)

    assert client.get(_url(assignment)).status_code == 404
    assert client.post(_url(assignment), {"confirmed": "on", "note": "Haluaa silti."}).status_code == 404

    assert _rows(assignment) == [("denied", role, "benefit_foresight")] * 2
    assert not CommissionWorkExplanation.objects.exists()


# --- Only while the gig waits for its offer -----------------------------------------------------
@pytest.mark.parametrize(
    ("status", "order_status", "contract"),
    [
        (AssignmentStatus.OFFERED, OrderStatus.STAFFING, ContractType.COMMISSION),
        (AssignmentStatus.ACCEPTED, OrderStatus.STAFFING, ContractType.COMMISSION),
        (AssignmentStatus.DECLINED, OrderStatus.STAFFING, ContractType.COMMISSION),
        (AssignmentStatus.WITHDRAWN, OrderStatus.STAFFING, ContractType.COMMISSION),
        (AssignmentStatus.DONE, OrderStatus.DONE, ContractType.COMMISSION),
        (AssignmentStatus.APPROVED, OrderStatus.APPROVED, ContractType.COMMISSION),
        (AssignmentStatus.PROPOSED, OrderStatus.CANCELLED, ContractType.COMMISSION),
        (AssignmentStatus.PROPOSED, OrderStatus.STAFFING, ContractType.EMPLOYMENT),
    ],
)
def test_a_gig_that_no_longer_waits_for_its_offer_is_404_for_the_unit_too(client, status, order_status, contract):
    assignment = _assignment(status, order_status=order_status, contract=contract)
    client.force_login(UnitStaffFactory(unit=assignment.worker.home_unit))

    assert client.get(_url(assignment)).status_code == 404
    assert client.post(_url(assignment), {"confirmed": "on", "note": "Haluaa silti."}).status_code == 404

    assert not CommissionWorkExplanation.objects.exists()
    assert not AccessLogEntry.objects.filter(worker=assignment.worker).exists()  # nothing was shown


def test_a_scheduled_order_still_waits_for_the_offer_of_a_stand_in(client):
    assignment = _assignment(order_status=OrderStatus.SCHEDULED)
    client.force_login(UnitStaffFactory(unit=assignment.worker.home_unit))
    assert client.get(_url(assignment)).status_code == 200


def test_recording_it_works_and_is_logged(client, assignment, staff):
    client.force_login(staff)
    response = client.post(_url(assignment), {"confirmed": "on", "note": "Haluaa silti."})

    assert response.status_code == 302
    assert CommissionWorkExplanation.objects.get(assignment=assignment).explained_by == staff
    assert _rows(assignment) == [("allowed", "unit_staff", "benefit_foresight")]


def test_the_worker_themself_gets_404_and_nothing_is_logged(client, assignment):
    client.force_login(assignment.worker.user)
    assert client.get(_url(assignment)).status_code == 404
    assert _rows(assignment) == []


def test_the_service_refuses_a_record_for_a_gig_already_offered():
    assignment = _assignment(AssignmentStatus.OFFERED)
    with pytest.raises(DomainError):
        services.commission_explanation_record(
            assignment_id=assignment.pk, by=UnitStaffFactory(unit=assignment.worker.home_unit)
        )
    assert not CommissionWorkExplanation.objects.exists()
