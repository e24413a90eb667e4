"""The client cancels a gig, from a login or the order's signed link: the terms' dated rule decides
whether it is late; a late cancellation of a gig workers had taken freezes the client's charge on
the gig and each such worker's minimum on her assignment, and an order left with only charged
cancellations moves on to approved so the charge is invoiced. Everyone concerned is told."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from billing.models import CancellationRule
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentStatus, OrderEvent, OrderStatus
from orders.services.gig_changes import order_offers_cancelling
from tests.factories import AssignmentFactory, ClientContactFactory, CoordinatorFactory, GigFactory, OrderFactory
from tests.factories.states import assignment_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

GIG_DAY = dt.date(2026, 12, 10)
LATE = dt.datetime(2026, 12, 9, 13, 0, tzinfo=dt.UTC)  # 15.00 in Helsinki: 18 h before 9.00
IN_TIME = dt.datetime(2026, 12, 8, 6, 0, tzinfo=dt.UTC)  # 8.00 in Helsinki: 25 h before


def _order_with_gig(*, accepted=2, offered=1, status=OrderStatus.SCHEDULED):
    contact = ClientContactFactory(with_user=True)
    order = OrderFactory(contact=contact, terms_accepted=True, status=status)
    gig = GigFactory(order=order, date=GIG_DAY, start_time=dt.time(9), planned_hours=Decimal("3.00"), workers_needed=2)
    taken = [AssignmentFactory(gig=gig, status=AssignmentStatus.ACCEPTED) for _ in range(accepted)]
    asked = [AssignmentFactory(gig=gig, status=AssignmentStatus.OFFERED) for _ in range(offered)]
    return order, gig, taken, asked


@freeze_time(LATE)
def test_late_cancellation__freezes_the_charge_and_each_takers_minimum():
    order, gig, taken, asked = _order_with_gig()

    services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user, reason="Remontti siirtyi.")

    gig.refresh_from_db()
    assert gig.is_cancelled and gig.cancelled_by_client and gig.cancelled_late
    # 2 workers × 2 h at 14.50 €/h (commission, VAT 0 %).
    assert gig.cancellation_charge_hours == Decimal("4.00")
    assert gig.cancellation_charge_unit_price == Decimal("14.50")
    assert gig.cancellation_charge == Decimal("58.00")
    for assignment in taken:
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.WITHDRAWN
        assert (assignment.cancellation_pay_hours, assignment.cancellation_pay_rate, assignment.cancellation_pay) == (
            Decimal("2.00"),
            Decimal("10.00"),
            Decimal("20.00"),
        )
    asked[0].refresh_from_db()
    assert asked[0].status == AssignmentStatus.WITHDRAWN and asked[0].cancellation_pay is None
    row = order.status_changes.get(kind=OrderEvent.CLIENT_CANCELLED_GIG_LATE)
    assert row.note == "Remontti siirtyi."
    assert "58.00 € + VAT" in row.describe() and "10.12.2026" in row.describe()


@freeze_time(LATE)
def test_late_cancellation__an_order_left_with_only_the_charge_is_approved_not_a_dead_end():
    order, gig, _taken, _asked = _order_with_gig()

    services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)

    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    assert not order_offers_cancelling(order)


@freeze_time(IN_TIME)
def test_cancellation_in_time__is_plain_and_charges_nothing():
    order, gig, taken, _asked = _order_with_gig()

    services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)

    gig.refresh_from_db()
    assert gig.is_cancelled and gig.cancelled_by_client and not gig.cancelled_late
    assert gig.cancellation_charge is None and gig.cancellation_reason == "Cancelled by the client."
    taken[0].refresh_from_db()
    assert taken[0].cancellation_pay is None
    order.refresh_from_db()
    # Nothing to invoice: the coordinator is offered to cancel the whole order, as before.
    assert order.status == OrderStatus.SCHEDULED and order_offers_cancelling(order)
    assert order.status_changes.filter(kind=OrderEvent.CLIENT_CANCELLED_GIG).exists()


@freeze_time(LATE)
def test_late_cancellation_before_anyone_took_the_gig__is_late_but_free():
    order, gig, _taken, _asked = _order_with_gig(accepted=0, offered=1, status=OrderStatus.STAFFING)

    quote = services.gig_cancellation_quote(gig_id=gig.pk, by=order.contact.user)
    services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)

    assert quote.late and not quote.charged and quote.charge == Decimal("0.00")
    gig.refresh_from_db()
    assert gig.cancelled_late and gig.cancellation_charge is None


@freeze_time(LATE)
def test_the_rule_is_dated_data__a_later_row_with_a_wider_window_and_fixed_hours_counts():
    CancellationRule.objects.update(valid_to=dt.date(2026, 11, 30))
    CancellationRule.objects.create(
        valid_from=dt.date(2026, 12, 1),
        late_window_hours=48,
        client_charge_hours=Decimal("1.50"),
        worker_minimum_hours=Decimal("1.00"),
        source="test",
    )
    order, gig, _taken, _asked = _order_with_gig(accepted=1, offered=0)

    quote = services.gig_cancellation_quote(gig_id=gig.pk, by=order.contact.user)

    assert quote.window_hours == 48 and quote.charge_hours == Decimal("1.50")
    assert quote.charge == Decimal("21.75") and quote.worker_pay == Decimal("10.00")
    assert quote.vat_rate == Decimal("25.50") and quote.charge_vat == Decimal("5.55")


@freeze_time(LATE)
def test_the_charge_and_the_minimum_never_exceed_the_gigs_planned_hours():
    order, gig, taken, _asked = _order_with_gig(accepted=1, offered=0)
    gig.planned_hours = Decimal("1.25")
    gig.save()

    services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)

    gig.refresh_from_db()
    taken[0].refresh_from_db()
    assert gig.cancellation_charge_hours == Decimal("1.25") and taken[0].cancellation_pay_hours == Decimal("1.25")


@freeze_time(LATE)
def test_the_signed_link_of_the_order_may_cancel_and_no_other():
    order, gig, _taken, _asked = _order_with_gig()
    other, _gig, _t, _a = _order_with_gig()

    with pytest.raises(ActionNotPermitted):
        services.gig_cancel_by_client(gig_id=gig.pk, token_order_id=other.pk)
    services.gig_cancel_by_client(gig_id=gig.pk, token_order_id=order.pk)

    gig.refresh_from_db()
    assert gig.is_cancelled and gig.cancelled_by is None and gig.cancellation_charge == Decimal("58.00")


@freeze_time(LATE)
@pytest.mark.parametrize("who", ["other_client", "coordinator", "nobody"])
def test_only_the_orders_own_client_may_cancel(who):
    order, gig, _taken, _asked = _order_with_gig()
    by = {
        "other_client": lambda: ClientContactFactory(with_user=True).user,
        "coordinator": CoordinatorFactory,
        "nobody": lambda: None,
    }[who]()

    with pytest.raises(ActionNotPermitted):
        services.gig_cancel_by_client(gig_id=gig.pk, by=by)
    gig.refresh_from_db()
    assert not gig.is_cancelled


@freeze_time(dt.datetime(2026, 12, 10, 7, 30, tzinfo=dt.UTC))  # 9.30 in Helsinki: under way
def test_a_gig_under_way_is_not_cancelled_by_the_client():
    order, gig, _taken, _asked = _order_with_gig()

    with pytest.raises(DomainError, match="already started"):
        services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)


@freeze_time(LATE)
def test_reported_work_and_a_cancelled_gig_are_refused():
    order, gig, _taken, _asked = _order_with_gig()
    services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)
    with pytest.raises(DomainError, match="already cancelled"):
        services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)

    done = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    done.gig.order.contact.user = ClientContactFactory(with_user=True, organisation=done.gig.order.client).user
    with pytest.raises(DomainError, match="already reported"):
        services.gig_cancel_by_client(gig_id=done.gig.pk, token_order_id=done.gig.order_id)


@freeze_time(LATE)
def test_everyone_concerned_is_told_once_in_their_language(django_capture_on_commit_callbacks, settings):
    settings.JOBCENTER_CONTACT_EMAIL = "jobcenter@example.org"
    order, gig, taken, asked = _order_with_gig(accepted=1, offered=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)

    sent = {(e.code, e.to) for e in OutboundEmail.objects.all()}
    assert sent == {
        ("gig_client_cancelled_worker", taken[0].worker.user.email),
        ("gig_client_cancelled_worker", asked[0].worker.user.email),
        ("gig_client_cancelled_unit", taken[0].unit.email),
        ("gig_client_cancelled_unit", asked[0].unit.email),
        ("gig_client_cancelled_client", order.contact.email),
        ("gig_client_cancelled_coordinator", "jobcenter@example.org"),
    }
    to_taker = OutboundEmail.objects.get(to=taken[0].worker.user.email)
    assert "20,00" in to_taker.body_text  # her minimum, in Finnish
    assert "20,00" not in OutboundEmail.objects.get(to=asked[0].worker.user.email).body_text
    to_client = OutboundEmail.objects.get(code="gig_client_cancelled_client")
    assert "29,00" in to_client.body_text and "24" in to_client.body_text


@freeze_time(LATE)
def test_the_order_level_variant_cancels_every_gig_still_to_come():
    order, gig, _taken, _asked = _order_with_gig(accepted=1, offered=0)
    later = GigFactory(order=order, date=GIG_DAY + dt.timedelta(days=7), start_time=dt.time(9))

    services.order_cancel_by_client(order_id=order.pk, by=order.contact.user)

    gig.refresh_from_db()
    later.refresh_from_db()
    assert gig.cancellation_charge == Decimal("29.00")
    assert later.is_cancelled and not later.cancelled_late and later.cancellation_charge is None
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
