"""The workers' benefits, consents and clarifications: each benefit mix of the pilot on some worker.

Benefits and consents are special-category data: they are recorded through the benefits services
(which check the role and log the change), after the orders, "today", by the worker's own
instructor. A worker who already has a consent is skipped, so a second run adds nothing.

The pilot's mixes: a disability pension with the pensioners' housing allowance (earned income is
reported to Kela), unemployment benefit paid per month or per four weeks (commission work counts
as entrepreneurship and may stop it), social assistance with the general housing allowance (every
euro earned reduces it), and debts settled with social credit. Helmi and Riikka have given no
consent: their pages show that nothing can be shared.
"""

from __future__ import annotations

from benefits import services as benefit_services
from demo.creation.context import DemoContext
from units.models import StaffRole

# (worker, unit, consent actors, consent data, [(benefit, since day, paid per)], [clarifications]).
_CONSENT_ALL = ["benefits", "debts", "work_and_earnings"]
DEMO_BENEFITS = [
    (
        "aino",
        "vallila",
        ["unit", "coordinator", "kela"],
        _CONSENT_ALL,
        [("disability_pension", -900, ""), ("pensioners_housing_allowance", -900, "")],
        [("benefit", -50, "kela", "Työkyvyttömyyseläke ja eläkkeensaajan asumistuki; työansiot ilmoitetaan Kelaan.")],
    ),
    (
        "mikko",
        "vallila",
        ["unit", "coordinator", "kela", "employment_services"],
        _CONSENT_ALL,
        [("unemployment_benefit", -20, "month"), ("general_housing_allowance", -400, "")],
        [("benefit", -15, "employment_services", "Työmarkkinatuki alkoi. Toimeksiannot = yritystoimintaa: vältä.")],
    ),
    (
        "eeva",
        "vallila",
        ["unit", "coordinator", "social_credit"],
        _CONSENT_ALL,
        [("social_assistance", -200, ""), ("general_housing_allowance", -200, "")],
        [("debt", -40, "social_credit", "Velkaselvitys tehty, maksusuunnitelma sosiaalisen luototuksen kanssa.")],
    ),
    ("sami", "vallila", ["unit", "coordinator"], _CONSENT_ALL, [], []),
    ("helmi", "toolo", [], [], [], []),
    ("ville", "toolo", ["unit", "coordinator"], ["benefits"], [("unemployment_benefit", -120, "four_weeks")], []),
    (
        "petri",
        "uusix",
        ["unit", "coordinator"],
        _CONSENT_ALL,
        [("social_assistance", -300, ""), ("general_housing_allowance", -300, "")],
        [],
    ),
    (
        "antti",
        "uusix",
        ["unit", "coordinator", "employment_services"],
        _CONSENT_ALL,
        [("unemployment_benefit", -20, "month")],
        [],
    ),
    (
        "jenni",
        "uusix",
        ["unit", "coordinator", "kela"],
        ["benefits", "work_and_earnings"],
        [("disability_pension", -700, ""), ("pensioners_housing_allowance", -700, "")],
        [],
    ),
    ("marjatta", "uusix", ["unit"], ["benefits"], [("pensioners_housing_allowance", -1000, "")], []),
]


def seed_benefits(ctx: DemoContext) -> None:
    with ctx.frozen(ctx.today_at(7, 30)):
        for key, unit_key, actors, data, benefits, clarifications in DEMO_BENEFITS:
            worker = ctx.workers[key]
            if worker.consents.exists():
                continue
            by = ctx.staff[(unit_key, StaffRole.INSTRUCTOR)]
            if actors:
                benefit_services.consent_record(
                    worker_id=worker.pk, actors=actors, data=data, given_on=ctx.date(-60), valid_until=None, by=by
                )
                ctx.created += 1
            for benefit, since_day, payment_period in benefits:
                benefit_services.received_benefit_set(
                    worker_id=worker.pk,
                    benefit=benefit,
                    started_on=ctx.date(since_day),
                    payment_period=payment_period,
                    by=by,
                )
                ctx.created += 1
            for kind, day, actor, notes in clarifications:
                benefit_services.clarification_record(
                    worker_id=worker.pk, kind=kind, done_on=ctx.date(day), with_actor=actor, notes=notes, by=by
                )
                ctx.created += 1
