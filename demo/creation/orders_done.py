"""The demo orders whose work is done: from submission to approved hours, through the services.

What billing does with them (invoices, the credit note, payments, closing) follows in
`demo.creation.billing`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demo.creation import steps
from demo.creation.context import DemoContext
from demo.creation.steps import GigPlan
from orders.models import ContractType

# The day of the thesis archiving's gig; the city's other order of that month is two days off.
THESIS_GIG_DAY = -58


def school_letters_day(ctx: DemoContext) -> int:
    """Two days after the archiving's gig, or two days before it when that would be next month."""
    later = THESIS_GIG_DAY + 2
    return later if ctx.date(later).month == ctx.date(THESIS_GIG_DAY).month else THESIS_GIG_DAY - 2


def seed_orders_done(ctx: DemoContext) -> None:
    t = dt.time
    # Thesis archiving for the city (adult social work, Uusix); hours corrected once. On the city's
    # monthly invoice with the school letters below; paid and closed (demo.creation.billing).
    order = steps.submit(
        ctx,
        "thesis-archiving",
        "kasko",
        at=ctx.at(-70, 12, 5),
        task_type="thesis-archiving",
        title="Opinnäytetöiden arkistointi",
        description=("Vanhojen opinnäytetöiden lajittelu vuosittain ja siirto arkistolaatikoihin koulun kirjastossa."),
        orientation="Kirjastonhoitaja perehdyttää ensimmäisenä päivänä (noin 20 min).",
        street_address="Hattulantie 2",
        postal_code="00550",
        estimated_hours=Decimal("8"),
        workers_needed=2,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
        client_reference="KASKO-2026-114",
        preferred_start=ctx.date(-60),
        preferred_end=ctx.date(-50),
    )
    if order:
        steps.agree(ctx, order, -69)
        steps.work(
            ctx,
            order,
            day=-66,
            units=["uusix"],
            gigs=[
                GigPlan(
                    THESIS_GIG_DAY,
                    t(9, 0),
                    "4",
                    2,
                    [
                        ("jenni", "4", None, "", False),
                        (
                            "petri",
                            "4",
                            "3.5",
                            "Puolen tunnin tauko vähennetty; työ kesti 3,5 tuntia.",
                            False,
                        ),
                    ],
                    notes="Ilmoittaudu kirjaston neuvontaan.",
                ),
            ],
        )

    # The city's second order of the thesis archiving's month (school letters, Vallila), so that the
    # city's monthly invoice collects two orders. Its gig is two days from the archiving's, on the
    # side that stays in the same calendar month.
    day = school_letters_day(ctx)
    order = steps.submit(
        ctx,
        "school-letters",
        "kasko",
        at=ctx.at(day - 12, 10, 40),
        task_type="mailing",
        title="Kouluterveyskyselyn kirjeiden postitus",
        description="Kyselykirjeiden taittelu ja kuorittaminen koteihin lähetettäviksi (noin 300 kirjettä).",
        orientation="Koulusihteeri näyttää kirjeet ja osoitetarrat.",
        street_address="Hattulantie 2",
        postal_code="00550",
        estimated_hours=Decimal("2.5"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
        client_reference="KASKO-2026-117",
    )
    if order:
        steps.agree(ctx, order, day - 11)
        steps.work(
            ctx,
            order,
            day=day - 8,
            units=["vallila"],
            gigs=[GigPlan(day, t(12, 30), "2.5", 1, [("eeva", "2.5", None, "", True)])],
        )

    # Stairwell cleaning for a housing company (Vallila, staff along): invoiced, paid and closed.
    order = steps.submit(
        ctx,
        "stairwell-cleaning",
        "helmi",
        at=ctx.at(-55, 9, 40),
        task_type="cleaning",
        title="Porrashuoneiden siivous",
        description="Kahden porrashuoneen lattioiden pesu ja kaiteiden pyyhintä.",
        orientation="Isännöitsijä näyttää siivousvälinevaraston.",
        street_address="Vallilantie 12",
        postal_code="00510",
        estimated_hours=Decimal("3"),
        workers_needed=2,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )
    if order:
        steps.agree(ctx, order, -54)
        steps.work(
            ctx,
            order,
            day=-51,
            units=["vallila"],
            gigs=[
                GigPlan(
                    -45,
                    t(10, 0),
                    "3",
                    2,
                    [("aino", "3", None, "", False), ("mikko", "3", None, "", True)],
                ),
            ],
        )

    # Floorball mats for a tournament, done by Vallila's group (a commission contract: the Jobcenter
    # invoices only commission work, employment work is invoiced by the employer partner): invoiced,
    # then credited in full and closed.
    order = steps.submit(
        ctx,
        "floorball-mats",
        "vayla",
        at=ctx.at(-40, 14, 20),
        task_type="floorball-mats",
        title="Salibandykaukalon mattojen levitys turnaukseen",
        description="Mattojen levitys ja kaukalon kokoaminen liikuntahalliin lauantain turnausta varten.",
        orientation="Hallin valvoja näyttää mattovaraston ja järjestyksen.",
        street_address="Mäkelänkatu 49",
        postal_code="00550",
        estimated_hours=Decimal("2.5"),
        workers_needed=3,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )
    if order:
        steps.agree(ctx, order, -39)
        steps.inform(ctx, order, ["vallila"], ctx.at(-36, 9, 0))
        gig = steps.gig(ctx, order, GigPlan(-30, t(8, 0), "2.5", 3), ctx.at(-36, 9, 30))
        assignments = steps.propose_group(ctx, gig, "Vallilan siivousryhmä", ctx.at(-35, 10, 0))
        for assignment in assignments:
            steps.offer(ctx, assignment, ctx.at(-35, 14, 0))
        for i, assignment in enumerate(assignments):
            steps.accept(ctx, assignment, ctx.at(-34, 11, 0), on_behalf=(i == 0))
        for assignment in assignments:
            steps.report(ctx, assignment, "2.5", ctx.at(-30, 11, 0))
        for assignment in assignments:
            steps.approve(ctx, assignment, ctx.at(-29, 9, 30))

    # Assisting elderly people outdoors (Uusix, phone support): INVOICED, the invoice is overdue.
    order = steps.submit(
        ctx,
        "assisting-elderly",
        "kotikallio",
        at=ctx.at(-35, 11, 0),
        task_type="assisting-elderly",
        title="Ikäihmisten avustaminen ulkoilussa",
        description="Palvelutalon asukkaiden saattaminen ulkoilemaan pihalle ja lähipuistoon.",
        orientation="Ohjaaja kertoo asukkaiden tarpeista ennen ulkoilua.",
        street_address="Kalliolanrinne 4",
        postal_code="00510",
        estimated_hours=Decimal("3"),
        workers_needed=1,
        tools_provided=False,
        contract_type=ContractType.COMMISSION,
    )
    if order:
        steps.agree(ctx, order, -34)
        steps.work(
            ctx,
            order,
            day=-31,
            units=["uusix"],
            gigs=[
                GigPlan(-25, t(13, 0), "3", 1, [("antti", "3", None, "", False)]),
            ],
        )

    # APPROVED: resident folders (Uusix), ready to invoice.
    order = steps.submit(
        ctx,
        "resident-folders",
        "kotikallio",
        at=ctx.at(-20, 10, 30),
        task_type="resident-folders",
        title="Asukaskansioiden kokoaminen",
        description="Uusien asukkaiden tervetuliaiskansioiden kokoaminen ja lajittelu (120 kansiota).",
        street_address="Kalliolanrinne 4",
        postal_code="00510",
        estimated_hours=Decimal("4"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )
    if order:
        steps.agree(ctx, order, -19)
        steps.work(
            ctx,
            order,
            day=-16,
            units=["uusix"],
            gigs=[
                GigPlan(-10, t(9, 0), "4", 1, [("jenni", "4", None, "", False)]),
            ],
        )

    # DONE: cleaning safety phones (Töölö), reported but not yet approved.
    order = steps.submit(
        ctx,
        "safety-phones",
        "kotikallio",
        at=ctx.at(-12, 9, 0),
        task_type="safety-phone-cleaning",
        title="Turvapuhelinten puhdistus",
        description="Palautettujen turvapuhelinten ja rannekkeiden puhdistus ja pakkaus.",
        orientation="Työnjohtaja näyttää puhdistusaineet ja pakkausohjeen.",
        street_address="Kalliolanrinne 4",
        postal_code="00510",
        estimated_hours=Decimal("3"),
        workers_needed=1,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
    )
    if order:
        steps.agree(ctx, order, -11)
        steps.work(
            ctx,
            order,
            day=-9,
            units=["toolo"],
            approve_hours=False,
            gigs=[
                GigPlan(-3, t(9, 30), "3", 1, [("riikka", "3", None, "", False)]),
            ],
        )
