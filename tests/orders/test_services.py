"""The order's own transitions from the request to staffing: the transition tables, order_submit,
sending and accepting the terms (and the signed terms link), rejecting and cancelling, and informing
the units. Each transition's happy path, each illegal source state, the wrong role, queued emails,
and re-runs that change nothing.

The assignments are in test_services_assignments.py, the gigs and the work on them in
test_services_work.py, invoicing, closing and feedback in test_services_closing.py."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone, translation
from freezegun import freeze_time

from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import (
    ASSIGNMENT_NEXT_STATES,
    ORDER_NEXT_STATES,
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
    GigFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.states import order_in
from tests.support.order_services import last_history, make_request, started_gig_assignment, states_without

# Service messages are asserted in English, the source language (the fixture is in this directory's conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


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


def test_order_send_terms__link_is_in_the_clients_language_not_the_coordinators(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    order = order_in(OrderStatus.SUBMITTED, language="sv")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.order_send_terms(order_id=order.pk, by=coordinator)
    assert "/sv/order/terms/" in mailoutbox[0].body
    assert "villkor" in mailoutbox[0].subject.lower() or "Beställning" in mailoutbox[0].subject


# --- order_accept_terms -----------------------------------------------------------------------
def test_order_accept_terms__records_version_time_and_person():
    order = order_in(OrderStatus.TERMS_SENT)
    services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="Liisa Laine")
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_ACCEPTED
    assert order.terms_accepted_name == "Liisa Laine"
    assert order.terms_accepted_by == order.contact
    assert order.terms_accepted_at is not None
    assert "Liisa Laine" in last_history(order).describe()


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


def test_order_cancel__refused_when_work_is_already_done(coordinator):
    assignment = started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(DomainError, match="already done"):
        services.order_cancel(order_id=assignment.gig.order_id, by=coordinator, reason="Ei enää tarvetta")
    assignment.gig.order.refresh_from_db()
    assert assignment.gig.order.status == OrderStatus.SCHEDULED


def test_order_cancel__unauthorised_user_is_refused_before_the_reason_is_checked():
    order = order_in(OrderStatus.SUBMITTED)
    with pytest.raises(ActionNotPermitted):
        services.order_cancel(order_id=order.pk, by=WorkerFactory().user, reason="")


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
