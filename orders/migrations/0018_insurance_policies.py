"""Insurance policies as dated data (orders.models.insurance), seeded with what covers every gig today.

The City's work-activity accident cover (Act 189/2001) does not follow a worker into commission work,
so commission gigs need the Jobcenter's own accident and liability policy; employment gigs (the
partner model) are covered by each employer partner's statutory accident insurance (TyTAL 459/2015).
Both rows start at the pilot's start and are open-ended, so the gigs of the demo, of the tests and of
production are covered as before. The commission policy's insurer and number are not in any source
the project has, so the row says "to be filled in" instead of naming an insurer.
"""

from datetime import date

import django.db.models.deletion
from django.db import migrations, models

START = date(2020, 1, 1)

POLICIES = [
    {
        "contract_type": "commission",
        "cover": "policy",
        "name_fi": "Helsingin kaupungin toimeksiantotyön tapaturmavakuutus",
        "name_sv": "Helsingfors stads olycksfallsförsäkring för uppdragsarbete",
        "name_en": "the City of Helsinki's accident insurance for commission work",
        "insurer": "to be filled in",
        "policy_holder": "Helsingin kaupunki (Jobcenter)",
        "source": (
            "Jobcenter pilot report 2022: the service costs (4.50 EUR/h) include accident and liability insurance"
        ),
        "notes": (
            "Accident and liability insurance for commission work (toimeksiantotyö). The City's accident "
            "cover of work activity (Act on Rehabilitative Work Activity 189/2001, social welfare work "
            "activity) does not cover a person doing commission work. Fill in the insurer and the policy "
            "number from the policy document."
        ),
    },
    {
        "contract_type": "employment",
        "cover": "employer_statutory",
        "name_fi": "työnantajakumppanin lakisääteinen tapaturmavakuutus",
        "name_sv": "arbetsgivarpartnerns lagstadgade olycksfallsförsäkring",
        "name_en": "the employer partner's statutory accident insurance",
        "insurer": "",
        "policy_holder": "",
        "source": "Employees' Accident Insurance Act 459/2015 (TyTAL): the employer insures its employees",
        "notes": (
            "Employment gigs (the partner model): the employer partner employs the worker and its own "
            "statutory accident insurance covers them. Add a row for one partner when its policy is known."
        ),
    },
]


def seed(apps, schema_editor):
    InsurancePolicy = apps.get_model("orders", "InsurancePolicy")
    for row in POLICIES:
        InsurancePolicy.objects.get_or_create(
            contract_type=row["contract_type"],
            cover=row["cover"],
            partner=None,
            valid_from=START,
            defaults={**{k: v for k, v in row.items() if k not in ("contract_type", "cover")}, "name": row["name_fi"]},
        )


def unseed(apps, schema_editor):
    apps.get_model("orders", "InsurancePolicy").objects.filter(partner=None, valid_from=START).delete()


class Migration(migrations.Migration):
    dependencies = [("orders", "0017_gig_cancellation")]

    operations = [
        migrations.CreateModel(
            name="InsurancePolicy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "contract_type",
                    models.CharField(
                        choices=[("commission", "Commission contract"), ("employment", "Employment contract")],
                        max_length=20,
                        verbose_name="contract",
                    ),
                ),
                (
                    "cover",
                    models.CharField(
                        choices=[
                            ("policy", "A named policy"),
                            ("employer_statutory", "Each employer partner's own statutory insurance"),
                        ],
                        default="policy",
                        help_text=(
                            "A named policy, or the rule that each employer partner's own statutory insurance "
                            "covers its employment gigs."
                        ),
                        max_length=20,
                        verbose_name="cover",
                    ),
                ),
                *(
                    (
                        field,
                        models.CharField(
                            help_text=(
                                "As the worker reads it, e.g. the City of Helsinki's accident insurance for "
                                "commission work."
                            ),
                            max_length=200,
                            verbose_name="name of the insurance",
                            **({} if field == "name" else {"null": True}),
                        ),
                    )
                    for field in ("name", "name_fi", "name_sv", "name_en")
                ),
                ("insurer", models.CharField(blank=True, max_length=200, verbose_name="insurer")),
                ("policy_holder", models.CharField(blank=True, max_length=200, verbose_name="policy holder")),
                ("policy_number", models.CharField(blank=True, max_length=100, verbose_name="policy number")),
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid until")),
                ("source", models.CharField(max_length=300, verbose_name="source")),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "partner",
                    models.ForeignKey(
                        blank=True,
                        help_text="Only for a policy of one employer partner. Empty: every gig of the contract type.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="insurance_policies",
                        to="orders.employerpartner",
                        verbose_name="employer partner",
                    ),
                ),
            ],
            options={
                "verbose_name": "insurance policy",
                "verbose_name_plural": "insurance policies",
                "ordering": ["contract_type", "partner", "-valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True), ("valid_to__gte", models.F("valid_from")), _connector="OR"
                        ),
                        name="insurance_policy_dates_in_order",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("cover", "employer_statutory"), _negated=True),
                            models.Q(("contract_type", "employment"), ("partner__isnull", True)),
                            _connector="OR",
                        ),
                        name="insurance_statutory_rule_is_for_every_partner",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("partner__isnull", True), ("contract_type", "employment"), _connector="OR"),
                        name="insurance_partner_only_for_employment",
                    ),
                ],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
