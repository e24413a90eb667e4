"""Financial foresight: what a worker's earnings do to the benefits they receive.

Pure calculation over plain data, no queries: `benefits.selectors` loads the rules, the worker's
benefits and their earnings (with a constant number of queries for any number of workers) and
calls `foresee()`. Amounts are gross earnings in euros (`Decimal`), rounded to cents as pay is.

For a date (usually the gig's date) and the gig's own pay, each rule of each benefit is checked in
its period: the calendar month, the four weeks, or the calendar year. Which period, and which
rule is in force, depends on how the rule counts income (`BenefitRule.counts_income_by`):
- by the day it is paid (most benefits: Kela and the unemployment funds read the Incomes Register
  by payment date): the period that holds the day this gig's pay is expected (`gig_paid_on`, from
  the payment schedule; with no gig, the date itself), and each earning counts by its `paid_on`;
- by the day of the work: the period that holds the date, and each earning counts by its `day`.
A gig on 30 January paid on 15 February is February's income for the first kind of rule and
January's for the second. The earnings counted are:
- approved: work the coordinator has approved (approved hours);
- planned: gigs offered and accepted (planned hours) and work reported but not yet approved
  (reported hours);
- this gig: the gig being decided on, unless it is already among the planned ones.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from benefits.models import (
    FOUR_WEEK_ANCHOR,
    Benefit,
    BenefitRule,
    IncomeCounting,
    PaymentPeriod,
    RuleKind,
    RulePeriod,
)
from billing.pricing import round_cents

ZERO = Decimal("0.00")
HALF_HOUR = Decimal("0.5")
# The coordinator is told when commission income reaches this share of the YEL lower limit.
YEL_APPROACHING_SHARE = Decimal("0.80")


class Status:
    WITHIN = "within"  # the earnings stay within the limit
    OVER = "over"  # the earnings pass the limit
    REDUCES = "reduces"  # no protected amount: the earnings reduce the benefit
    REPORT = "report"  # the increase in income must be reported (pensioner's housing allowance)
    SELF_EMPLOYMENT = "self_employment"  # commission work while on unemployment benefit
    NOT_ENTERED = "not_entered"  # no rule of this benefit is entered for the date


WARNING_STATUSES = frozenset({Status.OVER, Status.REDUCES, Status.REPORT, Status.SELF_EMPLOYMENT, Status.NOT_ENTERED})


@dataclass(frozen=True)
class Earning:
    """The pay of one assignment: approved, or planned (offered, accepted, reported).

    `day` is the day of the work, `paid_on` the day the pay is (or is expected to be) paid; None
    means "on the day of the work"."""

    gig_id: int
    day: dt.date
    amount: Decimal
    approved: bool
    contract_type: str
    paid_on: dt.date | None = None

    def counted_on(self, counts_by: str) -> dt.date:
        if counts_by == IncomeCounting.WORK_DATE or self.paid_on is None:
            return self.day
        return self.paid_on


@dataclass(frozen=True)
class BenefitReceived:
    benefit: str
    payment_period: str = ""  # PaymentPeriod value, or "" when not known


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month, four weeks or calendar year that holds `day` (first and last day)."""
    if period == RulePeriod.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if period == RulePeriod.FOUR_WEEKS:
        index = (day - FOUR_WEEK_ANCHOR).days // 28
        start = FOUR_WEEK_ANCHOR + dt.timedelta(days=28 * index)
        return start, start + dt.timedelta(days=27)
    if period == RulePeriod.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def earnings_window(day: dt.date) -> tuple[dt.date, dt.date]:
    """Every day whose earnings any period holding `day` can count (year and four weeks)."""
    year_start, year_end = period_bounds(RulePeriod.YEAR, day)
    weeks_start, weeks_end = period_bounds(RulePeriod.FOUR_WEEKS, day)
    return min(year_start, weeks_start), max(year_end, weeks_end)


@dataclass(frozen=True)
class LimitCheck:
    """One rule of one benefit, checked in the period that holds the date."""

    benefit: str
    kind: str
    period: str
    period_start: dt.date
    period_end: dt.date
    approved: Decimal
    planned: Decimal
    this_gig: Decimal
    limit: Decimal | None  # the euro figure the earnings are compared with
    status: str
    reduction: Decimal | None  # an estimate of how much the benefit is reduced, when the rule says
    hourly_pay: Decimal | None
    rule: BenefitRule | None = None
    # How the rule counts earnings (IncomeCounting): the period above holds `counted_on`, which is
    # the gig's (expected) payment date for PAYMENT_DATE rules and its work date for WORK_DATE ones.
    counts_by: str = "payment_date"
    counted_on: dt.date | None = None

    @property
    def total(self) -> Decimal:
        return self.approved + self.planned + self.this_gig

    @property
    def headroom(self) -> Decimal | None:
        """Euros that can still be earned in the period before the limit (negative: over it)."""
        if self.limit is None:
            return None
        return self.limit - self.total

    @property
    def headroom_hours(self) -> Decimal | None:
        """Hours at the gig's hourly pay that fit in the headroom, in whole half hours."""
        headroom = self.headroom
        if headroom is None or not self.hourly_pay:
            return None
        if headroom <= 0:
            return Decimal("0.0")
        halves = (headroom / self.hourly_pay / HALF_HOUR).to_integral_value(rounding=ROUND_FLOOR)
        return (halves * HALF_HOUR).quantize(Decimal("0.0"))

    @property
    def excess(self) -> Decimal:
        headroom = self.headroom
        return -headroom if headroom is not None and headroom < 0 else ZERO

    @property
    def is_warning(self) -> bool:
        return self.status in WARNING_STATUSES

    @property
    def benefit_label(self) -> str:
        return str(Benefit(self.benefit).label)

    @property
    def period_label(self) -> str:
        return str(RulePeriod(self.period).label) if self.period in RulePeriod.values else ""


@dataclass(frozen=True)
class YelCheck:
    """Commission income of the calendar year against the YEL lower limit (flagged to the coordinator)."""

    year: int
    commission_total: Decimal
    limit: Decimal | None

    @property
    def approaching(self) -> bool:
        return self.limit is not None and self.commission_total >= self.limit * YEL_APPROACHING_SHARE

    @property
    def over(self) -> bool:
        return self.limit is not None and self.commission_total >= self.limit


@dataclass(frozen=True)
class Foresight:
    """Everything the foresight says for one worker, one date and (optionally) one gig."""

    day: dt.date
    benefits: tuple[str, ...]
    checks: tuple[LimitCheck, ...]
    yel: YelCheck | None = None
    gig_amount: Decimal = ZERO
    # The day this gig's pay is expected in the worker's account (the payment schedule), or None.
    gig_paid_on: dt.date | None = None
    # {"approved", "planned"}: the work of the date's calendar month, by the day of the work. The
    # worker's "Your money in December" names the work ("approved work", "gigs you have taken"),
    # so it stays with the month of the work; the checks beside it say in which month it counts.
    monthly: dict = field(default_factory=dict)

    @property
    def warnings(self) -> list[LimitCheck]:
        return [check for check in self.checks if check.is_warning]

    @property
    def has_warnings(self) -> bool:
        return any(check.is_warning for check in self.checks)

    @property
    def needs_commission_explanation(self) -> bool:
        return any(check.status == Status.SELF_EMPLOYMENT for check in self.checks)

    @property
    def benefit_labels(self) -> list[str]:
        return [str(Benefit(code).label) for code in self.benefits]


def _sum(earnings: Iterable[Earning]) -> Decimal:
    return round_cents(sum((earning.amount for earning in earnings), ZERO))


def _in_force(rule: BenefitRule, day: dt.date) -> bool:
    return rule.valid_from <= day and (rule.valid_to is None or rule.valid_to >= day)


def _rule_applies(rule: BenefitRule, received: BenefitReceived, gig_contract: str | None) -> bool:
    if rule.kind == RuleKind.COMMISSION_IS_SELF_EMPLOYMENT:
        return gig_contract == "commission"
    if rule.kind in {RuleKind.PROTECTED_EARNINGS, RuleKind.REDUCTION_PER_EURO} and received.payment_period:
        # Paid per month: the monthly amount; paid per four weeks: the four-week amount.
        wanted = RulePeriod.MONTH if received.payment_period == PaymentPeriod.MONTH else RulePeriod.FOUR_WEEKS
        return rule.period == wanted
    return True


def counting_day(rule: BenefitRule, *, day: dt.date, paid_on: dt.date | None) -> dt.date:
    """The day whose period a rule checks: the gig's payment date for a rule counting income by the
    day it is paid (the date itself when no payment date is known), else the date of the work."""
    if rule.counts_income_by == IncomeCounting.WORK_DATE or paid_on is None:
        return day
    return paid_on


def check_rule(
    rule: BenefitRule,
    *,
    day: dt.date,
    earnings: Iterable[Earning],
    this_gig: Decimal,
    hourly_pay: Decimal | None,
    paid_on: dt.date | None = None,
) -> LimitCheck:
    """`rule` in the period of `day` (the work) or of `paid_on` (the gig's expected payment date),
    as the rule counts income; each earning counts by its own work or payment day likewise."""
    counts_by = rule.counts_income_by
    counted_on = counting_day(rule, day=day, paid_on=paid_on)
    start, end = period_bounds(rule.period, counted_on)
    in_period = [earning for earning in earnings if start <= earning.counted_on(counts_by) <= end]
    approved = _sum(e for e in in_period if e.approved)
    planned = _sum(e for e in in_period if not e.approved)
    total = approved + planned + this_gig
    limit: Decimal | None = None
    reduction: Decimal | None = None
    status = Status.WITHIN

    if rule.kind == RuleKind.EARNINGS_LIMIT:
        limit = rule.amount
        status = Status.OVER if total > limit else Status.WITHIN
    elif rule.kind == RuleKind.PROTECTED_EARNINGS:
        limit = rule.amount
        if total > limit:
            status = Status.OVER
            reduction = round_cents((total - limit) * rule.reduction_rate)
    elif rule.kind == RuleKind.REDUCTION_PER_EURO:
        # Every euro counts, so this is worth saying even before anything is earned.
        limit = ZERO
        status = Status.REDUCES
        reduction = round_cents(total * rule.reduction_rate)
    elif rule.kind == RuleKind.EARNED_INCOME_DEDUCTION:
        limit = rule.amount
        if limit == 0:
            status = Status.REDUCES  # the deduction was abolished: all earnings count
        elif total > limit:
            status = Status.OVER
    elif rule.kind == RuleKind.REPORTABLE_INCREASE:
        limit = rule.amount
        if total >= limit:
            status = Status.REPORT
    elif rule.kind == RuleKind.COMMISSION_IS_SELF_EMPLOYMENT:
        status = Status.SELF_EMPLOYMENT

    return LimitCheck(
        benefit=rule.benefit,
        kind=rule.kind,
        period=rule.period,
        period_start=start,
        period_end=end,
        approved=approved,
        planned=planned,
        this_gig=this_gig,
        limit=limit,
        status=status,
        reduction=reduction,
        hourly_pay=hourly_pay,
        rule=rule,
        counts_by=counts_by,
        counted_on=counted_on,
    )


def foresee(
    *,
    day: dt.date,
    received: Iterable[BenefitReceived],
    rules: Iterable[BenefitRule],
    earnings: Iterable[Earning],
    gig_amount: Decimal = ZERO,
    gig_contract: str | None = None,
    hourly_pay: Decimal | None = None,
    yel_limit: Decimal | None = None,
    gig_paid_on: dt.date | None = None,
) -> Foresight:
    """Check every rule of every benefit the worker receives that is in force on its counting day:
    `gig_paid_on` (the gig's expected payment date) for rules counting income by the day it is
    paid, `day` for the others. Work on 29.12.2026 paid in January 2027 meets the 2027 rules.

    `rules` may hold rules of other dates and benefits; only the valid ones are used. A benefit
    with no rule valid on the day gives one NOT_ENTERED check, so that a missing figure (e.g. next
    year's disability pension limit) is seen, not read as "no limit".
    """
    received = list(received)
    earnings = list(earnings)
    valid_rules = [rule for rule in rules if _in_force(rule, counting_day(rule, day=day, paid_on=gig_paid_on))]
    checks: list[LimitCheck] = []
    for benefit in received:
        own_rules = [rule for rule in valid_rules if rule.benefit == benefit.benefit]
        if not own_rules:
            checks.append(
                LimitCheck(
                    benefit=benefit.benefit,
                    kind="",
                    period=RulePeriod.NONE,
                    period_start=day,
                    period_end=day,
                    approved=ZERO,
                    planned=ZERO,
                    this_gig=gig_amount,
                    limit=None,
                    status=Status.NOT_ENTERED,
                    reduction=None,
                    hourly_pay=hourly_pay,
                    counted_on=gig_paid_on or day,
                )
            )
            continue
        for rule in sorted(own_rules, key=lambda r: (r.kind, r.period)):
            if _rule_applies(rule, benefit, gig_contract):
                checks.append(
                    check_rule(
                        rule,
                        day=day,
                        earnings=earnings,
                        this_gig=gig_amount,
                        hourly_pay=hourly_pay,
                        paid_on=gig_paid_on,
                    )
                )

    year_start, year_end = period_bounds(RulePeriod.YEAR, day)
    commission = _sum(e for e in earnings if e.contract_type == "commission" and year_start <= e.day <= year_end)
    if gig_contract == "commission":
        commission += gig_amount
    month_start, month_end = period_bounds(RulePeriod.MONTH, day)
    in_month = [e for e in earnings if month_start <= e.day <= month_end]
    return Foresight(
        day=day,
        benefits=tuple(benefit.benefit for benefit in received),
        checks=tuple(checks),
        yel=YelCheck(year=day.year, commission_total=commission, limit=yel_limit),
        gig_amount=gig_amount,
        gig_paid_on=gig_paid_on,
        monthly={
            "approved": _sum(e for e in in_month if e.approved),
            "planned": _sum(e for e in in_month if not e.approved),
        },
    )
