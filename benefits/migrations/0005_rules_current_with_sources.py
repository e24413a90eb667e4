"""Every seeded benefit rule says how it counts income, where its figure was checked and whether the
figure was confirmed there; the disability pension's earnings limit gets its 2025 and 2026 rows.

A figure is `confirmed` only when a stored source states it for that period. Where the source says
something else, or nothing, the row keeps the best figure with `confirmed=False` and the note says
what was found, so that the admin list shows it as "not confirmed" until somebody checks it.

Backwards: the added rows are deleted and the new fields of the other rows are blanked (the 2024
disability row gets its old note back).
"""

from decimal import Decimal

from django.db import migrations

PILOT = "2020-01-01"
D = Decimal

KELA = "kela"
FUND = "unemployment_fund"
PENSION_PROVIDER = "pension_provider"
SOCIAL = "social_services"
PAID = "payment_date"

DISABILITY_COUNTING = (
    " Income counting: the pension providers and Kela compare earnings per calendar month and read them "
    "from the Incomes Register, which holds pay by payment date; Keva's instructions periodise holiday pay "
    "over the year and ignore retroactive pay rises, so the providers may also look at the period the pay "
    "is for. Set to payment date; how the providers count is not confirmed."
)
DISABILITY_REPORT = (
    " Reporting: Kela asks to report salaried work to Kela and the pension provider "
    "(https://www.kela.fi/web/en/disability-pension-and-rehabilitation-working); no deadline in days is given."
)
UNEMPLOYMENT_COUNTING = (
    " Income counting: pay counts for the claim period in which it is paid, whatever the period of the work "
    "(https://www.tehytk.fi/fi/ajankohtaista/lapsikorotus-ja-suojaosa-poistuivat-142024-alkaen); Kela and the "
    "funds read it from the Incomes Register by payment date."
)
UNEMPLOYMENT_REPORT = (
    " Reporting: earnings go on each period's application, which must reach the fund within three months of "
    "the day the benefit is claimed for (https://yrittajakassa.fi/tietopankki/paivarahan-hakujakso/); stored "
    "as 90 days."
)
HOUSING_COUNTING = (
    " Income counting: Kela counts the household's expected monthly income from the review on (continuing "
    "income, or an average over the next 12 months when it varies: "
    "https://elamassa.fi/koti-ja-perhe/tuloni-vaihtelevat-kuukausittain-miten-se-vaikuttaa-asumistuen-maaraan/), "
    "reading pay from the Incomes Register; set to payment date, not confirmed."
)
HOUSING_REPORT = (
    " Reporting: the allowance is reviewed when the household's income rises by at least 400 EUR/month or "
    "falls by at least 200 EUR/month (https://www.kela.fi/asumistuen-tarkistaminen); report to Kela without "
    "delay, no deadline in days."
)
PENSIONERS_COUNTING = (
    " Income counting: yearly income; Kela reviews the allowance when the income of the year changes, reading "
    "pay from the Incomes Register (by payment date). Set to payment date; not confirmed."
)
SOCIAL_COUNTING = (
    " Income counting: income counts in the month it is available to the person, i.e. by payment date "
    "(the pilot's description of Kela's practice; not checked against a Kela page in this pass)."
)

# (benefit, kind, period, valid_from) -> the new fields.
UPDATES = {
    ("disability_pension", "earnings_limit", "month", "2022-01-01"): {
        "source_url": "https://www.kela.fi/web/en/guarantee-pension-amount-and-payment",
        "confirmed": True,
        "confirmation_note": "Checked at https://www.kela.fi/web/en/guarantee-pension-amount-and-payment: "
        "the full guarantee pension is EUR 855.48 per month 1.1.-31.7.2022, and with a disability pension "
        "one can earn at most that much." + DISABILITY_COUNTING + DISABILITY_REPORT,
        "report_to": PENSION_PROVIDER,
    },
    ("disability_pension", "earnings_limit", "month", "2022-08-01"): {
        "source_url": "https://www.kela.fi/web/en/guarantee-pension-amount-and-payment",
        "confirmed": True,
        "confirmation_note": "Checked at https://www.kela.fi/web/en/guarantee-pension-amount-and-payment: "
        "EUR 885.63 per month 1.8.-31.12.2022, the same as the earnings limit with a disability pension."
        + DISABILITY_COUNTING
        + DISABILITY_REPORT,
        "report_to": PENSION_PROVIDER,
    },
    ("disability_pension", "earnings_limit", "month", "2023-01-01"): {
        "source_url": "https://www.tyoelake.fi/paljonko-saan-elaketta/tyoskentely-elakkeella/",
        "confirmed": True,
        "confirmation_note": "Checked at https://www.tyoelake.fi/paljonko-saan-elaketta/tyoskentely-elakkeella/: "
        "one can always earn 922.42 EUR a month with a disability pension (the 2023 full guarantee pension, "
        "also stated for 2023 by fi.wikipedia.org/wiki/Takuueläke)." + DISABILITY_COUNTING + DISABILITY_REPORT,
        "report_to": PENSION_PROVIDER,
    },
    ("disability_pension", "earnings_limit", "month", "2024-01-01"): {
        "source_url": "https://varma.fi/en/pensions/during-retirement/working-during-retirement",
        "confirmed": True,
        "confirmation_note": "Checked at https://varma.fi/en/pensions/during-retirement/working-during-retirement: "
        "one may earn 976.59 euros per month (in 2024) without it affecting the pension, also Kela's; "
        "'monitor your income on a monthly basis'. Kela's guarantee pension page of 2024 gives the same "
        "full amount (with the income limit 968.69)." + DISABILITY_COUNTING + DISABILITY_REPORT,
        "report_to": PENSION_PROVIDER,
        "note": "Equal to the full guarantee pension.",
    },
    ("pensioners_housing_allowance", "reportable_increase", "year", PILOT): {
        "source_url": "https://www.kela.fi/web/en/housing-allowance-for-pensioners-report-changes",
        "confirmed": False,
        "confirmation_note": "Not confirmed: 924 EUR/year is the pilot report's figure. The stored (older, "
        "undated) Kela page https://www.kela.fi/web/en/housing-allowance-for-pensioners-report-changes says "
        "'your income increases by EUR 912 or more per year'; no source stating 924 was found."
        + PENSIONERS_COUNTING,
        "report_to": KELA,
    },
    ("pensioners_housing_allowance", "reportable_increase", "year", "2025-01-01"): {
        "source_url": "https://www.kela.fi/news/do-you-get-housing-allowance-for-pensioners-remember-to-notify"
        "-kela-of-changes-in-time",
        "confirmed": True,
        "confirmation_note": "Checked at https://www.kela.fi/news/do-you-get-housing-allowance-for-pensioners-"
        "remember-to-notify-kela-of-changes-in-time (11.11.2025): apply for a review if the combined income "
        "increases by at least EUR 1,018 per year (about 85 a month); the same figure is in Kela's press "
        "release of 12.12.2024." + PENSIONERS_COUNTING + " Reporting: to Kela 'in time'; no deadline in days.",
        "report_to": KELA,
    },
    ("unemployment_benefit", "protected_earnings", "month", PILOT): {
        "source_url": "https://www.palvelualojenkassa.fi/ajankohtaista/tiedotteet-2/tyottomyyspaivarahan-"
        "suojaosa-ja-lapsikorotukset-poistuvat-1.4.2024.html",
        "confirmed": True,
        "confirmation_note": "Checked at palvelualojenkassa.fi (6.3.2024): the protected amount was 300 EUR for "
        "a one-month claim period and is abolished for claim periods starting on or after 1.4.2024 (a period "
        "that starts in March keeps it); above it half of the pay reduced the benefit." + UNEMPLOYMENT_COUNTING
        + UNEMPLOYMENT_REPORT,
        "report_to": FUND,
        "report_within_days": 90,
    },
    ("unemployment_benefit", "protected_earnings", "four_weeks", PILOT): {
        "source_url": "https://www.palvelualojenkassa.fi/ajankohtaista/tiedotteet-2/tyottomyyspaivarahan-"
        "suojaosa-ja-lapsikorotukset-poistuvat-1.4.2024.html",
        "confirmed": True,
        "confirmation_note": "Checked at palvelualojenkassa.fi (6.3.2024): 279 EUR for a four-week claim period, "
        "abolished for claim periods starting on or after 1.4.2024." + UNEMPLOYMENT_COUNTING + UNEMPLOYMENT_REPORT,
        "report_to": FUND,
        "report_within_days": 90,
    },
    ("unemployment_benefit", "reduction_per_euro", "month", "2024-04-01"): {
        "source_url": "https://www.prokassa.fi/uutiset/300-euron-suojaosa-poistuu-1.4.2024-tai-sen-jalkeen-"
        "alkavista-hakujaksoista.html",
        "confirmed": True,
        "confirmation_note": "Checked at prokassa.fi (26.4.2024) and palvelualojenkassa.fi: with no protected "
        "amount every euro earned reduces the benefit by 50 cents, for claim periods starting 1.4.2024 or later."
        + UNEMPLOYMENT_COUNTING
        + UNEMPLOYMENT_REPORT,
        "report_to": FUND,
        "report_within_days": 90,
    },
    ("unemployment_benefit", "reduction_per_euro", "four_weeks", "2024-04-01"): {
        "source_url": "https://www.prokassa.fi/uutiset/300-euron-suojaosa-poistuu-1.4.2024-tai-sen-jalkeen-"
        "alkavista-hakujaksoista.html",
        "confirmed": True,
        "confirmation_note": "Checked at prokassa.fi (26.4.2024) and palvelualojenkassa.fi: every euro earned "
        "reduces the benefit by 50 cents, for claim periods starting 1.4.2024 or later."
        + UNEMPLOYMENT_COUNTING
        + UNEMPLOYMENT_REPORT,
        "report_to": FUND,
        "report_within_days": 90,
    },
    ("unemployment_benefit", "commission_self_employment", "none", PILOT): {
        "source_url": "",
        "confirmed": False,
        "confirmation_note": "Not confirmed: the rule comes from the pilot report and Työmarkkinatori; no "
        "published page stating it was checked in this pass. Ask the TE services or the fund before relying "
        "on the 30 days." + UNEMPLOYMENT_COUNTING,
        "report_to": FUND,
    },
    ("general_housing_allowance", "earned_income_deduction", "month", PILOT): {
        "source_url": "https://www.kela.fi/yleinen-asumistuki-miten-tulot-vaikuttavat",
        "confirmed": True,
        "confirmation_note": "Checked at https://www.kela.fi/yleinen-asumistuki-miten-tulot-vaikuttavat: the "
        "300 EUR earned-income deduction, made for each member of the household, was removed on 1.4.2024."
        + HOUSING_COUNTING
        + HOUSING_REPORT,
        "report_to": KELA,
    },
    ("general_housing_allowance", "earned_income_deduction", "month", "2024-04-01"): {
        "source_url": "https://www.kela.fi/yleinen-asumistuki-miten-tulot-vaikuttavat",
        "confirmed": True,
        "confirmation_note": "Checked at https://www.kela.fi/yleinen-asumistuki-miten-tulot-vaikuttavat: from "
        "1.4.2024 all earned income of the household is counted." + HOUSING_COUNTING + HOUSING_REPORT,
        "report_to": KELA,
    },
    ("social_assistance", "earned_income_deduction", "month", PILOT): {
        "source_url": "https://www.sttinfo.fi/tiedote/71700347/toimeentulotukeen-muutoksia-uudet-velvoitteet-ja-"
        "tiukemmat-ehdot-helmikuusta-alkaen?lang=fi",
        "confirmed": True,
        "confirmation_note": "Checked at Kela's press release of 18.12.2025 (sttinfo.fi): the 150 EUR "
        "earned-income deduction is removed by the law in force 1.2.2026; Kela's release of 10.2.2026 says it "
        "goes from March." + SOCIAL_COUNTING,
        "report_to": SOCIAL,
    },
    ("social_assistance", "earned_income_deduction", "month", "2026-03-01"): {
        "source_url": "https://www.sttinfo.fi/tiedote/71798661/toimeentulotuen-tiukennukset-vaikuttavat-etenkin-"
        "49-000-tulottomaan?lang=fi",
        "confirmed": True,
        "confirmation_note": "Checked at Kela's press release of 10.2.2026 (sttinfo.fi): 'Maaliskuusta alkaen "
        "ansiotulovähennys poistuu'." + SOCIAL_COUNTING,
        "report_to": SOCIAL,
    },
}

OLD_2024_NOTE = "Equal to the full guarantee pension. 2025 and later: to be entered by an administrator."

INDEX_NOTE = (
    "Kela raises the guarantee pension by the national pension index: 1911 points in 2024, 1930 in 2025 "
    "(+1.0 %, Kela's release of 10/2024 on sttinfo.fi; etk.fi confirms the 1.0 % rise of the guarantee pension "
    "in 2025) and 1939 in 2026 (+0.5 %, Kela's release of 9.10.2025 on sttinfo.fi, which lists the guarantee "
    "pension among the raised benefits)."
)

NEW_ROWS = [
    {
        "benefit": "disability_pension",
        "kind": "earnings_limit",
        "period": "month",
        "valid_from": "2025-01-01",
        "valid_to": "2025-12-31",
        "amount": D("986.30"),
        "source": "Kela national pension index; tyoelake.fi",
        "note": "Equal to the full guarantee pension.",
        "counts_income_by": PAID,
        "source_url": "https://www.sttinfo.fi/tiedote/70583618/kansanelakeindeksi-tuo-10-prosentin-korotuksen-"
        "vain-osaan-kelan-etuuksista-monet-etuudet-pysyvat-vuoden-2024-tasolla?lang=fi",
        "confirmed": False,
        "confirmation_note": "Not confirmed: no stored Kela or pension-provider page states the 2025 full "
        "guarantee pension. 986.30 = 976.59 x 1930 / 1911. " + INDEX_NOTE + " An MTV news item of 19.2.2026 "
        "(mtvuutiset.fi/artikkeli/.../9298934) mentions 986.30 EUR a month, but as the pensions' income limit "
        "and without a year." + DISABILITY_COUNTING + DISABILITY_REPORT,
        "report_to": PENSION_PROVIDER,
    },
    {
        "benefit": "disability_pension",
        "kind": "earnings_limit",
        "period": "month",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "amount": D("990.90"),
        "source": "Kela national pension index; tyoelake.fi",
        "note": "Equal to the full guarantee pension.",
        "counts_income_by": PAID,
        "source_url": "https://www.sttinfo.fi/tiedote/71527003/kansanelakeindeksi-tuo-05-prosentin-korotuksen-"
        "osaan-kelan-etuuksista-moni-etuus-pysyy-vuoden-2025-tasolla?lang=fi",
        "confirmed": False,
        "confirmation_note": "Not confirmed: no stored source states the 2026 full guarantee pension (the table "
        "at the end of Kela's release of 9.10.2025 was not in the stored copy). 990.90 = 976.59 x 1939 / 1911. "
        + INDEX_NOTE
        + DISABILITY_COUNTING
        + DISABILITY_REPORT,
        "report_to": PENSION_PROVIDER,
    },
]

BLANK = {
    "counts_income_by": PAID,
    "source_url": "",
    "confirmed": False,
    "confirmation_note": "",
    "report_to": "",
    "report_within_days": None,
}


def _key(row: dict) -> dict:
    return {name: row[name] for name in ("benefit", "kind", "period", "valid_from")}


def forwards(apps, schema_editor):
    BenefitRule = apps.get_model("benefits", "BenefitRule")
    for (benefit, kind, period, valid_from), fields in UPDATES.items():
        values = {**BLANK, **fields}
        BenefitRule.objects.filter(benefit=benefit, kind=kind, period=period, valid_from=valid_from).update(**values)
    for row in NEW_ROWS:
        key = _key(row)
        BenefitRule.objects.get_or_create(**key, defaults={k: v for k, v in row.items() if k not in key})


def backwards(apps, schema_editor):
    BenefitRule = apps.get_model("benefits", "BenefitRule")
    for row in NEW_ROWS:
        BenefitRule.objects.filter(**_key(row)).delete()
    for benefit, kind, period, valid_from in UPDATES:
        BenefitRule.objects.filter(benefit=benefit, kind=kind, period=period, valid_from=valid_from).update(**BLANK)
    BenefitRule.objects.filter(
        benefit="disability_pension", kind="earnings_limit", period="month", valid_from="2024-01-01"
    ).update(note=OLD_2024_NOTE)


class Migration(migrations.Migration):
    dependencies = [("benefits", "0004_rules_say_how_income_counts")]

    operations = [migrations.RunPython(forwards, backwards)]
