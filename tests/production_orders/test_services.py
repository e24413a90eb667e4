"""The services of production orders: the steps in their order, the guards, stopping and
reopening, and the work becoming an ordinary order with gigs through the order services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from jobcenter.errors import ActionNotPermitted, DomainError
from orders.models import (
    Gig,
    OrderStatus,
    OrderStatusChange,
    OrderUnitNotice,
    ProductionStep,
    ProductionStepKind,
    StopReason,
)
from orders.services import production as services
from orders.services import production_gigs as gig_services
from orders.services.terms import order_accept_terms
from tests.factories import ClientContactFactory, CoordinatorFactory, UnitFactory, UnitStaffFactory
from tests.support.production import advance_to, order_with_accepted_terms, production_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(_finnish_by_default):
    """The refusals are matched in their English source words."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def _next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_create_defines_the_items_and_records_the_first_step(coordinator):
    po = production_order(by=coordinator)
    assert [(i.name, i.quantity, i.unit_label) for i in po.items.all()] == [
        ("puku", 30, "kpl"),
        ("panta", 30, "kpl"),
        ("tassut", 60, "paria"),
    ]
    step = po.steps.get()
    assert (step.step, step.owner_user, step.done_on) == (ProductionStepKind.DEFINED, coordinator, timezone.localdate())
    assert po.next_step == ProductionStepKind.PROTOTYPES_DESIGNED


def test_create_refuses_no_items_and_other_roles(coordinator):
    with pytest.raises(DomainError, match="at least one item"):
        production_order(by=coordinator, items=[services.ItemRow("", 0)])
    with pytest.raises(ActionNotPermitted):
        production_order(by=UnitStaffFactory())


def test_only_the_next_step_may_be_recorded(coordinator):
    po = production_order(by=coordinator)
    with pytest.raises(DomainError, match="The next step .* is “Prototypes designed”"):
        services.production_step_record(
            production_order_id=po.pk,
            step=ProductionStepKind.PROTOTYPES_MADE,
            by=coordinator,
            done_on=timezone.localdate(),
        )
    services.production_step_record(
        production_order_id=po.pk,
        step=ProductionStepKind.PROTOTYPES_DESIGNED,
        by=coordinator,
        done_on=timezone.localdate(),
    )
    # Recording the same step again (a second click, or a second person with an old page) is refused.
    with pytest.raises(DomainError):
        services.production_step_record(
            production_order_id=po.pk,
            step=ProductionStepKind.PROTOTYPES_DESIGNED,
            by=coordinator,
            done_on=timezone.localdate(),
        )
    assert po.steps.filter(step=ProductionStepKind.PROTOTYPES_DESIGNED).count() == 1


def test_a_step_in_the_future_or_before_the_previous_is_refused(coordinator):
    po = production_order(by=coordinator)
    with pytest.raises(DomainError, match="future"):
        services.production_step_record(
            production_order_id=po.pk,
            step=ProductionStepKind.PROTOTYPES_DESIGNED,
            by=coordinator,
            done_on=timezone.localdate() + dt.timedelta(days=1),
        )
    with pytest.raises(DomainError, match="before the previous step"):
        services.production_step_record(
            production_order_id=po.pk,
            step=ProductionStepKind.PROTOTYPES_DESIGNED,
            by=coordinator,
            done_on=timezone.localdate() - dt.timedelta(days=3),
        )


def test_unit_staff_record_the_prototype_steps_of_their_own_unit_only(coordinator):
    unit = UnitFactory()
    po = production_order(by=coordinator, unit=unit)
    own, other = UnitStaffFactory(unit=unit), UnitStaffFactory()
    with pytest.raises(ActionNotPermitted):
        services.production_step_record(
            production_order_id=po.pk,
            step=ProductionStepKind.PROTOTYPES_DESIGNED,
            by=other,
            done_on=timezone.localdate(),
        )
    row = services.production_step_record(
        production_order_id=po.pk, step=ProductionStepKind.PROTOTYPES_DESIGNED, by=own, done_on=timezone.localdate()
    )
    assert row.owner_user == own
    advance_to(po, ProductionStepKind.PROTOTYPES_SHOWN, by=own)
    # The client's acceptance is the coordinator's to record.
    with pytest.raises(ActionNotPermitted):
        services.production_step_record(
            production_order_id=po.pk, step=ProductionStepKind.CLIENT_ACCEPTED, by=own, done_on=timezone.localdate()
        )


def test_the_acceptance_belongs_to_a_contact_of_the_client(coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.PROTOTYPES_SHOWN, by=coordinator)
    stranger = ClientContactFactory()
    with pytest.raises(DomainError, match="contact person who accepted"):
        services.production_step_record(
            production_order_id=po.pk,
            step=ProductionStepKind.CLIENT_ACCEPTED,
            by=coordinator,
            done_on=timezone.localdate(),
            owner_contact_id=stranger.pk,
        )
    row = services.production_step_record(
        production_order_id=po.pk, step=ProductionStepKind.CLIENT_ACCEPTED, by=coordinator, done_on=timezone.localdate()
    )
    assert (row.owner_contact, row.owner_user, row.owner_name) == (po.contact, None, po.contact.name)


def test_pricing_stores_the_minutes_and_the_agreed_price(coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.PRICED, by=coordinator)
    po.refresh_from_db()
    assert po.agreed_hourly_price == Decimal("14.50")
    assert po.contract_type == "commission"
    assert gig_services.production_total_hours(po.items.all()) == Decimal("72.50")


def test_pricing_needs_minutes_for_every_item(coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.CLIENT_ACCEPTED, by=coordinator)
    first = po.items.first()
    with pytest.raises(DomainError, match="minutes of work"):
        gig_services.production_price(
            production_order_id=po.pk,
            by=coordinator,
            done_on=timezone.localdate(),
            minutes={first.pk: Decimal("10")},
            contract_type="commission",
            hourly_price=Decimal("14.50"),
        )
    po.refresh_from_db()
    assert po.current_step == ProductionStepKind.CLIENT_ACCEPTED
    assert po.agreed_hourly_price is None


def test_gig_plan_covers_the_hours():
    plan = gig_services.production_gig_plan(
        total_hours=Decimal("72.50"),
        first_date=dt.date(2030, 1, 4),  # a Friday
        start_time=dt.time(9),
        hours_per_gig=Decimal("6"),
        workers_per_gig=3,
    )
    # 18 person-hours a gig: 4 full gigs (72 h) and a last one of half an hour for each of 3 workers.
    assert len(plan) == 5
    assert [d.date.weekday() for d in plan] == [4, 0, 1, 2, 3]  # no weekend
    assert [d.hours for d in plan] == [Decimal("6")] * 4 + [Decimal("0.25")]
    assert sum(d.hours * d.workers for d in plan) >= Decimal("72.50")


def test_produce_needs_the_order_terms_accepted_then_makes_the_gigs(coordinator):
    unit = UnitFactory()
    po = advance_to(production_order(by=coordinator, unit=unit), ProductionStepKind.PRICED, by=coordinator)
    with pytest.raises(DomainError, match="Make the order of the gigs first"):
        gig_services.production_produce(
            production_order_id=po.pk,
            by=coordinator,
            first_date=_next_monday(),
            start_time=dt.time(9),
            hours_per_gig=Decimal("6"),
            workers_per_gig=3,
        )
    order = gig_services.production_create_order(production_order_id=po.pk, by=coordinator)
    assert order.status == OrderStatus.TERMS_SENT
    assert order.estimated_hours == Decimal("72.50")
    assert "puku 30 kpl, panta 30 kpl, tassut 60 paria" in order.description
    with pytest.raises(DomainError, match="accepted the order's terms"):
        gig_services.production_produce(
            production_order_id=po.pk,
            by=coordinator,
            first_date=_next_monday(),
            start_time=dt.time(9),
            hours_per_gig=Decimal("6"),
            workers_per_gig=3,
        )
    # The client accepts the order's terms (through the signed link).
    order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name=order.contact.name)
    gigs = gig_services.production_produce(
        production_order_id=po.pk,
        by=coordinator,
        first_date=_next_monday(),
        start_time=dt.time(9),
        hours_per_gig=Decimal("6"),
        workers_per_gig=3,
    )
    order.refresh_from_db()
    assert len(gigs) == 5 and Gig.objects.filter(order=order).count() == 5
    assert order.status == OrderStatus.STAFFING
    assert OrderUnitNotice.objects.filter(order=order, unit=unit).exists()
    # The order's history was written by the order services, from submitted on.
    assert list(OrderStatusChange.objects.filter(order=order).values_list("to_status", flat=True)) == [
        OrderStatus.SUBMITTED,
        OrderStatus.TERMS_SENT,
        OrderStatus.TERMS_ACCEPTED,
        OrderStatus.STAFFING,
    ]
    po.refresh_from_db()
    assert po.current_step == ProductionStepKind.PRODUCED
    # Delivery waits until the gigs are done.
    with pytest.raises(DomainError, match="once all its gigs are done"):
        services.production_step_record(
            production_order_id=po.pk, step=ProductionStepKind.DELIVERED, by=coordinator, done_on=timezone.localdate()
        )


def test_stop_records_the_reason_and_blocks_the_steps_until_reopened(coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.PRICED, by=coordinator)
    order = gig_services.production_create_order(production_order_id=po.pk, by=coordinator)
    stop = services.production_stop(
        production_order_id=po.pk,
        by=coordinator,
        reason=StopReason.CONTRACT_MODEL,
        note="Toimeksiantosopimus katkaisisi työttömyysetuuden.",
    )
    assert (stop.at_step, stop.stopped_by) == (ProductionStepKind.PRICED, coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED  # the order of the gigs waited for its terms
    with pytest.raises(DomainError, match="is stopped"):
        gig_services.production_create_order(production_order_id=po.pk, by=coordinator)
    with pytest.raises(DomainError, match="already stopped"):
        services.production_stop(production_order_id=po.pk, by=coordinator, reason=StopReason.OTHER, note="x")
    with pytest.raises(DomainError, match="reopened"):
        services.production_reopen(production_order_id=po.pk, by=coordinator, note=" ")
    services.production_reopen(production_order_id=po.pk, by=coordinator, note="Työsopimus sovittu.")
    stop.refresh_from_db()
    assert stop.reopened_by == coordinator and stop.reopen_note == "Työsopimus sovittu."
    # A new order of the gigs replaces the cancelled one.
    new_order = gig_services.production_create_order(production_order_id=po.pk, by=coordinator)
    assert new_order.pk != order.pk


def test_stop_needs_a_known_reason_and_text(coordinator):
    po = production_order(by=coordinator)
    with pytest.raises(DomainError, match="reason"):
        services.production_stop(production_order_id=po.pk, by=coordinator, reason="bored", note="x")
    with pytest.raises(DomainError, match="Write why"):
        services.production_stop(production_order_id=po.pk, by=coordinator, reason=StopReason.PRICE, note="  ")
    with pytest.raises(ActionNotPermitted):
        services.production_stop(
            production_order_id=po.pk, by=UnitStaffFactory(unit=po.unit), reason=StopReason.PRICE, note="x"
        )
    po.refresh_from_db()
    assert not po.stopped


def test_the_step_owner_constraint_holds_in_the_database(coordinator):
    from django.db import IntegrityError, transaction

    po = production_order(by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductionStep.objects.create(
            production_order=po,
            step=ProductionStepKind.CLIENT_ACCEPTED,
            done_on=timezone.localdate(),
            owner_user=coordinator,
            recorded_by=coordinator,
        )


def test_the_helper_makes_an_order_whose_terms_are_accepted(coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.PRICED, by=coordinator)
    order = order_with_accepted_terms(po, by=coordinator)
    assert order.status == OrderStatus.TERMS_ACCEPTED
