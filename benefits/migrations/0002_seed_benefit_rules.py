"""Seed the benefit rules (earnings limits and protected amounts): every rule, with its validity and
source.

Rules that were abolished are seeded as rows too (amount 0, or "every euro reduces"), so that the
system can tell "no protected amount since this date" from "nobody has entered the figure yet".
The disability pension limits of 2025 and later are left for an administrator to enter from
the pension provider's published figure.
2020-01-01 stands for "known from the pilot's time on"; nothing earlier is needed.
"""

from decimal import Decimal

from django.db import migrations

PILOT = "2020-01-01"
D = Decimal

RULES = [
    # benefit, kind, period, amount, reduction_rate, valid_from, valid_to, source, note
    (
        "disability_pension", "earnings_limit", "month", D("855.48"), None, "2022-01-01", "2022-07-31",
        "Pilot report; Kela, tyoelake.fi", "Equal to the full guarantee pension.",
    ),
    (
        "disability_pension", "earnings_limit", "month", D("885.63"), None, "2022-08-01", "2022-12-31",
        "Pilot report; Kela, tyoelake.fi", "Equal to the full guarantee pension.",
    ),
    (
        "disability_pension", "earnings_limit", "month", D("922.42"), None, "2023-01-01", "2023-12-31",
        "Kela, tyoelake.fi", "Equal to the full guarantee pension.",
    ),
    (
        "disability_pension", "earnings_limit", "month", D("976.59"), None, "2024-01-01", "2024-12-31",
        "Kela, tyoelake.fi",
        "Equal to the full guarantee pension. 2025 and later: to be entered by an administrator.",
    ),
    (
        "pensioners_housing_allowance", "reportable_increase", "year", D("924.00"), None, PILOT, "2024-12-31",
        "Pilot report", "No protected amount; income is looked at per year. Report work to Kela early.",
    ),
    (
        "pensioners_housing_allowance", "reportable_increase", "year", D("1018.00"), None, "2025-01-01", None,
        "Kela 2024-12, 2025-11", "No protected amount; income is looked at per year. Report work to Kela early.",
    ),
    (
        "unemployment_benefit", "protected_earnings", "month", D("300.00"), D("0.50"), PILOT, "2024-03-31",
        "Pilot report; Kela 2023-12", "Above the protected amount, 50 % of the excess reduces the benefit.",
    ),
    (
        "unemployment_benefit", "protected_earnings", "four_weeks", D("279.00"), D("0.50"), PILOT, "2024-03-31",
        "Pilot report; Kela 2023-12", "Above the protected amount, 50 % of the excess reduces the benefit.",
    ),
    (
        "unemployment_benefit", "reduction_per_euro", "month", None, D("0.50"), "2024-04-01", None,
        "Kela 2023-12", "The protected amount was abolished: every euro earned reduces the benefit by 50 cents.",
    ),
    (
        "unemployment_benefit", "reduction_per_euro", "four_weeks", None, D("0.50"), "2024-04-01", None,
        "Kela 2023-12", "The protected amount was abolished: every euro earned reduces the benefit by 50 cents.",
    ),
    (
        "unemployment_benefit", "commission_self_employment", "none", None, None, PILOT, None,
        "Pilot report; Työmarkkinatori",
        "Commission work counts as self-employment: the person must report it and the benefit can stop "
        "while it is investigated (about 30 days in the pilot's experience).",
    ),
    (
        "general_housing_allowance", "earned_income_deduction", "month", D("300.00"), None, PILOT, "2024-03-31",
        "Kela", "Per household member. Estimate the allowance with Kela's calculator.",
    ),
    (
        "general_housing_allowance", "earned_income_deduction", "month", D("0.00"), None, "2024-04-01", None,
        "Kela", "The earned-income deduction was abolished. Estimate the allowance with Kela's calculator.",
    ),
    (
        "social_assistance", "earned_income_deduction", "month", D("150.00"), None, PILOT, "2026-02-28",
        "Pilot report; Kela 2025-12", "",
    ),
    (
        "social_assistance", "earned_income_deduction", "month", D("0.00"), None, "2026-03-01", None,
        "Kela 2025-12", "Abolished: the law in force 2026-02-01 is applied from March 2026.",
    ),
]


def seed(apps, schema_editor):
    BenefitRule = apps.get_model("benefits", "BenefitRule")
    for benefit, kind, period, amount, rate, valid_from, valid_to, source, note in RULES:
        BenefitRule.objects.get_or_create(
            benefit=benefit,
            kind=kind,
            period=period,
            valid_from=valid_from,
            defaults={
                "amount": amount,
                "reduction_rate": rate,
                "valid_to": valid_to,
                "source": source,
                "note": note,
            },
        )


def unseed(apps, schema_editor):
    BenefitRule = apps.get_model("benefits", "BenefitRule")
    for benefit, kind, period, _amount, _rate, valid_from, *_ in RULES:
        BenefitRule.objects.filter(benefit=benefit, kind=kind, period=period, valid_from=valid_from).delete()


class Migration(migrations.Migration):
    dependencies = [("benefits", "0001_benefit_rules_profiles_consents")]

    operations = [migrations.RunPython(seed, unseed)]
