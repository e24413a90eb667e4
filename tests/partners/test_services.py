"""The partner model's services: partners, contracts and their guards, staffing under a contract,
and the partner's invoices to clients."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from billing.models import PartnerInvoiceStatus
from billing.services import partner_invoices
from jobcenter.errors import ActionNotPermitted, DomainError
from orders import services as flow
from orders.models import AssignmentStatus, ContractStatus, EmploymentContract, OrderStatus
from orders.services import partners as services
from tests.factories import CoordinatorFactory, GigFactory, UnitStaffFactory, WorkerFactory
from tests.support.partners import active_contract, business_id, employer_partner, employment_order

pytestmark = pytest.mark.django_db

TODAY = dt.date.today


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


def _draft(worker, partner, staff, *, start=None):
    return services.contract_create(
        worker_id=worker.pk,
        partner_id=partner.pk,
        by=staff,
        start_date=start or timezone.localdate() + dt.timedelta(days=7),
        hours_per_occurrence="2",
        every_n_weeks=2,
        weekdays=[2],
    )


# --- Partners ---------------------------------------------------------------------------------------
def test_partner_create__the_business_id_is_checked_with_its_check_digit():
    coordinator = CoordinatorFactory()
    with pytest.raises(DomainError, match="valid business ID"):
        services.partner_create(by=coordinator, name="Väylä ry", business_id="0737546-1")
    partner = services.partner_create(by=coordinator, name=" Väylä ry ", business_id="0737546-2")
    assert (partner.name, partner.business_id, partner.is_active) == ("Väylä ry", "0737546-2", True)


def test_partner_create__only_the_coordinator():
    with pytest.raises(ActionNotPermitted):
        services.partner_create(by=UnitStaffFactory(), name="Väylä ry", business_id=business_id())


# --- Contracts and the income clarification ---------------------------------------------------------
def test_contract__summary_reads_as_the_pilot_wrote_it():
    worker = WorkerFactory()
    contract = _draft(worker, employer_partner(), UnitStaffFactory(unit=worker.home_unit))
    with translation.override("fi"):
        assert contract.summary == "2 h joka toinen viikko, tiistaisin"
    assert contract.summary == "2 h every second week, on Tuesdays"
    assert contract.status == ContractStatus.DRAFT


def test_contract_activate__refused_without_an_income_clarification_before_the_start():
    worker = WorkerFactory()
    staff = UnitStaffFactory(unit=worker.home_unit)
    start = timezone.localdate() - dt.timedelta(days=3)
    contract = _draft(worker, employer_partner(), staff, start=start)
    with pytest.raises(DomainError, match="income clarification"):
        services.contract_activate(contract_id=contract.pk, by=staff)
    # A clarification after the start does not count: it must be done before the work begins.
    services.income_clarification_record(
        contract_id=contract.pk, by=staff, done_on=timezone.localdate(), benefits_checked=True
    )
    with pytest.raises(DomainError, match="before the contract starts"):
        services.contract_activate(contract_id=contract.pk, by=staff)
    services.income_clarification_record(
        contract_id=contract.pk, by=staff, done_on=start - dt.timedelta(days=1), benefits_checked=True, note="OK"
    )
    contract = services.contract_activate(contract_id=contract.pk, by=staff)
    assert contract.status == ContractStatus.ACTIVE and contract.activated_by == staff


def test_income_clarification__must_go_through_the_benefits_and_be_done_by_the_units_staff():
    worker = WorkerFactory()
    staff = UnitStaffFactory(unit=worker.home_unit)
    contract = _draft(worker, employer_partner(), staff)
    with pytest.raises(DomainError, match="benefits"):
        services.income_clarification_record(
            contract_id=contract.pk, by=staff, done_on=timezone.localdate(), benefits_checked=False
        )
    outsider = UnitStaffFactory()
    with pytest.raises(ActionNotPermitted):
        services.income_clarification_record(
            contract_id=contract.pk, by=outsider, done_on=timezone.localdate(), benefits_checked=True
        )
    with pytest.raises(DomainError, match="staff member of"):
        services.income_clarification_record(
            contract_id=contract.pk,
            by=staff,
            done_on=timezone.localdate(),
            benefits_checked=True,
            done_by_id=outsider.pk,
        )
    with pytest.raises(DomainError, match="future"):
        services.income_clarification_record(
            contract_id=contract.pk,
            by=staff,
            done_on=timezone.localdate() + dt.timedelta(days=1),
            benefits_checked=True,
        )
    assert not contract.income_clarifications.exists()


def test_contract_create__only_the_staff_of_the_workers_unit():
    worker = WorkerFactory()
    with pytest.raises(ActionNotPermitted):
        _draft(worker, employer_partner(), UnitStaffFactory())
    assert not EmploymentContract.objects.exists()


def test_contract_activate__one_active_contract_per_worker_and_partner():
    worker = WorkerFactory()
    partner = employer_partner()
    active_contract(worker, partner)
    staff = UnitStaffFactory(unit=worker.home_unit)
    second = _draft(worker, partner, staff)
    services.income_clarification_record(
        contract_id=second.pk, by=staff, done_on=timezone.localdate(), benefits_checked=True
    )
    with pytest.raises(DomainError, match="already has an active contract"):
        services.contract_activate(contract_id=second.pk, by=staff)


# --- Staffing a partner-model gig -----------------------------------------------------------------
def _informed(order, worker):
    order.unit_notices.create(unit=worker.home_unit, informed_by=CoordinatorFactory())


def test_propose__refused_without_an_active_contract_with_the_orders_partner():
    order = employment_order()
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5))
    worker = WorkerFactory()
    _informed(order, worker)
    staff = UnitStaffFactory(unit=worker.home_unit)
    active_contract(worker, employer_partner("Toinen työnantaja ry"))  # a contract with another partner
    with pytest.raises(DomainError, match=f"no active employment contract with {order.employer_partner.name}"):
        flow.assignment_propose(gig_id=gig.pk, worker_id=worker.pk, by=staff, support="phone")
    assert not gig.assignments.exists()


def test_propose__links_the_assignment_to_the_contract_and_asks_who_comes_along():
    order = employment_order()
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5))
    worker = WorkerFactory()
    _informed(order, worker)
    staff = UnitStaffFactory(unit=worker.home_unit)
    contract = active_contract(worker, order.employer_partner, staff=staff)
    with pytest.raises(DomainError, match="comes along"):
        flow.assignment_propose(gig_id=gig.pk, worker_id=worker.pk, by=staff, support="staff_along")
    assignment = flow.assignment_propose(
        gig_id=gig.pk, worker_id=worker.pk, by=staff, support="staff_along", support_person_id=staff.pk
    )
    assert assignment.employment_contract == contract and assignment.support_person == staff


def test_propose__an_employment_order_without_a_partner_cannot_be_staffed():
    from tests.factories import OrderFactory

    order = OrderFactory(staffing=True, contract_type="employment")
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5))
    worker = WorkerFactory()
    _informed(order, worker)
    with pytest.raises(DomainError, match="no employer partner yet"):
        flow.assignment_propose(
            gig_id=gig.pk, worker_id=worker.pk, by=UnitStaffFactory(unit=worker.home_unit), support="phone"
        )


def test_offer__refused_for_a_worker_without_a_contract_and_links_the_contract_otherwise():
    """An assignment that did not come through the unit's proposal (the admin, old data) is checked
    again when the coordinator offers the gig."""
    from tests.factories import AssignmentFactory

    order = employment_order()
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5))
    assignment = AssignmentFactory(gig=gig)
    with pytest.raises(DomainError, match="no active employment contract"):
        flow.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PROPOSED
    contract = active_contract(assignment.worker, order.employer_partner)
    flow.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    assignment.refresh_from_db()
    assert (assignment.status, assignment.employment_contract) == (AssignmentStatus.OFFERED, contract)


def test_contract_end__refused_while_gigs_lie_ahead_under_it():
    order = employment_order()
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5))
    worker = WorkerFactory()
    _informed(order, worker)
    staff = UnitStaffFactory(unit=worker.home_unit)
    contract = active_contract(worker, order.employer_partner, staff=staff)
    assignment = flow.assignment_propose(gig_id=gig.pk, worker_id=worker.pk, by=staff, support="phone")
    flow.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    with pytest.raises(DomainError, match="still has 1 gig"):
        services.contract_end(contract_id=contract.pk, by=staff, end_date=timezone.localdate())
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_order_set_employer_partner__only_employment_orders_and_not_after_staffing():
    from tests.factories import OrderFactory

    coordinator = CoordinatorFactory()
    with pytest.raises(DomainError, match="Only an employment order"):
        services.order_set_employer_partner(
            order_id=OrderFactory(staffing=True).pk, partner_id=employer_partner().pk, by=coordinator
        )
    order = employment_order()
    worker = WorkerFactory()
    _informed(order, worker)
    active_contract(worker, order.employer_partner)
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5))
    flow.assignment_propose(
        gig_id=gig.pk, worker_id=worker.pk, by=UnitStaffFactory(unit=worker.home_unit), support="phone"
    )
    with pytest.raises(DomainError, match="cannot change"):
        services.order_set_employer_partner(order_id=order.pk, partner_id=employer_partner("Muu ry").pk, by=coordinator)


# --- The partner's invoices to clients -------------------------------------------------------------
def test_partner_invoice__received_then_paid_by_the_coordinator_only():
    order = employment_order(status=OrderStatus.STAFFING)
    coordinator = CoordinatorFactory()
    today = timezone.localdate()
    kwargs = dict(
        partner_id=order.employer_partner_id,
        client_id=order.client_id,
        year=today.year,
        month=today.month,
        invoice_number="VÄY-1",
        amount="40.16",
        received_on=today,
    )
    with pytest.raises(ActionNotPermitted):
        partner_invoices.partner_invoice_record_received(by=UnitStaffFactory(), **kwargs)
    invoice = partner_invoices.partner_invoice_record_received(by=coordinator, **kwargs)
    assert partner_invoices.partner_invoice_record_received(by=coordinator, **kwargs) == invoice  # a double-click
    assert (invoice.status, invoice.amount, invoice.period_month) == (
        PartnerInvoiceStatus.RECEIVED,
        Decimal("40.16"),
        today.replace(day=1),
    )
    with pytest.raises(DomainError, match="already recorded with other details"):
        partner_invoices.partner_invoice_record_received(by=coordinator, **(kwargs | {"amount": "1"}))
    with pytest.raises(DomainError, match="before the invoice was received"):
        partner_invoices.partner_invoice_mark_paid(
            invoice_id=invoice.pk, paid_on=today - dt.timedelta(days=1), by=coordinator
        )
    invoice = partner_invoices.partner_invoice_mark_paid(invoice_id=invoice.pk, paid_on=today, by=coordinator)
    assert (invoice.status, invoice.paid_on, invoice.paid_recorded_by) == (
        PartnerInvoiceStatus.PAID,
        today,
        coordinator,
    )


def test_partner_invoice__only_for_a_client_with_employment_orders_of_the_partner():
    from tests.factories import ClientOrganisationFactory

    partner = employer_partner()
    today = timezone.localdate()
    with pytest.raises(DomainError, match="has no employment orders"):
        partner_invoices.partner_invoice_record_received(
            partner_id=partner.pk,
            client_id=ClientOrganisationFactory().pk,
            year=today.year,
            month=today.month,
            invoice_number="1",
            amount="10",
            received_on=today,
            by=CoordinatorFactory(),
        )
