"""Payouts, work certificates, access-log entries and benefit profiles of the generated workers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from benefits.models import (
    Actor,
    Benefit,
    Clarification,
    ClarificationKind,
    Consent,
    ConsentData,
    PaymentPeriod,
    ReceivedBenefit,
)
from billing.models import (
    Payout,
    PayoutLine,
    PayoutStatus,
)
from demo.cityscale.base import (
    HISTORY_DAYS,
    SIZES,
    GeneratorBase,
    to_cents,
)
from orders.models import (
    ContractType,
)
from workers.models import AccessLogEntry, WorkCertificate


class DocumentsMixin(GeneratorBase):
    """The documents and records that follow from the work."""

    def seed_payouts(self) -> None:
        """Fee statements per worker and month for commission work up to three months ago, paid before
        payment runs existed (paid, no run, no payment date; what the migration made of such payouts).
        The last two months' work waits for the first payment run: nearly every worker has some."""
        rng = self.rng
        payouts = self.t(Payout)
        lines = self.t(PayoutLine)
        cutoff = (self.prev_month_start - dt.timedelta(days=1)).replace(day=1) - dt.timedelta(days=1)
        for worker_id, work in self.commission_work.items():
            w = self.workers[worker_id]
            by_month: dict[tuple, list] = defaultdict(list)
            for aid, day, hours, title in work:
                if day <= cutoff:
                    by_month[(day.year, day.month)].append((aid, day, hours, title))
            for (year, month), items in sorted(by_month.items()):
                start = dt.date(year, month, 1)
                end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
                rate = self.price_on(ContractType.COMMISSION, end).worker_hourly_pay
                hours = sum((i[2] for i in items), Decimal("0"))
                gross = to_cents(hours * rate)
                percent = Decimal("10.00")
                tax = to_cents(gross * percent / 100)
                pid = payouts.add(
                    worker_id=worker_id,
                    worker_name=f"{w['first']} {w['last']}",
                    worker_email="",
                    period_start=start,
                    period_end=end,
                    hours=hours,
                    gross=gross,
                    withholding_percent=percent,
                    tax_withheld=tax,
                    net=gross - tax,
                    language="fi",
                    created_by_id=rng.choice(self.coordinators),
                    created_at=self.at(end + dt.timedelta(days=5), 10),
                    pdf="",
                    status=PayoutStatus.PAID,
                )
                for aid, day, h, title in items:
                    lines.add(
                        payout_id=pid,
                        assignment_id=aid,
                        date=day,
                        task=title,
                        hours=h,
                        rate=rate,
                        amount=to_cents(h * rate),
                    )
        self.counts["payout"] = payouts.write()
        self.counts["payoutline"] = lines.write()

    def seed_certificates_and_log(self) -> None:
        rng = self.rng
        certificates = self.t(WorkCertificate)
        log = self.t(AccessLogEntry)
        start = self.today - dt.timedelta(days=HISTORY_DAYS)
        for worker_id, w in self.workers.items():
            unit_staff = self.units_by_id[w["unit"]]["staff"]
            if rng.random() < 0.1:
                issued = self.at(self.today - dt.timedelta(days=rng.randrange(1, 300)), 13)
                certificates.add(
                    worker_id=worker_id,
                    issued_by_id=rng.choice(self.coordinators),
                    issued_at=issued,
                    period_start=start,
                    period_end=issued.date(),
                    include_feedback=False,
                    language="fi",
                    summary={"worker_name": f"{w['first']} {w['last']}", "total_hours": "0", "tasks": []},
                    pdf="",
                    created_at=issued,
                    updated_at=issued,
                )
            for _ in range(
                rng.randrange(SIZES["access_log_per_worker"] // 2, SIZES["access_log_per_worker"] * 3 // 2 + 1)
            ):
                at = self.at(
                    start + dt.timedelta(days=rng.randrange(0, HISTORY_DAYS)), rng.randrange(8, 17), rng.randrange(60)
                )
                log.add(
                    at=at,
                    user_id=rng.choice(unit_staff),
                    worker_id=worker_id,
                    data=rng.choice(["support_needs", "support_needs", "certificate", "benefits"]),
                    action="view",
                    path=f"/unit/workers/{worker_id}/support-needs/",
                    reason="",
                )
        self.counts["workcertificate"] = certificates.write()
        self.counts["accesslogentry"] = log.write()

    def seed_benefits(self) -> None:
        """Benefits in proportion: 70 % of workers receive one or two benefits, most have a consent
        to exchange benefit information, half had a benefit clarification."""
        rng = self.rng
        received = self.t(ReceivedBenefit)
        consents = self.t(Consent)
        clarifications = self.t(Clarification)
        kinds = [b for b in Benefit.values]
        since = self.today - dt.timedelta(days=HISTORY_DAYS)
        for worker_id, w in self.workers.items():
            staff = self.units_by_id[w["unit"]]["staff"]
            at = self.at(since + dt.timedelta(days=rng.randrange(0, 200)), 10)
            if rng.random() < 0.7:
                for benefit in rng.sample(kinds, rng.choice([1, 1, 2])):
                    received.add(
                        worker_id=worker_id,
                        benefit=benefit,
                        started_on=since - dt.timedelta(days=rng.randrange(0, 2000)),
                        ended_on=None,
                        payment_period=rng.choice(PaymentPeriod.values)
                        if benefit == Benefit.UNEMPLOYMENT_BENEFIT
                        else "",
                        recorded_by_id=rng.choice(staff),
                        created_at=at,
                        updated_at=at,
                    )
            if rng.random() < 0.85:
                consents.add(
                    worker_id=worker_id,
                    actors=[Actor.UNIT, Actor.COORDINATOR, Actor.KELA],
                    data=[ConsentData.BENEFITS, ConsentData.WORK_AND_EARNINGS],
                    given_on=at.date(),
                    valid_until=None,
                    recorded_by_id=rng.choice(staff),
                    created_at=at,
                    updated_at=at,
                )
            if rng.random() < 0.5:
                clarifications.add(
                    worker_id=worker_id,
                    kind=ClarificationKind.BENEFIT,
                    done_on=at.date(),
                    done_by_id=rng.choice(staff),
                    with_actor=Actor.KELA,
                    created_at=at,
                    updated_at=at,
                )
        for model in (ReceivedBenefit, Consent, Clarification):
            self.counts[model._meta.model_name] = self.t(model).write()
