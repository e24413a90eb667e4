"""Production orders for tests: one made through the services, and moved step by step (each step
through its service) up to the step a test needs."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from orders.models import PRODUCTION_STEPS, ProductionOrder, ProductionStepKind
from orders.services import production as services
from orders.services import production_gigs as gig_services
from orders.services.terms import order_accept_terms
from tests.factories import ClientContactFactory, CoordinatorFactory, UnitFactory

COSTUME_ITEMS = [
    services.ItemRow("puku", 30, "kpl"),
    services.ItemRow("panta", 30, "kpl"),
    services.ItemRow("tassut", 60, "paria"),
]
# Minutes per item: 90 + 15 + 20 -> 30*90 + 30*15 + 60*20 = 4350 min = 72.5 h.
COSTUME_MINUTES = [Decimal("90"), Decimal("15"), Decimal("20")]


def production_order(*, by=None, unit=None, contact=None, title="Rooliasut kahdelle koululle", items=None):
    by = by or CoordinatorFactory()
    return services.production_order_create(
        by=by,
        contact_id=(contact or ClientContactFactory()).pk,
        unit_id=(unit or UnitFactory()).pk,
        title=title,
        description="Puvut, pannat ja tassut.",
        items=items or COSTUME_ITEMS,
    )


def price(po: ProductionOrder, *, by, hourly_price=Decimal("14.50")):
    minutes = dict(zip(po.items.order_by("position").values_list("pk", flat=True), COSTUME_MINUTES, strict=False))
    return gig_services.production_price(
        production_order_id=po.pk,
        by=by,
        done_on=timezone.localdate(),
        minutes={pk: minutes.get(pk, Decimal("10")) for pk in po.items.values_list("pk", flat=True)},
        contract_type="commission",
        hourly_price=hourly_price,
    )


def advance_to(po: ProductionOrder, step: str, *, by) -> ProductionOrder:
    """Record every step after the current one up to and including `step` (not the gigs)."""
    target = PRODUCTION_STEPS.index(ProductionStepKind(step))
    po.refresh_from_db()
    while PRODUCTION_STEPS.index(ProductionStepKind(po.current_step)) < target:
        nxt = po.next_step
        if nxt == ProductionStepKind.PRICED:
            price(po, by=by)
        elif nxt == ProductionStepKind.PRODUCED:
            raise AssertionError("the gigs are made with produce(), not advance_to()")
        else:
            services.production_step_record(
                production_order_id=po.pk, step=nxt, by=by, done_on=timezone.localdate(), note=f"{nxt} ok"
            )
        po.refresh_from_db()
    return po


def order_with_accepted_terms(po: ProductionOrder, *, by):
    """Make the order of the gigs and let the client accept its terms (as through the signed link)."""
    order = gig_services.production_create_order(production_order_id=po.pk, by=by)
    order.refresh_from_db()
    return order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name=order.contact.name)
