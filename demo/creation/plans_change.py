"""When plans change: the demo orders where something went differently from the plan, through the
services at the moments it happened.

- Vallila, letters for a housing company: Eeva took the gig in a few days and then said "En pääse"
  (ill). The place is open again: the unit's page shows "Etsi sijainen", the coordinator's order
  page "Find a stand-in", and Aino, proposed before Eeva, waits there as the first candidate.
- Puhdas Pinta Oy, cleaning after a renovation: Sami cleaned the first time; the client's contact
  cancelled the second time a few hours before it, inside the cancellation rule's window. The order
  is approved with the charge ("Peruutusmaksu … (myöhäinen peruutus)") waiting to be invoiced, and
  Sami's minimum pay waits for the next payment run (this month's draft pays work up to yesterday).
- Töölö, safety phones for Kotikallio: Riikka is told by text message (her instructor chose it; she
  needs a reminder on her phone), and the coordinator sent everyone on tomorrow's gig a message:
  the order's history shows it and the outbox holds Riikka's text message.

Each order is made once (`steps.submit` returns None on a second run), and so is everything after it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demo.creation import steps
from demo.creation.context import DemoContext
from demo.creation.steps import GigPlan
from jobcenter.sms import phone_or_empty
from orders import services as flow
from orders.models import AbsenceReason, Assignment, ContractType, Order
from orders.services.client_cancel import gig_cancel_by_client
from orders.services.gig_messages import gig_message_send
from units.models import StaffRole
from workers.contact import worker_set_notify_by
from workers.models import NotifyBy

GIG_MESSAGE = "Ovikoodi on vaihtunut: 4521. Tulkaa sisään pihan puolelta, B-rappu."


def seed_plans_change(ctx: DemoContext) -> None:
    _cant_come_and_a_stand_in(ctx)
    _client_cancels_late(ctx)
    _text_message_to_the_gig(ctx)


def _assignment(order: Order, worker) -> Assignment:
    return Assignment.objects.get(gig__order=order, worker=worker)


def _cant_come_and_a_stand_in(ctx: DemoContext) -> None:
    t = dt.time
    order = steps.submit(
        ctx,
        "resident-letters",
        "helmi",
        at=ctx.at(-7, 10, 0),
        task_type="mailing",
        title="Asukastiedotteiden kuorittaminen",
        description="Noin 150 asukastiedotteen taittelu ja kuorittaminen porraskohtaisesti.",
        street_address="Vallilantie 12",
        postal_code="00510",
        estimated_hours=Decimal("3"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )
    if not order:
        return
    steps.agree(ctx, order, -6)
    steps.inform(ctx, order, ["vallila"], ctx.at(-4, 9, 0))
    gig = steps.gig(ctx, order, GigPlan(3, t(10, 0), "3", 1), ctx.at(-4, 9, 30))
    # Aino was proposed first; the coordinator offered the gig to Eeva, whose skill mailing is.
    steps.propose(ctx, gig, "aino", ctx.at(-3, 10, 0))
    eeva = steps.propose(ctx, gig, "eeva", ctx.at(-3, 10, 5))
    steps.offer(ctx, eeva, ctx.at(-3, 14, 0))
    steps.accept(ctx, eeva, ctx.at(-2, 11, 0))
    with ctx.frozen(ctx.today_at(7, 40)):
        flow.assignment_cant_come(
            assignment_id=eeva.pk, by=ctx.workers["eeva"].user, reason=AbsenceReason.ILL, note="Flunssa."
        )


def _late_cancellation_times(ctx: DemoContext) -> tuple[dt.datetime, dt.datetime]:
    """The gig's start, a whole hour of the working day three or more hours from now (so within a
    day: inside any late window of 24 hours), and the moment of the client's call a few hours
    before it, never in the future. Its day is today or tomorrow, so no payment run has it yet."""
    now = ctx.now.astimezone(ctx.tz)
    start = (now + dt.timedelta(hours=4)).replace(minute=0, second=0, microsecond=0)
    if start.hour < 8:
        start = start.replace(hour=8)
    elif start.hour > 16:
        start = (start + dt.timedelta(days=1)).replace(hour=8)
    return start, min(start - dt.timedelta(hours=4), now - dt.timedelta(minutes=1))


def _client_cancels_late(ctx: DemoContext) -> None:
    t = dt.time
    start, called_at = _late_cancellation_times(ctx)
    order = steps.submit(
        ctx,
        "renovation-cleaning",
        "puhdas",
        at=ctx.at(-12, 9, 0),
        task_type="cleaning",
        title="Remontin jälkeinen siivous",
        description="Toimiston lattioiden imurointi ja pesu sekä pölyjen pyyhintä kahdessa osassa remontin edetessä.",
        orientation="Toimistopäällikkö näyttää, mitkä huoneet ovat valmiita.",
        street_address="Teollisuuskatu 21",
        postal_code="00510",
        estimated_hours=Decimal("6"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )
    if not order:
        return
    steps.agree(ctx, order, -11)
    steps.work(
        ctx,
        order,
        day=-9,
        units=["vallila"],
        gigs=[
            GigPlan(-5, t(9, 0), "3", 1, [("sami", "3", None, "", False)]),
            GigPlan(ctx.day_of(start.date()), start.time(), "3", 1, [("sami", None, None, "", False)]),
        ],
    )
    second = order.gigs.order_by("-date", "-start_time").first()
    contact_user = Order.objects.select_related("contact__user").get(pk=order.pk).contact.user
    with ctx.frozen(called_at):
        gig_cancel_by_client(
            gig_id=second.pk,
            by=contact_user,
            reason="Remontti viivästyy, eikä toista siivouskertaa voi tehdä tällä viikolla.",
        )


def _text_message_to_the_gig(ctx: DemoContext) -> None:
    t = dt.time
    order = steps.submit(
        ctx,
        "safety-phones-second",
        "kotikallio",
        at=ctx.at(-6, 9, 0),
        task_type="safety-phone-cleaning",
        title="Turvapuhelinten puhdistus, toinen erä",
        description="Palautettujen turvapuhelinten ja rannekkeiden puhdistus ja pakkaus (noin 40 kpl).",
        street_address="Kalliolanrinne 4",
        postal_code="00510",
        estimated_hours=Decimal("3"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )
    if not order:
        return
    steps.agree(ctx, order, -5)
    steps.inform(ctx, order, ["toolo"], ctx.at(-3, 9, 0))
    gig = steps.gig(ctx, order, GigPlan(1, t(9, 30), "3", 1), ctx.at(-3, 9, 30))
    riikka = steps.propose(ctx, gig, "riikka", ctx.at(-2, 10, 0))
    steps.offer(ctx, riikka, ctx.at(-2, 14, 0))
    worker = ctx.workers["riikka"]
    # A database seeded before the demo gave Riikka a phone number has none: she stays on email.
    if phone_or_empty(worker.user.phone):
        with ctx.frozen(ctx.at(-2, 15, 0)):
            worker_set_notify_by(
                worker_id=worker.pk, notify_by=NotifyBy.SMS, by=ctx.staff[("toolo", StaffRole.INSTRUCTOR)]
            )
    steps.accept(ctx, riikka, ctx.at(-1, 11, 0))
    with ctx.frozen(ctx.today_at(9, 0)):
        gig_message_send(gig_id=gig.pk, by=ctx.coordinator, text=GIG_MESSAGE)
