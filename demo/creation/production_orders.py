"""The pilot's production order (ompelutyö): the education division's procurement services order
role costumes (suits, headbands and paws) for two schools from the Uusix workshop.

Two production orders, each step through the services at its own moment:
- the pilot's own first attempt: prototypes designed, sewn and shown, the client accepted, the work
  timed and priced, the order made; then stopped at the ordering step, because under a commission
  contract the work of a person on unemployment benefit counts as self-employment and the benefit
  stops while that is investigated;
- a second costume order that goes all the way: its gigs are entered for Uusix's workers, the first
  ones are done (and most approved), the rest lie ahead.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from billing.pricing import hourly_price_quote
from demo.creation import steps
from demo.creation.clients import CLIENTS
from demo.creation.context import DemoContext
from orders.models import ClientContact, ContractType, ProductionOrder, ProductionStepKind, StopReason
from orders.services import production as production_services
from orders.services import production_gigs as gig_services
from units.models import StaffRole

ITEMS = [
    production_services.ItemRow("puku", 30, "kpl"),
    production_services.ItemRow("panta", 30, "kpl"),
    production_services.ItemRow("tassut", 60, "paria"),
]
# Minutes of work per item as timed from the test sewing: 30 x 100 + 30 x 12 + 60 x 14 = 4200 min = 70 h.
MINUTES = [Decimal("100"), Decimal("12"), Decimal("14")]
FIRST_TITLE = "Rooliasut kahdelle koululle (ensimmäinen yritys)"
SECOND_TITLE = "Rooliasut kahdelle koululle"
DESCRIPTION = (
    "Kasvatuksen ja koulutuksen toimialan hankintapalvelut tilaa rooliasut kahden koulun käyttöön. "
    "Asut ommellaan Uusix-verstaan työtoiminnan tiloissa sille varatulla alueella."
)
CREW = ("marjatta", "jenni", "antti")


def seed_production_orders(ctx: DemoContext) -> None:
    if ProductionOrder.objects.filter(title__in=[FIRST_TITLE, SECOND_TITLE]).exists():
        return
    contact = ClientContact.objects.get(email=CLIENTS["kasko"]["contact_email"])
    _first_attempt(ctx, contact)
    _costume_order(ctx, contact)


def _staff(ctx: DemoContext, role: str):
    return ctx.staff[("uusix", role)]


def _create(ctx: DemoContext, contact: ClientContact, title: str, day: int) -> ProductionOrder:
    with ctx.frozen(ctx.at(day, 10, 0)):
        production_order = production_services.production_order_create(
            by=ctx.coordinator,
            contact_id=contact.pk,
            unit_id=ctx.units["uusix"].pk,
            title=title,
            description=DESCRIPTION,
            items=ITEMS,
            note="Määrät koulujen ilmoituksen mukaan.",
        )
    ctx.created += 1
    return production_order


def _record(ctx: DemoContext, production_order: ProductionOrder, step: str, day: int, by, note: str, **owner):
    with ctx.frozen(ctx.at(day, 14, 0)):
        production_services.production_step_record(
            production_order_id=production_order.pk, step=step, by=by, done_on=ctx.date(day), note=note, **owner
        )


def _prototypes_to_price(ctx: DemoContext, production_order: ProductionOrder, day: int, contact: ClientContact):
    """From the prototypes to the price: designed, sewn and test-made, shown, accepted, priced."""
    instructor, coach = _staff(ctx, StaffRole.INSTRUCTOR), _staff(ctx, StaffRole.JOB_COACH)
    manager = _staff(ctx, StaffRole.UNIT_MANAGER)
    _record(ctx, production_order, ProductionStepKind.PROTOTYPES_DESIGNED, day, instructor,
            "Puvusta, pannasta ja tassuista suunniteltiin mallit, jotka on mahdollista tehdä ansiotyönä.")  # fmt: skip
    _record(ctx, production_order, ProductionStepKind.PROTOTYPES_MADE, day + 3, coach,
            "Prototyypit ommeltu; testiompelu kolmessa koossa.")  # fmt: skip
    _record(ctx, production_order, ProductionStepKind.PROTOTYPES_SHOWN, day + 5, manager,
            "Prototyypit esitelty hankintapalveluille ja kouluille.")  # fmt: skip
    _record(ctx, production_order, ProductionStepKind.CLIENT_ACCEPTED, day + 6, ctx.coordinator,
            "Tilaus saatiin esittelyn jälkeen.", owner_contact_id=contact.pk)  # fmt: skip
    minutes = dict(zip(production_order.items.order_by("position").values_list("pk", flat=True), MINUTES, strict=True))
    # The price of the day from billing's price list, agreed with the client as it was.
    price = hourly_price_quote(contract_type=ContractType.COMMISSION, day=ctx.date(day + 7)).net
    with ctx.frozen(ctx.at(day + 7, 11, 0)):
        gig_services.production_price(
            production_order_id=production_order.pk,
            by=ctx.coordinator,
            done_on=ctx.date(day + 7),
            minutes=minutes,
            contract_type=ContractType.COMMISSION,
            hourly_price=price,
            note="Työ ajoitettu testiompelun perusteella.",
        )
        return gig_services.production_create_order(
            production_order_id=production_order.pk, by=ctx.coordinator, task_type_id=ctx.task_types["sewing"].pk
        )


def _first_attempt(ctx: DemoContext, contact: ClientContact) -> None:
    production_order = _create(ctx, contact, FIRST_TITLE, -66)
    _prototypes_to_price(ctx, production_order, -63, contact)
    with ctx.frozen(ctx.at(-54, 15, 30)):
        production_services.production_stop(
            production_order_id=production_order.pk,
            by=ctx.coordinator,
            reason=StopReason.CONTRACT_MODEL,
            note=(
                "Tilaus tehtäisiin toimeksiantosopimuksella. Työttömyysetuutta saavan tekijän työ katsottaisiin "
                "silloin yrittäjyydeksi: hänen pitäisi tehdä yrittäjäselvitys, ja etuus katkeaisi selvityksen "
                "ajaksi (noin 30 päivää). Pukuja alettiin valmistaa, mutta tilausta ei voitu toteuttaa."
            ),
        )


def _past_working_days(ctx: DemoContext, count: int) -> dt.date:
    """The working day `count` working days before today (the first gig's day)."""
    day, found = ctx.today, 0
    while found < count:
        day -= dt.timedelta(days=1)
        found += day.weekday() < 5
    return day


def _costume_order(ctx: DemoContext, contact: ClientContact) -> None:
    production_order = _create(ctx, contact, SECOND_TITLE, -32)
    order = _prototypes_to_price(ctx, production_order, -29, contact)
    steps.accept_terms(ctx, order, ctx.at(-21, 13, 40))
    # Three gigs before today are worked; the rest lie ahead.
    first = _past_working_days(ctx, 3)
    produce_day = ctx.day_of(first) - 5
    with ctx.frozen(ctx.at(produce_day, 9, 30)):
        gigs = gig_services.production_produce(
            production_order_id=production_order.pk,
            by=ctx.coordinator,
            first_date=first,
            start_time=dt.time(9, 0),
            hours_per_gig=Decimal("4"),
            workers_per_gig=3,
            note="Kolme tekijää ompelee joka arkipäivä.",
        )
    crew = [(gig, steps.propose(ctx, gig, worker, ctx.at(produce_day + 1, 10, 0))) for gig in gigs for worker in CREW]
    for _gig, assignment in crew:
        steps.offer(ctx, assignment, ctx.at(produce_day + 1, 14, 0))
    for _gig, assignment in crew:
        steps.accept(ctx, assignment, ctx.at(produce_day + 2, 11, 0))
    for gig, assignment in crew:
        day = ctx.day_of(gig.date)
        if day >= 0:
            continue
        steps.report(ctx, assignment, str(gig.planned_hours), ctx.at(day, 13, 30))
        if day <= -2:  # the last worked day's hours wait for approval
            steps.approve(ctx, assignment, ctx.at(day + 1, 10, 15))
