"""The partner model in the demo: Väylä ry employs workers of the Vallila unit.

- Väylä ry is the employer partner; every employment order of the demo names it (`steps.submit`);
- the pilot's Vallila cleaning case: Aino has an active employment contract with Väylä, 2 h every
  second week on Tuesdays, activated after the income clarification her unit did with her before
  the start; she has cleaned the club room of Asunto Oy Vallilan Helmi every second Tuesday for
  the last months, with Juha (job coach) along, and the hours are approved;
- Sami has a contract too (for the office cleaning that is still ahead, `orders_open`);
- Väylä's invoices to Helmi: the month before last received and paid, last month's received and
  not yet paid; last month's hours report is on Väylä's page.

Everything goes through the services at its own moment; a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from billing.models import PartnerInvoice
from billing.pricing import hourly_price_quote
from billing.services import partner_invoices
from demo.creation import steps
from demo.creation.context import DemoContext
from demo.creation.steps import GigPlan
from orders.models import Assignment, ContractType, EmployerPartner, EmploymentContract
from orders.services import partners as partner_services
from orders.services import series as series_services
from units.models import StaffRole

PARTNER = dict(
    name="Väylä ry",
    business_id="0737546-2",
    contact_person="Heikki Aaltonen",
    email="heikki.aaltonen@vayla.example",
    phone="050 555 0202",
)
# (worker, days from today: contract made, clarification done, start; every n weeks, weekdays)
CONTRACTS = [("aino", -88, -87, -85, 2, [2]), ("sami", -12, -11, -10, 2, [2])]
CLARIFICATION_NOTE = (
    "Käytiin läpi palkan vaikutus työkyvyttömyyseläkkeeseen (ansaintaraja) ja eläkkeensaajan "
    "asumistukeen. Työntekijä ilmoittaa työn alkamisesta Kelaan. Palkka on palkkatuloa: ei YEL:iä "
    "eikä yritystoiminnan selvitystä."
)
CASE_KEY = "vallila-partner-cleaning"
WORK_DAY = -80  # the coordinator enters the gigs; every second Tuesday after it, up to today


def _tuesdays(ctx: DemoContext) -> list[int]:
    """Every second Tuesday from two days ago or the last Tuesday back to about ten weeks ago."""
    last = -((ctx.today.weekday() - 1) % 7) or -7
    return sorted(day for day in range(last, WORK_DAY + 2, -14))


def seed_partner_model(ctx: DemoContext) -> None:
    partner = _partner(ctx)
    ctx.employer_partner = partner
    for key, made, clarified, start, weeks, weekdays in CONTRACTS:
        _contract(ctx, partner, key, made, clarified, start, weeks, weekdays)
    _cleaning_case(ctx)
    _partner_invoices(ctx, partner)


def _partner(ctx: DemoContext) -> EmployerPartner:
    partner = EmployerPartner.objects.filter(business_id=PARTNER["business_id"]).first()
    if partner is None:
        with ctx.frozen(ctx.at(-89, 9, 0)):
            partner = partner_services.partner_create(by=ctx.coordinator, **PARTNER)
        ctx.created += 1
    return partner


def _contract(ctx, partner, key, made, clarified, start, weeks, weekdays) -> None:
    worker = ctx.workers[key]
    if EmploymentContract.objects.filter(worker=worker, partner=partner).exists():
        return
    instructor = ctx.staff[("vallila", StaffRole.INSTRUCTOR)]
    coach = ctx.staff[("vallila", StaffRole.JOB_COACH)]
    with ctx.frozen(ctx.at(made, 13, 0)):
        contract = partner_services.contract_create(
            worker_id=worker.pk,
            partner_id=partner.pk,
            by=instructor,
            start_date=ctx.date(start),
            hours_per_occurrence=Decimal("2"),
            every_n_weeks=weeks,
            weekdays=weekdays,
        )
    with ctx.frozen(ctx.at(clarified, 10, 0)):
        partner_services.income_clarification_record(
            contract_id=contract.pk,
            by=instructor,
            done_on=ctx.date(clarified),
            done_by_id=coach.pk,
            benefits_checked=True,
            note=CLARIFICATION_NOTE,
        )
    with ctx.frozen(ctx.at(clarified, 10, 30)):
        partner_services.contract_activate(contract_id=contract.pk, by=instructor)
    ctx.created += 3


def _cleaning_case(ctx: DemoContext) -> None:
    order = steps.submit(
        ctx,
        CASE_KEY,
        "helmi",
        at=ctx.at(WORK_DAY - 4, 10, 0),
        task_type="cleaning",
        title="Kerhohuoneen siivous joka toinen viikko",
        description="Kerhohuoneen ja sen keittiön siivous: pintojen pyyhintä, imurointi ja lattioiden pesu.",
        orientation="Isännöitsijä näyttää siivouskomeron ja avaimen säilytyksen ensimmäisellä kerralla.",
        street_address="Vallilantie 12",
        postal_code="00510",
        estimated_hours=Decimal("12"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.EMPLOYMENT,
        timing_notes="Joka toinen tiistai aamupäivällä, 2 h kerrallaan.",
    )
    if order:
        steps.agree(ctx, order, WORK_DAY - 3)
        days = _tuesdays(ctx)
        # Entered once as a repeating gig (every second Tuesday), not gig by gig, before the unit is told.
        with ctx.frozen(ctx.at(WORK_DAY, 8, 45)):
            series = series_services.series_create(
                order_id=order.pk,
                by=ctx.coordinator,
                first_date=ctx.date(days[0]),
                interval_weeks=2,
                weekdays=[1],
                start_time=dt.time(9, 0),
                planned_hours="2",
                workers_needed=1,
                until_date=ctx.date(days[-1]),
            )
        plans = [GigPlan(day, dt.time(9, 0), "2", 1, [("aino", "2", None, "", True)]) for day in days]
        made = list(series.gigs.order_by("date"))
        steps.work(ctx, order, day=WORK_DAY, units=["vallila"], gigs=plans, made=made)


def _month_start(day: dt.date, months_back: int) -> dt.date:
    first = day.replace(day=1)
    for _i in range(months_back):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first


def _partner_invoices(ctx: DemoContext, partner: EmployerPartner) -> None:
    """Väylä invoices Helmi after each month from its hours report: hours × its price incl. VAT."""
    order = ctx.order(CASE_KEY)
    this_month = ctx.today.replace(day=1)
    for months_back, paid in ((2, True), (1, False)):
        first = _month_start(ctx.today, months_back)
        following = _month_start(ctx.today, months_back - 1)
        number = f"VÄY-{first:%Y%m}-14"
        invoice = PartnerInvoice.objects.filter(partner=partner, invoice_number=number).first()
        if invoice is None:
            work = Assignment.objects.filter(
                gig__order=order, gig__date__gte=first, gig__date__lt=following, approved_hours__isnull=False
            )
            hours = sum((a.approved_hours for a in work), Decimal(0))
            if not hours:
                continue
            amount = hours * hourly_price_quote(contract_type=ContractType.EMPLOYMENT, day=first).gross
            received = min(ctx.day_of(following + dt.timedelta(days=1)), 0)
            with ctx.frozen(ctx.at(received, 8, 0) if received < 0 else ctx.today_at(8)):
                invoice = partner_invoices.partner_invoice_record_received(
                    partner_id=partner.pk,
                    client_id=order.client_id,
                    year=first.year,
                    month=first.month,
                    invoice_number=number,
                    amount=amount,
                    received_on=ctx.date(received),
                    by=ctx.coordinator,
                )
            ctx.created += 1
        if paid and invoice.paid_on is None and following < this_month:
            paid_day = min(ctx.day_of(following + dt.timedelta(days=18)), -1)
            with ctx.frozen(ctx.at(paid_day, 11, 0)):
                partner_invoices.partner_invoice_mark_paid(
                    invoice_id=invoice.pk, paid_on=ctx.date(paid_day), by=ctx.coordinator
                )
            ctx.created += 1
