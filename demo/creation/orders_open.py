"""The demo orders still under way or ended before any work: cancelled, scheduled, staffing, terms
accepted, rejected, terms sent and submitted."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from demo.creation import steps
from demo.creation.context import DemoContext
from demo.creation.steps import GigPlan
from orders import services as flow
from orders.models import ContractType


def seed_orders_open(ctx: DemoContext) -> None:
    t = dt.time
    # CANCELLED: sewing costumes for schools. In the pilot such orders stopped on the contract: a
    # commission contract would interrupt an adult social work client's unemployment benefit.
    order = steps.submit(
        ctx,
        "sewing-costumes",
        "kasko",
        at=ctx.at(-18, 13, 0),
        task_type="sewing",
        title="Ompelutyö: rooliasut kahdelle koululle",
        description="Rooliasujen (puvut, pannat ja tassut) ompelu Uusixin tiloissa prototyyppien mukaan.",
        street_address="Kaasutehtaankatu 1",
        postal_code="00540",
        estimated_hours=Decimal("40"),
        hours_indicative=True,
        workers_needed=1,
        tools_provided=False,
        contract_type=ContractType.COMMISSION,
        client_reference="KASKO-HANKINTA-88",
    )
    if order:
        steps.agree(ctx, order, -17)
        steps.inform(ctx, order, ["uusix"], ctx.at(-14, 9, 0))
        gig = steps.gig(ctx, order, GigPlan(14, t(9, 0), "6", 1), ctx.at(-14, 9, 30))
        steps.propose(ctx, gig, "marjatta", ctx.at(-13, 10, 0))
        with ctx.frozen(ctx.at(-9, 15, 0)):
            flow.order_cancel(
                order_id=order.pk,
                by=ctx.coordinator,
                reason=(
                    "Toimeksiantosopimus ei sovellu kuntouttavan työtoiminnan asiakkaille "
                    "(työttömyysetuus keskeytyisi). Tilaus perutaan, kunnes sopimusmalli on ratkaistu."
                ),
            )

    # SCHEDULED: cleaning every second week for Väylä (partner model, employment, Vallila).
    order = steps.submit(
        ctx,
        "office-cleaning",
        "vayla",
        at=ctx.at(-8, 10, 0),
        task_type="cleaning",
        title="Toimiston siivous joka toinen viikko",
        description="Toimiston pintojen pyyhintä, imurointi ja keittiön siivous, 2 h joka toinen viikko.",
        orientation="Toimistosihteeri perehdyttää ensimmäisellä kerralla.",
        street_address="Sturenkatu 8",
        postal_code="00510",
        estimated_hours=Decimal("4"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.EMPLOYMENT,
        timing_notes="Tiistaisin aamupäivällä.",
    )
    if order:
        steps.agree(ctx, order, -7)
        steps.work(
            ctx,
            order,
            day=-5,
            units=["vallila"],
            gigs=[
                GigPlan(4, t(9, 0), "2", 1, [("aino", None, None, "", False)]),
                GigPlan(18, t(9, 0), "2", 1, [("sami", None, None, "", True)]),
            ],
        )

    # STAFFING: packing for an office move (Uusix): one offer waiting for the worker, one proposal.
    order = steps.submit(
        ctx,
        "move-packing",
        "puhdas",
        at=ctx.at(-6, 15, 10),
        task_type="move-packing",
        title="Toimistomuuton pakkaus",
        description="Mappien ja toimistotarvikkeiden pakkaus muuttolaatikoihin ja laatikoiden merkintä.",
        orientation="Toimistopäällikkö näyttää pakattavat huoneet.",
        street_address="Teollisuuskatu 21",
        postal_code="00510",
        estimated_hours=Decimal("10"),
        workers_needed=2,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
        preferred_start=ctx.date(8),
        preferred_end=ctx.date(12),
    )
    if order:
        steps.agree(ctx, order, -5)
        steps.inform(ctx, order, ["uusix"], ctx.at(-3, 9, 0))
        gig = steps.gig(ctx, order, GigPlan(10, t(8, 30), "5", 2, notes="Ota mukaan työkengät."), ctx.at(-3, 9, 30))
        petri = steps.propose(ctx, gig, "petri", ctx.at(-2, 10, 0))
        steps.propose(ctx, gig, "antti", ctx.at(-2, 10, 5))
        steps.propose(ctx, gig, "jenni", ctx.at(-2, 10, 10))
        steps.offer(ctx, petri, ctx.at(-2, 14, 0))

    # STAFFING: window washing at the end of the month, offered to Aino. Work in a month's last days
    # is paid in the next month's payment run, so her gig page says when the money comes and into
    # which month's income it counts.
    order = steps.submit(
        ctx,
        "month-end-windows",
        "helmi",
        at=ctx.at(-4, 11, 0),
        task_type="window-washing",
        title="Kerhohuoneen ikkunoiden pesu",
        description="Kerhohuoneen neljän ikkunan pesu sisäpuolelta.",
        street_address="Vallilantie 12",
        postal_code="00510",
        estimated_hours=Decimal("2"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
        timing_notes="Kuun lopussa.",
    )
    if order:
        steps.agree(ctx, order, -3)
        steps.inform(ctx, order, ["vallila"], ctx.at(-1, 14, 0))
        gig = steps.gig(ctx, order, GigPlan(_month_end_day(ctx), t(10, 0), "2", 1), ctx.at(-1, 14, 30))
        steps.offer(ctx, steps.propose(ctx, gig, "aino", ctx.at(-1, 15, 0)), ctx.at(-1, 15, 30))

    # STAFFING: handicrafts for Väylä's online shop (Töölö), no worker proposed yet.
    order = steps.submit(
        ctx,
        "handicrafts",
        "vayla",
        at=ctx.at(-5, 11, 30),
        task_type="handicrafts",
        title="Käsitöitä verkkokauppaan",
        description="Virkattuja pannunalusia ja kangaskasseja Väylän verkkokauppaan, 20 kpl kumpaakin.",
        street_address="Topeliuksenkatu 41",
        postal_code="00250",
        estimated_hours=Decimal("12"),
        workers_needed=1,
        tools_provided=False,
        contract_type=ContractType.EMPLOYMENT,
    )
    if order:
        steps.agree(ctx, order, -4)
        steps.inform(ctx, order, ["toolo"], ctx.at(-2, 9, 0))
        steps.gig(
            ctx,
            order,
            GigPlan(7, t(10, 0), "3", 1, notes="Työ tehdään Töölön yksikön tiloissa."),
            ctx.at(-2, 9, 20),
        )

    # TERMS_ACCEPTED: storage clean-up for the city, waiting for the units to be informed.
    order = steps.submit(
        ctx,
        "storage-clean-up",
        "kasko",
        at=ctx.at(-4, 8, 50),
        task_type="storage-clean-up",
        title="Varastotilan siivous ja järjestely",
        description="Koulun kellarivaraston tyhjennys, lajittelu kierrätykseen ja hyllyjen järjestely.",
        street_address="Hattulantie 2",
        postal_code="00550",
        estimated_hours=Decimal("6"),
        workers_needed=2,
        tools_provided=False,
        contract_type=ContractType.COMMISSION,
        client_reference="KASKO-2026-131",
    )
    if order:
        steps.agree(ctx, order, -3)

    # REJECTED: heavy demolition is no task for the Jobcenter.
    order = steps.submit(
        ctx,
        "demolition",
        "puhdas",
        at=ctx.at(-4, 16, 0),
        task_type="cleaning",
        title="Purkutyöt ja rakennusjätteen kanto",
        description="Väliseinien purku ja rakennusjätteen kantaminen lavalle remonttikohteessa.",
        street_address="Teollisuuskatu 21",
        postal_code="00510",
        estimated_hours=Decimal("16"),
        workers_needed=3,
        tools_provided=False,
        contract_type=ContractType.COMMISSION,
    )
    if order:
        with ctx.frozen(ctx.at(-3, 10, 0)):
            flow.order_reject(
                order_id=order.pk,
                by=ctx.coordinator,
                reason=("Raskas purkutyö ei sovellu Jobcenterin keikaksi. Remontin jälkeinen siivous sopisi."),
            )

    # TERMS_SENT: mailing for Väylä, the terms have waited for the client for over a week (the
    # coordinator's Today page lists it to remind, resend or cancel).
    order = steps.submit(
        ctx,
        "mailing",
        "vayla",
        at=ctx.at(-10, 13, 15),
        task_type="mailing",
        title="Jäsenkirjeiden postitus",
        description="Noin 400 jäsenkirjeen taittelu, kuorittaminen ja postimerkkien liimaus.",
        street_address="Sturenkatu 8",
        postal_code="00510",
        estimated_hours=Decimal("5"),
        workers_needed=2,
        tools_provided=True,
        contract_type=ContractType.EMPLOYMENT,
    )
    if order:
        steps.send_terms(ctx, order, ctx.at(-9, 9, 30))

    # SUBMITTED: window washing in stairwells; a new request the coordinator has not handled.
    steps.submit(
        ctx,
        "window-washing",
        "helmi",
        at=ctx.at(-2, 17, 45),
        task_type="window-washing",
        title="Porraskäytävien ikkunanpesu",
        description="Kahden porraskäytävän ikkunoiden pesu sisäpuolelta, yhteensä 24 ikkunaa.",
        street_address="Vallilantie 12",
        postal_code="00510",
        estimated_hours=Decimal("4"),
        workers_needed=2,
        tools_provided=False,
        contract_type=ContractType.COMMISSION,
        timing_notes="Mieluiten ennen joulua.",
    )
    # SUBMITTED: another new request, from a company.
    steps.submit(
        ctx,
        "office-windows",
        "puhdas",
        at=ctx.at(-1, 8, 20),
        task_type="window-washing",
        title="Toimiston ikkunoiden pesu",
        description="Toimiston kuuden ikkunan pesu sisältä ja ulkoa (maantasokerros).",
        street_address="Teollisuuskatu 21",
        postal_code="00510",
        estimated_hours=Decimal("2"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )


def _month_end_day(ctx: DemoContext) -> int:
    """Days from today to a weekday two to four days before the end of this month, or of the next
    month when this month's end is too near: a gig then is paid on the next month's 15th."""
    for months_ahead in (0, 1):
        index = ctx.today.month - 1 + months_ahead
        year, month = ctx.today.year + index // 12, index % 12 + 1
        day = dt.date(year, month, calendar.monthrange(year, month)[1]) - dt.timedelta(days=2)
        while day.weekday() >= 5:  # Saturday or Sunday: the Friday before
            day -= dt.timedelta(days=1)
        if ctx.day_of(day) >= 2:
            return ctx.day_of(day)
    raise AssertionError("unreachable: next month's end is always ahead")
