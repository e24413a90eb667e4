"""The seeded rules are current and say where they come from: the disability pension's limit holds in
2025 and 2026, every rule says how it counts income and whether its figure was confirmed at its
source, and the YEL lower limit of 2023 is the published 8,575.45."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as global_apps

from benefits.foresight import BenefitReceived, Earning, Status, foresee
from benefits.models import Benefit, BenefitRule, IncomeCounting, ReportTo, RuleKind
from billing.models import YelLowerLimit

pytestmark = pytest.mark.django_db
D = Decimal

benefit_rules_migration = importlib.import_module("benefits.migrations.0005_rules_current_with_sources")
yel_migration = importlib.import_module("billing.migrations.0015_yel_2023_lower_limit_8575_45")


def _disability_limit(day: dt.date):
    foresight = foresee(
        day=day,
        received=[BenefitReceived(Benefit.DISABILITY_PENSION, "")],
        rules=BenefitRule.objects.all(),
        earnings=[Earning(gig_id=1, day=day, amount=D("100.00"), approved=True, contract_type="employment")],
        hourly_pay=D("10.00"),
    )
    (check,) = [c for c in foresight.checks if c.kind == RuleKind.EARNINGS_LIMIT]
    return check


@pytest.mark.parametrize(
    ("day", "limit"),
    [(dt.date(2025, 3, 14), D("986.30")), (dt.date(2026, 5, 20), D("990.90")), (dt.date(2024, 12, 31), D("976.59"))],
)
def test_a_gig_in_2025_or_2026_has_a_disability_pension_earnings_limit(day, limit):
    check = _disability_limit(day)
    assert check.status == Status.WITHIN
    assert check.limit == limit


def test_the_2025_and_2026_limits_are_seeded_unconfirmed_with_what_was_found():
    rows = BenefitRule.objects.filter(benefit=Benefit.DISABILITY_PENSION, valid_from__year__in=[2025, 2026])
    assert [(r.valid_from, r.valid_to, r.confirmed) for r in rows.order_by("valid_from")] == [
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), False),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), False),
    ]
    for row in rows:
        assert "Not confirmed" in row.confirmation_note
        assert "national pension index" in row.confirmation_note
        assert row.report_to == ReportTo.PENSION_PROVIDER


def test_every_seeded_rule_says_how_it_counts_income_where_it_comes_from_and_what_was_confirmed():
    rules = list(BenefitRule.objects.all())
    assert len(rules) == 17
    for rule in rules:
        assert rule.counts_income_by in IncomeCounting.values, rule
        assert rule.source, rule
        assert rule.confirmed or rule.confirmation_note, rule
        assert rule.confirmation_note, rule  # a confirmed figure says where it was checked, too
        assert "ncome counting" in rule.confirmation_note, rule
    unconfirmed = {(r.benefit, r.valid_from.year) for r in rules if not r.confirmed}
    assert unconfirmed == {
        (Benefit.DISABILITY_PENSION, 2025),
        (Benefit.DISABILITY_PENSION, 2026),
        (Benefit.PENSIONERS_HOUSING_ALLOWANCE, 2020),
        (Benefit.UNEMPLOYMENT_BENEFIT, 2020),  # the commission-work rule
    }
    assert all(r.source_url.startswith("https://") for r in rules if r.confirmed)


def test_unemployment_benefits_count_pay_by_payment_date_and_are_claimed_within_three_months():
    rows = BenefitRule.objects.filter(benefit=Benefit.UNEMPLOYMENT_BENEFIT).exclude(
        kind=RuleKind.COMMISSION_IS_SELF_EMPLOYMENT
    )
    assert {(r.counts_income_by, r.report_to, r.report_within_days) for r in rows} == {
        (IncomeCounting.PAYMENT_DATE, ReportTo.UNEMPLOYMENT_FUND, 90)
    }


def test_yel_lower_limit_2023_is_8575_45_and_every_year_says_where_it_was_checked():
    limits = {row.year: row for row in YelLowerLimit.objects.filter(year__range=(2022, 2026))}
    assert {year: row.amount for year, row in limits.items()} == {
        2022: D("8261.71"),
        2023: D("8575.45"),
        2024: D("9010.28"),
        2025: D("9208.43"),
        2026: D("9423.09"),
    }
    for row in limits.values():
        assert row.confirmed and row.source_url.startswith("https://") and row.confirmation_note, row.year


def test_the_benefit_rules_migration_goes_back_and_forth():
    benefit_rules_migration.backwards(global_apps, None)
    assert not BenefitRule.objects.filter(benefit=Benefit.DISABILITY_PENSION, valid_from__year=2025).exists()
    assert not BenefitRule.objects.exclude(confirmation_note="").exists()
    assert not BenefitRule.objects.filter(confirmed=True).exists()
    assert BenefitRule.objects.get(benefit=Benefit.DISABILITY_PENSION, valid_from=dt.date(2024, 1, 1)).note == (
        benefit_rules_migration.OLD_2024_NOTE
    )

    benefit_rules_migration.forwards(global_apps, None)
    assert BenefitRule.objects.count() == 17
    assert _disability_limit(dt.date(2026, 5, 20)).limit == D("990.90")


def test_the_yel_migration_goes_back_and_forth():
    yel_migration.backwards(global_apps, None)
    assert YelLowerLimit.objects.get(year=2023).amount == D("8575.50")
    assert not YelLowerLimit.objects.filter(confirmed=True).exists()

    yel_migration.forwards(global_apps, None)
    assert YelLowerLimit.objects.get(year=2023).amount == D("8575.45")
    assert YelLowerLimit.objects.filter(confirmed=True, year__range=(2022, 2026)).count() == 5
