"""The benefit rules are data seeded by a migration, and the foresight judges each date by its own rules."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from benefits.foresight import BenefitReceived, Earning, Status, foresee, period_bounds
from benefits.models import Benefit, BenefitRule, RuleKind, RulePeriod
from billing.models import YelLowerLimit

pytestmark = pytest.mark.django_db
D = Decimal


def _checks(benefit, day, earned, *, payment_period="", gig_contract=None):
    """The checks for a worker on `benefit` who has earned `earned` (approved) on `day`."""
    earnings = [Earning(gig_id=1, day=day, amount=D(earned), approved=True, contract_type="employment")]
    foresight = foresee(
        day=day,
        received=[BenefitReceived(benefit, payment_period)],
        rules=BenefitRule.objects.all(),
        earnings=earnings,
        gig_contract=gig_contract,
        hourly_pay=D("10.00"),
    )
    return foresight.checks


def _one(checks, kind, period=None):
    found = [c for c in checks if c.kind == kind and (period is None or c.period == period)]
    assert len(found) == 1, found
    return found[0]


def test_every_row_of_the_domain_table_is_seeded_with_a_source():
    assert BenefitRule.objects.count() == 17
    assert not BenefitRule.objects.filter(source="").exists()
    assert set(BenefitRule.objects.values_list("benefit", flat=True)) == set(Benefit.values)


def test_labour_market_subsidy_2022__290_is_within_300_a_month_and_310_is_10_over():
    day = dt.date(2022, 6, 15)
    within = _one(
        _checks(Benefit.UNEMPLOYMENT_BENEFIT, day, "290.00", payment_period="month"), RuleKind.PROTECTED_EARNINGS
    )
    assert (within.status, within.limit, within.headroom) == (Status.WITHIN, D("300.00"), D("10.00"))
    assert within.headroom_hours == D("1.0")  # 10 EUR at 10 EUR/h

    over = _one(
        _checks(Benefit.UNEMPLOYMENT_BENEFIT, day, "310.00", payment_period="month"), RuleKind.PROTECTED_EARNINGS
    )
    assert (over.status, over.excess, over.headroom_hours) == (Status.OVER, D("10.00"), D("0.0"))
    assert over.reduction == D("5.00")  # 50 % of the excess


def test_labour_market_subsidy_2022__four_weeks_has_its_own_279_limit():
    checks = _checks(Benefit.UNEMPLOYMENT_BENEFIT, dt.date(2022, 6, 15), "290.00", payment_period="four_weeks")
    four_weeks = _one(checks, RuleKind.PROTECTED_EARNINGS)
    assert (four_weeks.period, four_weeks.limit, four_weeks.status) == (RulePeriod.FOUR_WEEKS, D("279.00"), Status.OVER)
    # Not known how the benefit is paid: both periods are checked.
    both = _checks(Benefit.UNEMPLOYMENT_BENEFIT, dt.date(2022, 6, 15), "290.00")
    assert {c.period for c in both if c.kind == RuleKind.PROTECTED_EARNINGS} == {
        RulePeriod.MONTH,
        RulePeriod.FOUR_WEEKS,
    }


def test_unemployment_benefit_from_2024_04__every_euro_reduces_it_by_half():
    checks = _checks(Benefit.UNEMPLOYMENT_BENEFIT, dt.date(2024, 6, 1), "290.00", payment_period="month")
    assert not [c for c in checks if c.kind == RuleKind.PROTECTED_EARNINGS]
    reduces = _one(checks, RuleKind.REDUCTION_PER_EURO)
    assert (reduces.status, reduces.limit, reduces.reduction) == (Status.REDUCES, D("0.00"), D("145.00"))


def test_disability_pension_limit_by_date():
    aug_2022 = _one(_checks(Benefit.DISABILITY_PENSION, dt.date(2022, 8, 1), "900.00"), RuleKind.EARNINGS_LIMIT)
    assert (aug_2022.limit, aug_2022.status, aug_2022.excess) == (D("885.63"), Status.OVER, D("14.37"))
    jul_2022 = _one(_checks(Benefit.DISABILITY_PENSION, dt.date(2022, 7, 31), "800.00"), RuleKind.EARNINGS_LIMIT)
    assert jul_2022.limit == D("855.48")
    in_2024 = _one(_checks(Benefit.DISABILITY_PENSION, dt.date(2024, 3, 5), "900.00"), RuleKind.EARNINGS_LIMIT)
    assert (in_2024.limit, in_2024.status, in_2024.headroom) == (D("976.59"), Status.WITHIN, D("76.59"))


def test_disability_pension_2026_has_its_limit():
    check = _one(_checks(Benefit.DISABILITY_PENSION, dt.date(2026, 2, 10), "30.00"), RuleKind.EARNINGS_LIMIT)
    assert check.limit == D("990.90") and check.status == Status.WITHIN


def test_disability_pension_2027__a_missing_figure_is_shown_as_not_entered_not_as_no_limit():
    (check,) = _checks(Benefit.DISABILITY_PENSION, dt.date(2027, 6, 1), "100.00")
    assert check.status == Status.NOT_ENTERED and check.is_warning


def test_an_administrator_adds_next_years_figure_as_a_row():
    BenefitRule.objects.create(
        benefit=Benefit.DISABILITY_PENSION,
        kind=RuleKind.EARNINGS_LIMIT,
        period=RulePeriod.MONTH,
        amount=D("1000.00"),
        valid_from=dt.date(2027, 1, 1),
        valid_to=dt.date(2027, 12, 31),
        source="Kela",
    )
    check = _one(_checks(Benefit.DISABILITY_PENSION, dt.date(2027, 6, 1), "100.00"), RuleKind.EARNINGS_LIMIT)
    assert (check.limit, check.status, check.headroom) == (D("1000.00"), Status.WITHIN, D("900.00"))


def test_social_assistance_deduction_150_in_2025_and_none_from_march_2026():
    in_2025 = _one(_checks(Benefit.SOCIAL_ASSISTANCE, dt.date(2025, 5, 10), "120.00"), RuleKind.EARNED_INCOME_DEDUCTION)
    assert (in_2025.limit, in_2025.status, in_2025.headroom) == (D("150.00"), Status.WITHIN, D("30.00"))
    feb_2026 = _one(
        _checks(Benefit.SOCIAL_ASSISTANCE, dt.date(2026, 2, 28), "120.00"), RuleKind.EARNED_INCOME_DEDUCTION
    )
    assert feb_2026.limit == D("150.00")
    mar_2026 = _one(_checks(Benefit.SOCIAL_ASSISTANCE, dt.date(2026, 3, 1), "120.00"), RuleKind.EARNED_INCOME_DEDUCTION)
    assert (mar_2026.limit, mar_2026.status) == (D("0.00"), Status.REDUCES)


def test_pensioners_housing_allowance__increase_to_report_per_year():
    in_2022 = _one(
        _checks(Benefit.PENSIONERS_HOUSING_ALLOWANCE, dt.date(2022, 3, 1), "924.00"), RuleKind.REPORTABLE_INCREASE
    )
    assert (in_2022.limit, in_2022.status, in_2022.period) == (D("924.00"), Status.REPORT, RulePeriod.YEAR)
    in_2025 = _one(
        _checks(Benefit.PENSIONERS_HOUSING_ALLOWANCE, dt.date(2025, 3, 1), "924.00"), RuleKind.REPORTABLE_INCREASE
    )
    assert (in_2025.limit, in_2025.status, in_2025.headroom) == (D("1018.00"), Status.WITHIN, D("94.00"))


def test_general_housing_allowance_deduction_ended_2024_04():
    before = _one(
        _checks(Benefit.GENERAL_HOUSING_ALLOWANCE, dt.date(2024, 3, 31), "200.00"), RuleKind.EARNED_INCOME_DEDUCTION
    )
    after = _one(
        _checks(Benefit.GENERAL_HOUSING_ALLOWANCE, dt.date(2024, 4, 1), "200.00"), RuleKind.EARNED_INCOME_DEDUCTION
    )
    assert (before.limit, before.status) == (D("300.00"), Status.WITHIN)
    assert (after.limit, after.status) == (D("0.00"), Status.REDUCES)


def test_commission_work_is_self_employment_on_unemployment_benefit_only_for_commission_gigs():
    day = dt.date(2026, 6, 1)
    commission = _checks(Benefit.UNEMPLOYMENT_BENEFIT, day, "0", gig_contract="commission")
    assert _one(commission, RuleKind.COMMISSION_IS_SELF_EMPLOYMENT).status == Status.SELF_EMPLOYMENT
    employment = _checks(Benefit.UNEMPLOYMENT_BENEFIT, day, "0", gig_contract="employment")
    assert not [c for c in employment if c.kind == RuleKind.COMMISSION_IS_SELF_EMPLOYMENT]


def test_yel_lower_limit_by_year():
    limits = dict(YelLowerLimit.objects.values_list("year", "amount"))
    assert limits[2022] == D("8261.71") and limits[2026] == D("9423.09")
    foresight = foresee(
        day=dt.date(2026, 9, 1),
        received=[],
        rules=[],
        yel_limit=limits[2026],
        earnings=[
            Earning(1, dt.date(2026, 3, 1), D("7600.00"), True, "commission"),
            Earning(2, dt.date(2026, 3, 2), D("900.00"), True, "employment"),
        ],
    )
    assert foresight.yel.commission_total == D("7600.00")
    assert foresight.yel.approaching and not foresight.yel.over  # 80 % of 9,423.09 is 7,538.47


def test_periods():
    assert period_bounds(RulePeriod.MONTH, dt.date(2024, 2, 10)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds(RulePeriod.FOUR_WEEKS, dt.date(2024, 1, 28)) == (dt.date(2024, 1, 1), dt.date(2024, 1, 28))
    assert period_bounds(RulePeriod.FOUR_WEEKS, dt.date(2023, 12, 31)) == (dt.date(2023, 12, 4), dt.date(2023, 12, 31))


def test_overlapping_rule_rows_are_refused():
    rule = BenefitRule(
        benefit=Benefit.SOCIAL_ASSISTANCE,
        kind=RuleKind.EARNED_INCOME_DEDUCTION,
        period=RulePeriod.MONTH,
        amount=D("100.00"),
        valid_from=dt.date(2026, 6, 1),
        source="test",
    )
    with pytest.raises(ValidationError):
        rule.full_clean()
