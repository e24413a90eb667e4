"""The order flow's state machine: every transition's happy path, each illegal source state,
the wrong role, queued side effects, and re-runs that change nothing."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from freezegun import freeze_time

from billing import coverage
from billing.services import credit_note_issue, invoice_issue_for_order
from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from jobcenter.models import OutboundEmail
from orders import hooks, services
from orders.models import (
    ASSIGNMENT_NEXT_STATES,
    ORDER_GIG_EDITABLE_STATES,
    ORDER_NEXT_STATES,
    Assignment,
    AssignmentStatus,
    ClientContact,
    ClientOrganisation,
    Order,
    OrderStatus,
    OrderUnitNotice,
)
from orders.tokens import make_terms_token, read_terms_token
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
    WorkerGroupFactory,
)
from tests.factories.states import approved_order_with_work, assignment_in, invoiced_order, order_in
from units.models import SupportMode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Service messages are asserted in English, the source language (the UI shows them in Finnish)."""
    with translation.override("en"):
        yield


def states_without(allowed) -> list[str]:
    return [s for s in OrderStatus.values if s not in allowed]


def assignment_states_without(allowed) -> list[str]:
    return [s for s in AssignmentStatus.values if s not in allowed]


def last_history(order: Order):
    return order.status_changes.order_by("-pk").first()


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def informed_gig(coordinator):
    """A gig of an order in staffing that the worker's unit has been told about."""
    unit = UnitFactory()
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=2)
    OrderUnitNotice.objects.create(order=gig.order, unit=unit, informed_by=coordinator)
    return gig


def make_request(**overrides) -> services.OrderRequest:
    data = dict(
        organisation_name="Kahvila Kulma Oy",
        business_id="1572860-0",
        client_type="company",
        contact_name="Liisa Laine",
        contact_email="Liisa.Laine@example.org",
        contact_phone="040 111 2222",
        title="Ikkunanpesu",
        description="Kahvilan ikkunat sisältä ja ulkoa.",
        street_address="Hämeentie 10",
        estimated_hours=Decimal("4"),
        contract_type="commission",
        workers_needed=2,
    )
    data.update(overrides)
    return services.OrderRequest(**data)


# --- The transition tables themselves ------------------------------------------------------------
def test_transition_tables__cover_every_state_and_only_known_states():
    assert set(ORDER_NEXT_STATES) == set(OrderStatus.values)
    assert all(set(targets) <= set(OrderStatus.values) for targets in ORDER_NEXT_STATES.values())
    assert set(ASSIGNMENT_NEXT_STATES) == set(AssignmentStatus.values)
    # Terminal states have no way out.
    for terminal in (OrderStatus.CLOSED, OrderStatus.CANCELLED, OrderStatus.REJECTED):
        assert ORDER_NEXT_STATES[terminal] == frozenset()


# --- order_submit -----------------------------------------------------------------------------
def test_order_submit__creates_client_contact_order_history_and_confirmation(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order, created = services.order_submit(request=make_request(), submission_key=uuid.uuid4())
    assert created
    assert order.status == OrderStatus.SUBMITTED
    assert order.client.business_id == "1572860-0"
    assert order.contact.email == "liisa.laine@example.org"
    assert [(h.from_status, h.to_status) for h in order.status_changes.all()] == [("", "submitted")]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["liisa.laine@example.org"]
    assert f"{order.number}" in mailoutbox[0].subject


def test_order_submit__same_submission_key_gives_one_order(django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first, created_first = services.order_submit(request=make_request(), submission_key=key)
        second, created_second = services.order_submit(request=make_request(), submission_key=key)
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


def test_order_submit__reuses_organisation_by_business_id_and_contact_by_email():
    services.order_submit(request=make_request(), submission_key=uuid.uuid4())
    services.order_submit(
        request=make_request(business_id="15728600", contact_email="LIISA.laine@example.org", title="Siivous"),
        submission_key=uuid.uuid4(),
    )
    assert ClientOrganisation.objects.count() == 1
    assert ClientContact.objects.count() == 1
    assert Order.objects.count() == 2


def test_order_submit__invalid_business_id_saves_nothing():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.order_submit(request=make_request(business_id="0737546-1"), submission_key=uuid.uuid4())
    assert Order.objects.count() == 0
    assert ClientOrganisation.objects.count() == 0


def test_order_submit__unknown_contract_type_is_refused():
    with pytest.raises(DomainError, match="contract"):
        services.order_submit(request=make_request(contract_type="barter"), submission_key=uuid.uuid4())
    assert Order.objects.count() == 0


# --- order_send_terms -------------------------------------------------------------------------
def test_order_send_terms__moves_to_terms_sent_and_emails_a_signed_link(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    order = order_in(OrderStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.order_send_terms(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT
    assert order.terms is not None and order.terms_sent_at is not None
    assert last_history(order).by == coordinator
    assert len(mailoutbox) == 1
    token = mailoutbox[0].body.split("/order/terms/")[1].split("/")[0]
    link = read_terms_token(token)
    assert (link.order_id, link.terms_version) == (order.pk, order.terms.version)


def test_order_send_terms__resend_keeps_state_and_sends_again(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    order = order_in(OrderStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.order_send_terms(order_id=order.pk, by=coordinator)
        services.order_send_terms(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT
    assert len(mailoutbox) == 2


@pytest.mark.parametrize("status", states_without({OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT}))
def test_order_send_terms__refused_from_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_send_terms(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == status
    assert OutboundEmail.objects.count() == 0


def test_order_send_terms__refused_for_non_coordinator():
    order = order_in(OrderStatus.SUBMITTED)
    for user in (UserFactory(), UnitStaffFactory(), WorkerFactory().user):
        with pytest.raises(ActionNotPermitted):
            services.order_send_terms(order_id=order.pk, by=user)
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


# --- order_accept_terms -----------------------------------------------------------------------
def test_order_accept_terms__records_version_time_and_person():
    order = order_in(OrderStatus.TERMS_SENT)
    services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="Liisa Laine")
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_ACCEPTED
    assert order.terms_accepted_name == "Liisa Laine"
    assert order.terms_accepted_by == order.contact
    assert order.terms_accepted_at is not None
    assert "Liisa Laine" in last_history(order).note


def test_order_accept_terms__second_acceptance_changes_nothing():
    order = order_in(OrderStatus.TERMS_SENT)
    services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="Liisa")
    order.refresh_from_db()
    accepted_at = order.terms_accepted_at
    with pytest.raises(DomainError, match="already been accepted"):
        services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="Other")
    order.refresh_from_db()
    assert (order.terms_accepted_at, order.terms_accepted_name) == (accepted_at, "Liisa")
    assert order.status_changes.count() == 1


def test_order_accept_terms__other_version_is_refused():
    order = order_in(OrderStatus.TERMS_SENT)
    with pytest.raises(DomainError, match="terms have changed"):
        services.order_accept_terms(order_id=order.pk, terms_version="1999-1", accepted_name="Liisa")


def test_order_accept_terms__needs_a_name():
    order = order_in(OrderStatus.TERMS_SENT)
    with pytest.raises(DomainError, match="name"):
        services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="  ")


@pytest.mark.parametrize("status", states_without({OrderStatus.TERMS_SENT}))
def test_order_accept_terms__refused_from_other_states(status):
    order = order_in(status)
    with pytest.raises(DomainError):
        services.order_accept_terms(order_id=order.pk, terms_version="2026-1", accepted_name="Liisa")
    order.refresh_from_db()
    assert order.status == status


def test_terms_token__tampered_token_is_rejected():
    from django.core import signing

    order = order_in(OrderStatus.TERMS_SENT)
    token = make_terms_token(order)
    with pytest.raises(signing.BadSignature):
        read_terms_token(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])


def test_terms_token__expires():
    from django.core import signing

    order = order_in(OrderStatus.TERMS_SENT)
    with freeze_time(timezone.now() - dt.timedelta(days=30)):
        token = make_terms_token(order)
    with pytest.raises(signing.SignatureExpired):
        read_terms_token(token)


# --- order_reject and order_cancel --------------------------------------------------------------
@pytest.mark.parametrize("status", [OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT])
def test_order_reject__closes_request_with_reason(coordinator, status):
    order = order_in(status)
    services.order_reject(order_id=order.pk, by=coordinator, reason="Ei sovi työtoimintaan.")
    order.refresh_from_db()
    assert order.status == OrderStatus.REJECTED
    assert order.closed_reason == "Ei sovi työtoimintaan."


@pytest.mark.parametrize("status", states_without({OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT}))
def test_order_reject__refused_from_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_reject(order_id=order.pk, by=coordinator, reason="x")


def test_order_reject__needs_reason_and_coordinator(coordinator):
    order = order_in(OrderStatus.SUBMITTED)
    with pytest.raises(DomainError, match="Write why"):
        services.order_reject(order_id=order.pk, by=coordinator, reason="")
    with pytest.raises(ActionNotPermitted):
        services.order_reject(order_id=order.pk, by=UnitStaffFactory(), reason="x")
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


CANCELLABLE = [s for s, targets in ORDER_NEXT_STATES.items() if OrderStatus.CANCELLED in targets]


@pytest.mark.parametrize("status", CANCELLABLE)
def test_order_cancel__from_each_cancellable_state(coordinator, status):
    order = order_in(status)
    services.order_cancel(order_id=order.pk, by=coordinator, reason="Asiakas perui.")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert last_history(order).note == "Asiakas perui."


@pytest.mark.parametrize("status", states_without(CANCELLABLE))
def test_order_cancel__refused_once_work_is_done(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_cancel(order_id=order.pk, by=coordinator, reason="x")
    order.refresh_from_db()
    assert order.status == status


def test_order_cancel__withdraws_open_assignments(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING))
    offered = AssignmentFactory(gig=gig, offered=True)
    accepted = AssignmentFactory(gig=gig, accepted=True)
    services.order_cancel(order_id=gig.order_id, by=coordinator, reason="Peruttu")
    for assignment in (offered, accepted):
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.WITHDRAWN


def test_order_cancel__client_contact_may_cancel_only_early():
    contact = ClientContactFactory(with_user=True)
    early = order_in(OrderStatus.SUBMITTED, contact=contact)
    services.order_cancel(order_id=early.pk, by=contact.user, reason="Ei tarvetta")
    late = order_in(OrderStatus.STAFFING, contact=contact)
    with pytest.raises(ActionNotPermitted):
        services.order_cancel(order_id=late.pk, by=contact.user, reason="Ei tarvetta")
    other_org_user = ClientContactFactory(with_user=True).user
    third = order_in(OrderStatus.SUBMITTED, contact=contact)
    with pytest.raises(ActionNotPermitted):
        services.order_cancel(order_id=third.pk, by=other_org_user, reason="x")


# --- order_inform_units -------------------------------------------------------------------------
def test_order_inform_units__moves_to_staffing_and_emails_each_unit_once(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    order = order_in(OrderStatus.TERMS_ACCEPTED)
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    with django_capture_on_commit_callbacks(execute=True):
        services.order_inform_units(order_id=order.pk, unit_ids=[vallila.pk, toolo.pk], by=coordinator)
        services.order_inform_units(order_id=order.pk, unit_ids=[vallila.pk], by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
    assert set(order.informed_units.values_list("name", flat=True)) == {"Vallila", "Töölö"}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([vallila.email, toolo.email])


@pytest.mark.parametrize("status", [OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT])
def test_order_inform_units__refused_before_terms_are_accepted(coordinator, status):
    order = order_in(status)
    with pytest.raises(DomainError, match="accepted the terms"):
        services.order_inform_units(order_id=order.pk, unit_ids=[UnitFactory().pk], by=coordinator)
    assert not OrderUnitNotice.objects.exists()


@pytest.mark.parametrize(
    "status",
    states_without(
        {
            OrderStatus.TERMS_ACCEPTED,
            OrderStatus.STAFFING,
            OrderStatus.SCHEDULED,
            OrderStatus.SUBMITTED,
            OrderStatus.TERMS_SENT,
        }
    ),
)
def test_order_inform_units__refused_after_staffing(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_inform_units(order_id=order.pk, unit_ids=[UnitFactory().pk], by=coordinator)


def test_order_inform_units__needs_a_unit_and_a_coordinator(coordinator):
    order = order_in(OrderStatus.TERMS_ACCEPTED)
    with pytest.raises(DomainError, match="at least one unit"):
        services.order_inform_units(order_id=order.pk, unit_ids=[], by=coordinator)
    with pytest.raises(ActionNotPermitted):
        services.order_inform_units(order_id=order.pk, unit_ids=[UnitFactory().pk], by=UnitStaffFactory())


# --- gig_create ---------------------------------------------------------------------------------
@pytest.mark.parametrize("status", sorted(ORDER_GIG_EDITABLE_STATES))
def test_gig_create__on_accepted_orders(coordinator, status):
    order = order_in(status)
    gig = services.gig_create(
        order_id=order.pk,
        by=coordinator,
        date=timezone.localdate() + dt.timedelta(days=3),
        start_time=dt.time(10, 0),
        planned_hours="2,5",
        workers_needed=2,
    )
    assert gig.planned_hours == Decimal("2.50")
    order.refresh_from_db()
    # A new gig on a scheduled order needs workers, so it is being staffed again.
    expected = OrderStatus.STAFFING if status == OrderStatus.SCHEDULED else status
    assert order.status == expected


@pytest.mark.parametrize("status", states_without(ORDER_GIG_EDITABLE_STATES))
def test_gig_create__refused_on_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(DomainError):
        services.gig_create(
            order_id=order.pk, by=coordinator, date=timezone.localdate(), start_time=dt.time(10), planned_hours=2
        )
    assert not order.gigs.exists()


@pytest.mark.parametrize("hours", ["0", "-1", "13", "abc"])
def test_gig_create__bad_hours_are_refused_with_a_message(coordinator, hours):
    order = order_in(OrderStatus.STAFFING)
    with pytest.raises(DomainError):
        services.gig_create(
            order_id=order.pk, by=coordinator, date=timezone.localdate(), start_time=dt.time(10), planned_hours=hours
        )


def test_gig_create__past_date_and_wrong_role_are_refused(coordinator):
    order = order_in(OrderStatus.STAFFING)
    with pytest.raises(DomainError, match="past"):
        services.gig_create(
            order_id=order.pk,
            by=coordinator,
            date=timezone.localdate() - dt.timedelta(days=1),
            start_time=dt.time(10),
            planned_hours=2,
        )
    with pytest.raises(ActionNotPermitted):
        services.gig_create(
            order_id=order.pk, by=UnitStaffFactory(), date=timezone.localdate(), start_time=dt.time(10), planned_hours=2
        )


def test_gig_create__staff_of_an_informed_unit_may_enter_dates(coordinator):
    order = order_in(OrderStatus.STAFFING)
    staff = UnitStaffFactory()
    OrderUnitNotice.objects.create(order=order, unit=staff.unit_memberships.get().unit, informed_by=coordinator)
    gig = services.gig_create(
        order_id=order.pk, by=staff, date=timezone.localdate(), start_time=dt.time(9), planned_hours=3
    )
    assert gig.order_id == order.pk


# --- assignment_propose -------------------------------------------------------------------------
def test_assignment_propose__by_staff_of_the_workers_unit(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff = UnitStaffFactory(unit=unit)
    worker = WorkerFactory(home_unit=unit)
    assignment = services.assignment_propose(
        gig_id=informed_gig.pk,
        worker_id=worker.pk,
        by=staff,
        support=SupportMode.STAFF_ALONG,
        support_person_id=staff.pk,
        skills_checked=True,
        interest_note="Haluaa kokeilla ikkunanpesua.",
    )
    assert assignment.status == AssignmentStatus.PROPOSED
    assert (assignment.unit, assignment.proposed_by, assignment.support_person) == (unit, staff, staff)
    assert assignment.status_changes.get().to_status == AssignmentStatus.PROPOSED


def test_assignment_propose__twice_gives_the_same_assignment(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff, worker = UnitStaffFactory(unit=unit), WorkerFactory(home_unit=unit)
    first = services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="phone")
    second = services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="phone")
    assert first.pk == second.pk
    assert Assignment.objects.count() == 1


def test_assignment_propose__staff_of_another_unit_cannot(informed_gig):
    unit = informed_gig.order.informed_units.get()
    worker = WorkerFactory(home_unit=unit)
    with pytest.raises(ActionNotPermitted, match=unit.name):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=UnitStaffFactory(), support="phone")
    with pytest.raises(ActionNotPermitted):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=worker.user, support="phone")
    assert not Assignment.objects.exists()


def test_assignment_propose__unit_must_be_informed(informed_gig):
    staff = UnitStaffFactory()
    worker = WorkerFactory(home_unit=staff.unit_memberships.get().unit)
    with pytest.raises(DomainError, match="not been informed"):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="phone")


@pytest.mark.parametrize("status", states_without({OrderStatus.STAFFING}))
def test_assignment_propose__only_while_staffing(coordinator, status):
    unit = UnitFactory()
    gig = GigFactory(order=order_in(status))
    OrderUnitNotice.objects.create(order=gig.order, unit=unit, informed_by=coordinator)
    staff, worker = UnitStaffFactory(unit=unit), WorkerFactory(home_unit=unit)
    with pytest.raises(DomainError, match="being staffed"):
        services.assignment_propose(gig_id=gig.pk, worker_id=worker.pk, by=staff, support="phone")


def test_assignment_propose__inactive_worker_and_declined_worker_are_refused(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff = UnitStaffFactory(unit=unit)
    inactive = WorkerFactory(home_unit=unit, is_active=False)
    with pytest.raises(DomainError, match="not active"):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=inactive.pk, by=staff, support="phone")
    declined = AssignmentFactory(
        gig=informed_gig, worker=WorkerFactory(home_unit=unit), status=AssignmentStatus.DECLINED
    )
    with pytest.raises(DomainError, match="already on this gig"):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=declined.worker_id, by=staff, support="phone")


def test_assignment_propose_group__proposes_every_member(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff = UnitStaffFactory(unit=unit)
    group = WorkerGroupFactory(unit=unit)
    group.members.set([WorkerFactory(home_unit=unit) for _ in range(3)])
    assignments = services.assignment_propose_group(
        gig_id=informed_gig.pk, group_id=group.pk, by=staff, support="staff_along"
    )
    assert len(assignments) == 3
    assert {a.status for a in assignments} == {AssignmentStatus.PROPOSED}


# --- assignment_offer ---------------------------------------------------------------------------
def test_assignment_offer__emails_the_worker(coordinator, mailoutbox, django_capture_on_commit_callbacks):
    assignment = assignment_in(AssignmentStatus.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED
    assert mailoutbox[0].to == [assignment.worker.user.email]
    assert assignment.gig.order.title in mailoutbox[0].body


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.PROPOSED}))
def test_assignment_offer__refused_from_other_states(coordinator, status):
    assignment = assignment_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assert OutboundEmail.objects.count() == 0


def test_assignment_offer__only_coordinator():
    assignment = assignment_in(AssignmentStatus.PROPOSED)
    staff = UnitStaffFactory(unit=assignment.unit)
    with pytest.raises(ActionNotPermitted):
        services.assignment_offer(assignment_id=assignment.pk, by=staff)


# --- assignment_accept / decline ----------------------------------------------------------------
def test_assignment_accept__by_worker_fills_the_gig_and_schedules_the_order():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assignment.refresh_from_db()
    gig.order.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED
    change = assignment.status_changes.get()
    assert change.on_behalf is False and change.by == assignment.worker.user
    assert gig.order.status == OrderStatus.SCHEDULED


def test_assignment_accept__by_staff_is_recorded_as_on_behalf():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    services.assignment_accept(assignment_id=assignment.pk, by=staff)
    change = assignment.status_changes.get()
    assert change.on_behalf is True and change.by == staff


def test_assignment_accept__other_worker_and_other_unit_cannot():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    for user in (WorkerFactory().user, UnitStaffFactory(), CoordinatorFactory()):
        with pytest.raises(ActionNotPermitted):
            services.assignment_accept(assignment_id=assignment.pk, by=user)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_assignment_accept__full_gig_says_so():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    first = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    second = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    services.assignment_accept(assignment_id=first.pk, by=first.worker.user)
    with pytest.raises(DomainError, match="already full"):
        services.assignment_accept(assignment_id=second.pk, by=second.worker.user)
    second.refresh_from_db()
    assert second.status == AssignmentStatus.OFFERED


def test_assignment_accept__twice_is_a_no_op():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assert assignment.status_changes.count() == 1


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED}))
def test_assignment_accept__refused_from_other_states(status):
    assignment = assignment_in(status)
    with pytest.raises(DomainError):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assignment.refresh_from_db()
    assert assignment.status == status


@pytest.mark.parametrize("order_status", states_without({OrderStatus.STAFFING, OrderStatus.SCHEDULED}))
def test_assignment_accept__refused_when_order_is_not_being_staffed(order_status):
    assignment = assignment_in(AssignmentStatus.OFFERED, order_status=order_status)
    with pytest.raises(DomainError, match="can no longer be accepted"):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)


def test_assignment_decline__records_reason_and_repeat_is_a_no_op():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user, reason="En pääse.")
    services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user, reason="En pääse.")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED
    assert assignment.status_changes.get().note == "En pääse."


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.OFFERED, AssignmentStatus.DECLINED}))
def test_assignment_decline__refused_from_other_states(status):
    assignment = assignment_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user)


# --- assignment_report_done ---------------------------------------------------------------------
def _started_gig_assignment(status=AssignmentStatus.ACCEPTED, *, order_status=OrderStatus.SCHEDULED, workers_needed=1):
    gig = GigFactory(order=order_in(order_status), date=timezone.localdate(), workers_needed=workers_needed)
    return assignment_in(status, gig=gig)


def test_assignment_report_done__by_worker_with_hours_moves_order_to_done():
    assignment = _started_gig_assignment()
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours="2,75")
    assignment.refresh_from_db()
    order = assignment.gig.order
    order.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert assignment.reported_hours == Decimal("2.75")
    assert order.status == OrderStatus.DONE


def test_assignment_report_done__by_staff_for_the_worker():
    assignment = _started_gig_assignment()
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    services.assignment_report_done(assignment_id=assignment.pk, by=staff, hours=3)
    change = assignment.status_changes.get()
    assert change.on_behalf is True and change.by == staff


def test_assignment_report_done__order_waits_for_every_worker():
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), date=timezone.localdate(), workers_needed=2)
    first = assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    second = assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    services.assignment_report_done(assignment_id=first.pk, by=first.worker.user, hours=3)
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.SCHEDULED
    services.assignment_report_done(assignment_id=second.pk, by=second.worker.user, hours=3)
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.DONE


def test_assignment_report_done__not_before_the_gig_day():
    assignment = assignment_in(AssignmentStatus.ACCEPTED, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(DomainError, match="on that day or later"):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=3)


@pytest.mark.parametrize("hours", ["0", "25", "", "kolme"])
def test_assignment_report_done__bad_hours_get_a_message(hours):
    assignment = _started_gig_assignment()
    with pytest.raises(DomainError):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=hours)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED and assignment.reported_hours is None


def test_assignment_report_done__repeat_with_same_hours_is_a_no_op():
    assignment = _started_gig_assignment()
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=3)
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours="3.00")
    assert assignment.status_changes.count() == 1


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.ACCEPTED, AssignmentStatus.DONE}))
def test_assignment_report_done__refused_from_other_states(status):
    assignment = _started_gig_assignment(status, order_status=OrderStatus.STAFFING)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=2)


def test_assignment_report_done__other_worker_cannot():
    assignment = _started_gig_assignment()
    with pytest.raises(ActionNotPermitted):
        services.assignment_report_done(assignment_id=assignment.pk, by=WorkerFactory().user, hours=3)


# --- assignment_approve -------------------------------------------------------------------------
def test_assignment_approve__as_reported_moves_order_to_approved(coordinator):
    assignment = _started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    services.assignment_approve(assignment_id=assignment.pk, by=coordinator)
    assignment.refresh_from_db()
    order = assignment.gig.order
    order.refresh_from_db()
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.approved_hours == Decimal("3.00") and assignment.approved_by == coordinator
    assert order.status == OrderStatus.APPROVED


def test_assignment_approve__corrected_hours_need_a_reason(coordinator):
    assignment = _started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    with pytest.raises(DomainError, match="reason"):
        services.assignment_approve(assignment_id=assignment.pk, by=coordinator, hours="2.5")
    services.assignment_approve(
        assignment_id=assignment.pk, by=coordinator, hours="2.5", reason="Tauko ei ole työaikaa."
    )
    assignment.refresh_from_db()
    assert assignment.approved_hours == Decimal("2.50")
    assert assignment.reported_hours == Decimal("3.00")
    assert assignment.hours_correction_reason == "Tauko ei ole työaikaa."
    assert "3.00" in assignment.status_changes.get().note


def test_assignment_approve__twice_approves_once(coordinator):
    assignment = _started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    services.assignment_approve(assignment_id=assignment.pk, by=coordinator)
    services.assignment_approve(assignment_id=assignment.pk, by=CoordinatorFactory(), hours="1", reason="x")
    assignment.refresh_from_db()
    assert assignment.approved_hours == Decimal("3.00") and assignment.approved_by == coordinator
    assert assignment.status_changes.count() == 1


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.DONE, AssignmentStatus.APPROVED}))
def test_assignment_approve__refused_from_other_states(coordinator, status):
    assignment = _started_gig_assignment(status, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_approve(assignment_id=assignment.pk, by=coordinator)


def test_assignment_approve__only_coordinator():
    assignment = _started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    for user in (assignment.worker.user, UnitStaffFactory(unit=assignment.unit)):
        with pytest.raises(ActionNotPermitted):
            services.assignment_approve(assignment_id=assignment.pk, by=user)


# --- assignment_withdraw ------------------------------------------------------------------------
def test_assignment_withdraw__accepted_worker_sends_order_back_to_staffing(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.SCHEDULED
    staff = UnitStaffFactory(unit=assignment.unit)
    services.assignment_withdraw(assignment_id=assignment.pk, by=staff, reason="Sairastui.")
    gig.order.refresh_from_db()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert gig.order.status == OrderStatus.STAFFING


@pytest.mark.parametrize(
    "status",
    assignment_states_without({AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED}),
)
def test_assignment_withdraw__refused_from_other_states(coordinator, status):
    assignment = assignment_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason="x")


def test_assignment_withdraw__needs_reason_and_right_role(coordinator):
    assignment = assignment_in(AssignmentStatus.PROPOSED)
    with pytest.raises(DomainError, match="Write why"):
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason=" ")
    with pytest.raises(ActionNotPermitted):
        services.assignment_withdraw(assignment_id=assignment.pk, by=UnitStaffFactory(), reason="x")


# --- invoicing and closing ----------------------------------------------------------------------
def test_order_mark_invoiced__refused_without_an_issued_invoice(coordinator):
    order = approved_order_with_work()
    with pytest.raises(DomainError, match="has no issued invoice"):
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    assert not order.status_changes.filter(to_status=OrderStatus.INVOICED).exists()


def test_order_mark_invoiced__refused_when_no_check_is_registered(coordinator, monkeypatch):
    """With no app to confirm an invoice, nothing may mark an order invoiced (not even with one)."""
    order = invoiced_order(by=coordinator)
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.APPROVED)
    monkeypatch.setattr(hooks, "invoice_covers_order", [])
    with pytest.raises(DomainError, match="has no issued invoice"):
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED


def test_order_mark_invoiced__a_credited_invoice_no_longer_covers_the_order(coordinator):
    order = invoiced_order(by=coordinator)
    credit_note_issue(invoice_id=order.invoices.get().pk, by=coordinator, reason="Väärä asiakas")
    assert coverage.order_has_issued_invoice(order) is False


def test_order_invoiced_through_billing_then_closed(coordinator):
    order = invoiced_order(by=coordinator)
    assert order.status == OrderStatus.INVOICED
    invoice = order.invoices.get()
    services.order_close(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    changes = list(order.status_changes.order_by("pk").values_list("to_status", "note"))
    assert changes == [("invoiced", invoice.display_number), ("closed", "")]


@pytest.mark.parametrize("status", states_without({OrderStatus.APPROVED}))
def test_order_mark_invoiced__refused_from_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)


@pytest.mark.parametrize("status", states_without({OrderStatus.INVOICED}))
def test_order_close__refused_from_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_close(order_id=order.pk, by=coordinator)


def test_illegal_transition__message_names_both_states_in_words(coordinator):
    order = order_in(OrderStatus.CLOSED)
    with pytest.raises(TransitionNotAllowed) as info:
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)
    assert str(info.value.message) == f"Order {order.number} is “Closed”, so it cannot be changed to “Invoiced”."


# --- The whole flow, end to end through the services --------------------------------------------
def test_order_flow__from_request_to_closed(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit)
    workers = [WorkerFactory(home_unit=unit) for _ in range(2)]
    gig_day = timezone.localdate() + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        order, _ = services.order_submit(request=make_request(), submission_key=uuid.uuid4())
        services.order_send_terms(order_id=order.pk, by=coordinator)
        order.refresh_from_db()
        services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="Liisa Laine")
        services.order_inform_units(order_id=order.pk, unit_ids=[unit.pk], by=coordinator)
        gig = services.gig_create(
            order_id=order.pk, by=coordinator, date=gig_day, start_time=dt.time(10), planned_hours=3, workers_needed=2
        )
        assignments = [
            services.assignment_propose(
                gig_id=gig.pk, worker_id=w.pk, by=staff, support="staff_along", skills_checked=True
            )
            for w in workers
        ]
        for a in assignments:
            services.assignment_offer(assignment_id=a.pk, by=coordinator)
        services.assignment_accept(assignment_id=assignments[0].pk, by=workers[0].user)
        services.assignment_accept(assignment_id=assignments[1].pk, by=staff)
    with freeze_time(gig_day.isoformat() + " 15:00:00"):
        services.assignment_report_done(assignment_id=assignments[0].pk, by=workers[0].user, hours=3)
        services.assignment_report_done(assignment_id=assignments[1].pk, by=staff, hours="3,5")
    with freeze_time(gig_day.isoformat() + " 16:00:00"):
        services.assignment_approve(assignment_id=assignments[0].pk, by=coordinator)
        services.assignment_approve(assignment_id=assignments[1].pk, by=coordinator, hours=3, reason="Sovittu 3 h.")
        invoice_issue_for_order(order_id=order.pk, by=coordinator)
        services.order_close(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert list(order.status_changes.values_list("to_status", flat=True)) == [
        "submitted",
        "terms_sent",
        "terms_accepted",
        "staffing",
        "scheduled",
        "done",
        "approved",
        "invoiced",
        "closed",
    ]
    # Received, terms, unit informed, and one offer per worker.
    assert [m.to[0] for m in mailoutbox] == [
        "liisa.laine@example.org",
        "liisa.laine@example.org",
        unit.email,
        workers[0].user.email,
        workers[1].user.email,
    ]


def test_assignment_accept__a_gig_is_never_over_filled(coordinator):
    """Three offers for two places: the third worker is told the gig is full."""
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=2)
    offers = [assignment_in(AssignmentStatus.OFFERED, gig=gig) for _ in range(3)]
    outcomes = []
    for a in offers:
        try:
            services.assignment_accept(assignment_id=a.pk, by=a.worker.user)
            outcomes.append("accepted")
        except DomainError as err:
            outcomes.append(str(err.message))
    assert outcomes == ["accepted", "accepted", "Sorry, this gig is already full."]
    assert gig.assignments.filter(status=AssignmentStatus.ACCEPTED).count() == 2


def test_order_cancel__refused_when_work_is_already_done(coordinator):
    assignment = _started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(DomainError, match="already done"):
        services.order_cancel(order_id=assignment.gig.order_id, by=coordinator, reason="Ei enää tarvetta")
    assignment.gig.order.refresh_from_db()
    assert assignment.gig.order.status == OrderStatus.SCHEDULED


def test_order_cancel__unauthorised_user_is_refused_before_the_reason_is_checked():
    order = order_in(OrderStatus.SUBMITTED)
    with pytest.raises(ActionNotPermitted):
        services.order_cancel(order_id=order.pk, by=WorkerFactory().user, reason="")


@pytest.mark.parametrize("order_status", [OrderStatus.CANCELLED, OrderStatus.APPROVED, OrderStatus.INVOICED])
def test_assignment_approve__refused_on_closed_orders(coordinator, order_status):
    assignment = _started_gig_assignment(AssignmentStatus.DONE, order_status=order_status)
    with pytest.raises(DomainError, match="cannot be approved"):
        services.assignment_approve(assignment_id=assignment.pk, by=coordinator)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE


def test_assignment_propose__support_person_must_be_staff_of_the_workers_unit(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff, worker = UnitStaffFactory(unit=unit), WorkerFactory(home_unit=unit)
    outsider = ClientContactFactory(with_user=True).user
    with pytest.raises(DomainError, match="staff member of"):
        services.assignment_propose(
            gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="staff_along", support_person_id=outsider.pk
        )
    assert not Assignment.objects.exists()


def test_assignment_offer__refused_when_the_gig_already_has_its_workers(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    extra = assignment_in(AssignmentStatus.PROPOSED, gig=gig)
    with pytest.raises(DomainError, match="all its workers"):
        services.assignment_offer(assignment_id=extra.pk, by=coordinator)
    extra.refresh_from_db()
    assert extra.status == AssignmentStatus.PROPOSED


def test_assignment_report_done__different_hours_after_reporting_are_explained():
    assignment = _started_gig_assignment()
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=3)
    with pytest.raises(DomainError, match="already reported"):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=4)
    assignment.refresh_from_db()
    assert assignment.reported_hours == Decimal("3.00")


# --- feedback -----------------------------------------------------------------------------------
def _approved_order_with_workers(count=2):
    order = order_in(OrderStatus.APPROVED)
    gig = GigFactory(order=order, date=timezone.localdate(), workers_needed=count)
    assignments = [assignment_in(AssignmentStatus.APPROVED, gig=gig) for _ in range(count)]
    return order, assignments


def test_order_request_feedback__emails_a_signed_link(coordinator, mailoutbox, django_capture_on_commit_callbacks):
    from orders.tokens import read_feedback_token

    order, _ = _approved_order_with_workers()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_request_feedback(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.feedback_requested_at is not None
    token = mailoutbox[0].body.split("/order/feedback/")[1].split("/")[0]
    assert read_feedback_token(token).order_id == order.pk


@pytest.mark.parametrize("status", states_without(services.FEEDBACK_STATES))
def test_order_request_feedback__only_after_approval(coordinator, status):
    order = order_in(status)
    with pytest.raises(DomainError, match="approved"):
        services.order_request_feedback(order_id=order.pk, by=coordinator)


def test_feedback_submit__saves_one_rating_per_worker_once(coordinator):
    order, assignments = _approved_order_with_workers()
    services.order_request_feedback(order_id=order.pk, by=coordinator)
    entries = [
        services.FeedbackEntry(assignment_id=assignments[0].pk, rating=5, text="Huolellista työtä!"),
        services.FeedbackEntry(assignment_id=assignments[1].pk, rating=4),
    ]
    saved = services.feedback_submit(order_id=order.pk, entries=entries, given_by_name="Liisa Laine")
    assert [(f.rating, f.source) for f in saved] == [(5, "client_link"), (4, "client_link")]
    assert assignments[0].worker.assignments.get().feedback.text == "Huolellista työtä!"
    with pytest.raises(DomainError, match="already been given"):
        services.feedback_submit(order_id=order.pk, entries=entries, given_by_name="Liisa Laine")


def test_feedback_submit__refuses_bad_rating_and_foreign_assignment(coordinator):
    order, assignments = _approved_order_with_workers()
    services.order_request_feedback(order_id=order.pk, by=coordinator)
    with pytest.raises(DomainError, match="1 to 5"):
        services.feedback_submit(
            order_id=order.pk, entries=[services.FeedbackEntry(assignments[0].pk, 6)], given_by_name="L"
        )
    other = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)
    with pytest.raises(DomainError, match="did not work on this order"):
        services.feedback_submit(order_id=order.pk, entries=[services.FeedbackEntry(other.pk, 5)], given_by_name="L")
    assert not order.gigs.filter(assignments__feedback__isnull=False).exists()


def test_feedback_record__by_coordinator_for_approved_work(coordinator):
    _, assignments = _approved_order_with_workers(1)
    feedback = services.feedback_record(assignment_id=assignments[0].pk, by=coordinator, rating=5, text="Puhelimessa.")
    assert (feedback.source, feedback.recorded_by) == ("coordinator", coordinator)
    with pytest.raises(DomainError, match="already has feedback"):
        services.feedback_record(assignment_id=assignments[0].pk, by=coordinator, rating=3)
    with pytest.raises(ActionNotPermitted):
        services.feedback_record(assignment_id=assignments[0].pk, by=UnitStaffFactory(), rating=3)


def test_assignment_accept__refused_after_the_gig_day():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=timezone.localdate() - dt.timedelta(days=1))
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    with pytest.raises(DomainError, match="has passed"):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_assignment_propose_group__only_staff_of_the_groups_unit(informed_gig):
    unit = informed_gig.order.informed_units.get()
    group = WorkerGroupFactory(unit=unit)
    group.members.set([WorkerFactory(home_unit=unit)])
    with pytest.raises(ActionNotPermitted):
        services.assignment_propose_group(
            gig_id=informed_gig.pk, group_id=group.pk, by=UnitStaffFactory(), support="phone"
        )
    assert not Assignment.objects.exists()


def test_order_submit__city_units_share_the_citys_business_id_but_stay_apart():
    city = dict(business_id="0201256-6", client_type="city_unit")
    services.order_submit(
        request=make_request(organisation_name="Kasvatuksen ja koulutuksen toimiala", **city),
        submission_key=uuid.uuid4(),
    )
    services.order_submit(
        request=make_request(organisation_name="Kulttuurin ja vapaa-ajan toimiala", **city), submission_key=uuid.uuid4()
    )
    services.order_submit(
        request=make_request(organisation_name="kulttuurin ja vapaa-ajan toimiala", **city), submission_key=uuid.uuid4()
    )
    assert sorted(ClientOrganisation.objects.values_list("name", flat=True)) == [
        "Kasvatuksen ja koulutuksen toimiala",
        "Kulttuurin ja vapaa-ajan toimiala",
    ]


def test_order_send_terms__link_is_in_the_clients_language_not_the_coordinators(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    order = order_in(OrderStatus.SUBMITTED, language="sv")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.order_send_terms(order_id=order.pk, by=coordinator)
    assert "/sv/order/terms/" in mailoutbox[0].body
    assert "villkor" in mailoutbox[0].subject.lower() or "Beställning" in mailoutbox[0].subject
