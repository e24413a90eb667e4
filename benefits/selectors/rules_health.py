"""Rules health: is a figure entered for every benefit a worker receives, today and for the next three
months? The foresight answers "the figure is being updated" when a day has no rule, so a missing row
(next year's disability pension limit, say) is found here before a worker meets it.

Two queries, whatever the number of workers or rules: the benefits received (the benefit codes only,
no worker, so nothing personal is read and nothing needs the access log) and the figure rules.
No permission check: the callers show the result to coordinators and administrators only.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from benefits.models import KINDS_WITH_AMOUNT, KINDS_WITH_RATE, Benefit, BenefitRule, ReceivedBenefit, RuleKind

# Rules with a figure (an amount or a share): these change with the year and must not run out. A rule
# such as "commission work counts as self-employment" holds with no end and says nothing of a figure.
FIGURE_KINDS = KINDS_WITH_AMOUNT | KINDS_WITH_RATE
LOOK_AHEAD_MONTHS = 3
# How long a page may show a computed answer; any change to the rules or benefits forgets it sooner.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class RuleGap:
    """Codes and a date only, so that a gap can be cached once and told in each reader's language."""

    benefit: str
    missing_from: dt.date  # the first day with no rule
    kind: str  # what is missing, as the rule before the gap is (RuleKind), or "" with no rule before
    period: str

    @property
    def label(self) -> str:
        return str(dict(Benefit.choices).get(self.benefit, self.benefit))

    @property
    def kind_label(self) -> str:
        return str(dict(RuleKind.choices).get(self.kind, self.kind)) if self.kind else ""


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _first_uncovered_day(
    rules: list[BenefitRule], start: dt.date, end: dt.date
) -> tuple[dt.date | None, BenefitRule | None]:
    """The first day of start..end that no rule covers (or None), with the last rule before it."""
    day, before = start, None
    ordered = sorted(rules, key=lambda rule: rule.valid_from)
    for rule in ordered:
        if rule.valid_to is not None and rule.valid_to < start:
            before = rule
    while day <= end:
        covering = [r for r in ordered if r.valid_from <= day and (r.valid_to is None or r.valid_to >= day)]
        if not covering:
            return day, before
        if any(r.valid_to is None for r in covering):
            return None, None
        before = max(covering, key=lambda r: r.valid_to)
        day = before.valid_to + dt.timedelta(days=1)
    return None, None


def received_benefit_codes(*, today: dt.date, until: dt.date) -> set[str]:
    """The benefits some worker receives today or from a day up to `until`."""
    received = ReceivedBenefit.objects.filter(Q(started_on__isnull=True) | Q(started_on__lte=until)).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    return set(received.values_list("benefit", flat=True).distinct())


def rule_gaps(*, today: dt.date, benefits: set[str] | None = None) -> list[RuleGap]:
    """For each benefit received (or each of `benefits`), the first day of today..today+3 months with no
    figure rule, per period the benefit's rules are kept in. One gap per benefit, the earliest."""
    until = add_months(today, LOOK_AHEAD_MONTHS)
    codes = received_benefit_codes(today=today, until=until) if benefits is None else set(benefits)
    groups: dict[str, dict[str, list[BenefitRule]]] = {code: defaultdict(list) for code in codes}
    # All figure rules, whether or not anyone receives the benefit: a small table, and the page's
    # query count stays the same whether no worker or many receive benefits.
    for rule in BenefitRule.objects.filter(kind__in=FIGURE_KINDS):
        if rule.benefit in groups:
            groups[rule.benefit][rule.period].append(rule)
    gaps = []
    for code in sorted(codes):
        found: list[tuple[dt.date, BenefitRule | None, str]] = []
        for period, rules in groups[code].items():
            missing, before = _first_uncovered_day(rules, today, until)
            if missing is not None:
                found.append((missing, before, period))
        if not groups[code]:
            found.append((today, None, ""))
        if not found:
            continue
        missing, before, period = min(found, key=lambda item: item[0])
        gaps.append(
            RuleGap(benefit=code, missing_from=missing, kind=before.kind if before is not None else "", period=period)
        )
    return sorted(gaps, key=lambda gap: (gap.missing_from, gap.benefit))


def _cache_key(today: dt.date) -> str:
    return f"benefits:rule-gaps:{today.isoformat()}"


def rule_gaps_cached(*, today: dt.date) -> list[RuleGap]:
    """`rule_gaps` for every coordinator page: kept in the cache for a few minutes, so that a page
    view costs a cache read, not two queries; forgotten at once when a rule or a received benefit
    is saved or deleted (`forget_rule_gaps`, connected in benefits.apps). With the cache down the
    resilient cache answers from process memory, and a miss just runs the two queries."""
    key = _cache_key(today)
    found = cache.get(key)
    if found is None:
        found = rule_gaps(today=today)
        cache.set(key, found, CACHE_SECONDS)
    return found


def forget_rule_gaps(**_signal_kwargs) -> None:
    cache.delete(_cache_key(timezone.localdate()))
