"""Reads of product sales for the unit's and the coordinator's pages, and the delivered product
compensation that the benefit foresight counts.

Unit staff see the products of their own units; the coordinator sees all. Anything outside the
user's scope is a 404. A list is read in a constant number of queries whatever its length.

A delivery's payment state comes from its live payout line: none (waiting for the next run), in a
draft run, sent to the bank, or paid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import pgettext_lazy

from billing.models import CompensationAgreement, PayoutLine, PayoutStatus, Product, ProductDelivery, SalesReview
from jobcenter.roles import is_coordinator, staff_unit_ids
from units.models import Unit, UnitMembership
from workers.models import Worker

# The access-log code of a look at a worker's product sales (what they made and the compensation).
LOG_PRODUCT_SALES = "product_sales"


class DeliveryPayment:
    WAITING = "waiting"
    IN_DRAFT = "in_draft"
    IN_PAYMENT = "in_payment"
    PAID = "paid"

    LABELS = {
        WAITING: pgettext_lazy("product delivery", "Waiting for the next payment run"),
        IN_DRAFT: pgettext_lazy("product delivery", "In a draft payment run"),
        IN_PAYMENT: pgettext_lazy("product delivery", "Sent to the bank"),
        PAID: pgettext_lazy("product delivery", "Paid"),
    }


def _scope(user) -> Q:
    if is_coordinator(user):
        return Q()
    return Q(unit_id__in=staff_unit_ids(user))


def _delivered_total():
    return Coalesce(Sum("deliveries__quantity"), 0)


def products_for(*, user, unit_id: int | None = None) -> QuerySet[Product]:
    """The products the user may see (their units' or, for the coordinator, all), with the quantity
    delivered and their agreements; three queries however many products."""
    qs = Product.objects.filter(_scope(user))
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    return (
        qs.select_related("unit", "maker__user")
        .defer("maker__support_needs")
        .annotate(delivered=_delivered_total())
        .prefetch_related(
            Prefetch(
                "agreements",
                queryset=CompensationAgreement.objects.select_related("buyer").annotate(
                    has_review=Exists(_review_of(OuterRef("pk")))
                ),
            )
        )
        .order_by("unit__name", "name", "pk")
    )


def _review_of(agreement):
    return SalesReview.objects.filter(agreement=agreement)


def product_get_for(*, user, pk: int) -> Product:
    product = (
        Product.objects.filter(_scope(user))
        .select_related("unit", "maker__user", "created_by")
        .defer("maker__support_needs")
        .annotate(delivered=_delivered_total())
        .filter(pk=pk)
        .first()
    )
    if product is None:
        raise Http404
    return product


def agreement_get_for(*, user, product: Product, pk: int) -> CompensationAgreement:
    agreement = (
        CompensationAgreement.objects.filter(product=product, pk=pk)
        .select_related("buyer", "job_coach", "coordinator", "unit_manager")
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def agreements_of(product: Product) -> list[CompensationAgreement]:
    return list(
        product.agreements.select_related("buyer", "job_coach", "coordinator", "unit_manager", "review").order_by(
            "-valid_from", "-pk"
        )
    )


def _with_payment_state(deliveries: QuerySet[ProductDelivery]) -> QuerySet[ProductDelivery]:
    live = PayoutLine.objects.filter(delivery=OuterRef("pk"), released=False)
    return deliveries.annotate(
        in_draft=Exists(live.filter(payout__status=PayoutStatus.DRAFT)),
        in_payment=Exists(live.filter(payout__status=PayoutStatus.IN_PAYMENT)),
        paid=Exists(live.filter(payout__status=PayoutStatus.PAID)),
    )


def payment_state(delivery: ProductDelivery) -> str:
    if delivery.paid:
        return DeliveryPayment.PAID
    if delivery.in_payment:
        return DeliveryPayment.IN_PAYMENT
    if delivery.in_draft:
        return DeliveryPayment.IN_DRAFT
    return DeliveryPayment.WAITING


def deliveries_of(product: Product) -> list[ProductDelivery]:
    rows = _with_payment_state(product.deliveries.select_related("agreement__buyer")).order_by("date", "pk")
    for delivery in rows:
        delivery.payment_state = payment_state(delivery)
        delivery.payment_label = DeliveryPayment.LABELS[delivery.payment_state]
    return list(rows)


# --- The coordinator's lists ------------------------------------------------------------------------
def agreements_waiting_for_coordinator() -> QuerySet[CompensationAgreement]:
    return (
        CompensationAgreement.objects.filter(coordinator__isnull=True)
        .select_related("product__unit", "product__maker__user", "buyer", "job_coach", "unit_manager")
        .defer("product__maker__support_needs")
        .order_by("created_at", "pk")
    )


def deliveries_not_paid() -> list[ProductDelivery]:
    """Deliveries whose compensation has not reached the worker yet (no live line of a paid payout)."""
    rows = (
        _with_payment_state(ProductDelivery.objects.all())
        .filter(paid=False)
        .select_related("product__unit", "product__maker__user", "agreement__buyer")
        .defer("product__maker__support_needs")
        .order_by("date", "pk")
    )
    found = []
    for delivery in rows:
        delivery.payment_state = payment_state(delivery)
        delivery.payment_label = DeliveryPayment.LABELS[delivery.payment_state]
        found.append(delivery)
    return found


def reviews_due(*, today: dt.date) -> QuerySet[CompensationAgreement]:
    """Agreements whose trial period has ended (or ends within a week) and whose sales are not reviewed."""
    return (
        CompensationAgreement.objects.filter(trial_ends_on__isnull=False, trial_ends_on__lte=today + dt.timedelta(7))
        .exclude(Exists(_review_of(OuterRef("pk"))))
        .select_related("product__unit", "product__maker__user", "buyer")
        .defer("product__maker__support_needs")
        .annotate(delivered=Coalesce(Sum("deliveries__quantity"), 0), deliveries_count=Count("deliveries"))
        .order_by("trial_ends_on", "pk")
    )


# --- The benefit foresight --------------------------------------------------------------------------
@dataclass(frozen=True)
class DeliveredCompensation:
    worker_id: int
    day: dt.date
    amount: Decimal


def delivered_compensation(*, worker_ids: list[int], start: dt.date, end: dt.date) -> dict[int, list]:
    """Each worker's product compensation delivered between `start` and `end`, by delivery date: it is
    earned when the products are delivered (the amount is frozen then). An agreement without a
    delivery is not income yet and is not counted. One query."""
    found: dict[int, list[DeliveredCompensation]] = defaultdict(list)
    rows = (
        ProductDelivery.objects.filter(product__maker_id__in=worker_ids, date__range=(start, end))
        .values_list("product__maker_id", "date", "amount")
        .order_by("date", "pk")
    )
    for worker_id, day, amount in rows:
        found[worker_id].append(DeliveredCompensation(worker_id, day, amount))
    return found


# --- Choices for the unit's forms -------------------------------------------------------------------
def units_for(*, user) -> list:
    """The units whose products the user records: their own units (the coordinator: every active unit)."""
    qs = Unit.objects.active() if is_coordinator(user) else Unit.objects.filter(pk__in=staff_unit_ids(user))
    return list(qs.order_by("name"))


def makers_for(*, user) -> list[Worker]:
    """Active workers of the user's units, who may be a product's maker."""
    units = [unit.pk for unit in units_for(user=user)]
    return list(
        Worker.objects.filter(home_unit_id__in=units, is_active=True)
        .select_related("user", "home_unit")
        .defer("support_needs")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def staff_by_role(*, unit_id: int, roles) -> dict[str, list[tuple[int, str]]]:
    """(user id, name) of the unit's active staff in each of `roles`, in one query: who may agree as
    its job coach or its unit manager."""
    found: dict[str, list[tuple[int, str]]] = {role: [] for role in roles}
    memberships = (
        UnitMembership.objects.active()
        .filter(unit_id=unit_id, role__in=list(roles))
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
    for m in memberships:
        found[m.role].append((m.user_id, m.user.get_full_name() or m.user.email))
    return found
