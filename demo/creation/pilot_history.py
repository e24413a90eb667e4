"""The pilot of 2022, as history: the results report for 1.2.–24.10.2022 shows the pilot report's
table (disability work activity 27 people and 766 hours, adult social work 8 people and 170 hours,
35 people in all).

Every hour is a real gig and assignment, entered through the same services as the rest of the
demo (submitted, agreed, staffed, accepted, reported and approved at the moment it happened), so
the report counts it by its own query. The pilot's workers are people of their own: the rest of
the demo happens in the last months before today and never falls in 2022.
"""

from __future__ import annotations

import datetime as dt

from demo.creation import steps
from demo.creation.context import DemoContext
from demo.creation.logins import worker_email
from demo.creation.steps import GigPlan
from orders.models import ContractType, OrderTerms
from workers.models import Worker
from workers.services import worker_create

PILOT_TERMS_VERSION = "2022-pilot"
PILOT_TERMS_FROM = dt.date(2022, 1, 1)
WORKERS_ENTERED = dt.datetime(2022, 1, 17, 9, 0)

# Names no other demo person has: tests and people find the demo's workers by first name.
FIRST_NAMES = (
    "Aatos Alli Alma Eelis Eetu Elmeri Enni Hilja Iivari Ilma Isla Joona Kerttu Lahja Lilja Lotta Lyydia "
    "Martta Mette Miro Nooa Onni Orvokki Paavo Pinja Reetta Selma Senja Santeri Taisto Toivo Urho Veera Vieno Sulo"
).split()
LAST_NAMES = (
    "Aalto Halonen Heikkilä Hiltunen Hirvonen Jokinen Kallio Karjalainen Kettunen Koivisto Laitinen "
    "Lehtinen Leinonen Lindqvist Manninen Miettinen Mustonen Nieminen Nurmi Ojala Peltonen Pitkänen "
    "Rantala Räsänen Salminen Salo Savolainen Suominen Tuominen Turunen Vainio Valtonen Vesterinen "
    "Vuorinen Ylönen"
).split()

# (unit key, how many of the pilot's workers); the disability units make 27, Uusix 8.
PILOT_CREW = (("vallila", 14), ("toolo", 13), ("uusix", 8))

# Rounds of work: (order key, client, task type, title, first gig's date, unit keys, hours of a gig,
# how many workers do one hour more, how many workers a gig takes at most).
# Disability: 4 rounds × 27 workers × 7 h = 756 h, + 10 workers 1 h more = 766 h.
# Adult social work: 3 rounds × 8 workers × 7 h = 168 h, + 2 workers 1 h more = 170 h.
ROUNDS = (
    (
        "pilot-floorball-mats",
        "helmi",
        "floorball-mats",
        "Salibandymattojen kokoaminen",
        dt.date(2022, 3, 7),
        ("vallila", "toolo"),
        7,
        0,
        7,
    ),
    (
        "pilot-mailing",
        "vayla",
        "mailing",
        "Jäsenkirjeiden postitus",
        dt.date(2022, 5, 9),
        ("vallila", "toolo"),
        7,
        0,
        7,
    ),
    (
        "pilot-storage",
        "kasko",
        "storage-clean-up",
        "Varaston siivous",
        dt.date(2022, 8, 15),
        ("vallila", "toolo"),
        7,
        0,
        7,
    ),
    (
        "pilot-cleaning",
        "puhdas",
        "cleaning",
        "Toimiston siivous",
        dt.date(2022, 10, 10),
        ("vallila", "toolo"),
        7,
        10,
        7,
    ),
    (
        "pilot-resident-folders",
        "kotikallio",
        "resident-folders",
        "Asukaskansioiden kokoaminen",
        dt.date(2022, 4, 5),
        ("uusix",),
        7,
        0,
        8,
    ),
    (
        "pilot-move-packing",
        "kasko",
        "move-packing",
        "Muuttolaatikoiden pakkaus",
        dt.date(2022, 6, 7),
        ("uusix",),
        7,
        0,
        8,
    ),
    (
        "pilot-archiving",
        "kasko",
        "thesis-archiving",
        "Arkiston järjestäminen",
        dt.date(2022, 9, 13),
        ("uusix",),
        7,
        2,
        8,
    ),
)


def _pilot_terms(ctx: DemoContext) -> None:
    """The order terms of the pilot's time: the pilot's orders were agreed under them."""
    if OrderTerms.objects.filter(version=PILOT_TERMS_VERSION).exists():
        return
    later = OrderTerms.objects.order_by("valid_from").first()
    OrderTerms.objects.create(
        version=PILOT_TERMS_VERSION,
        valid_from=PILOT_TERMS_FROM,
        text_fi=later.text_fi,
        text_sv=later.text_sv,
        text_en=later.text_en,
    )


def _pilot_workers(ctx: DemoContext) -> dict[str, list[str]]:
    """The pilot's 35 workers, entered in January 2022; keys per unit."""
    names = iter(zip(FIRST_NAMES, LAST_NAMES, strict=True))
    keys: dict[str, list[str]] = {}
    with ctx.frozen(WORKERS_ENTERED.replace(tzinfo=ctx.tz)):
        for unit_key, count in PILOT_CREW:
            for _ in range(count):
                first, last = next(names)
                user = ctx.user(email=worker_email(first, last), first_name=first, last_name=last)
                worker = Worker.objects.filter(user=user).first()
                if worker is None:
                    # Every demo worker has a profile a unit would have entered; these are the
                    # pilot's ordinary work: cleaning and light outdoor work.
                    kinds = list(ctx.task_types.values())[:2]
                    worker = worker_create(
                        user=user,
                        home_unit=ctx.units[unit_key],
                        support_needs="Tarvitsee selkeät ohjeet ja ohjaajan tuen uudessa tehtävässä.",
                        skills=kinds,
                        interests=kinds,
                    )
                    ctx.created += 1
                key = f"pilot-{first.lower()}"
                ctx.workers[key] = worker
                keys.setdefault(unit_key, []).append(key)
    return keys


def _round(ctx: DemoContext, keys: dict[str, list[str]], spec: tuple) -> None:
    key, client, task_type, title, first_day, units, hours, one_more, per_gig = spec
    crew = [k for unit in units for k in keys[unit]]
    start = ctx.day_of(first_day)
    order = steps.submit(
        ctx,
        key,
        client,
        at=ctx.at(start - 14, 10, 0),
        task_type=task_type,
        title=title,
        description=f"{title} (Jobcenterin pilotti 2022).",
        street_address="Pilottikatu 1",
        postal_code="00100",
        estimated_hours=hours * len(crew),
        workers_needed=per_gig,
        tools_provided=True,
        contract_type=ContractType.COMMISSION,
        preferred_start=first_day,
        preferred_end=first_day + dt.timedelta(days=3),
    )
    if order is None:
        return
    steps.agree(ctx, order, start - 13)
    plans = []
    for n, offset in enumerate(range(0, len(crew), per_gig)):
        members = crew[offset : offset + per_gig]
        plan_crew = [
            (k, str(hours + 1 if offset + i < one_more else hours), None, "", False) for i, k in enumerate(members)
        ]
        plans.append(
            GigPlan(start + n, dt.time(9, 0), str(hours + (1 if offset < one_more else 0)), len(members), plan_crew)
        )
    steps.work(ctx, order, day=start - 10, units=list(units), gigs=plans)


def seed_pilot_history(ctx: DemoContext) -> None:
    _pilot_terms(ctx)
    keys = _pilot_workers(ctx)
    try:
        for spec in ROUNDS:
            _round(ctx, keys, spec)
    finally:
        # The later demo steps go through `ctx.workers` (payments): the pilot's people stay apart.
        for unit_keys in keys.values():
            for k in unit_keys:
                ctx.workers.pop(k, None)
