# The cancellation rule as dated data (with the project's defaults), the invoice line of a late
# cancellation's charge naming its gig, and the payout line of a worker's minimum pay.

import datetime
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

SOURCE = (
    "Jobcenter's default order terms: late under 24 h before the gig; 2 h per worker charged, 2 h paid "
    "(no official source; to be confirmed)"
)


def seed_rule(apps, schema_editor):
    """The pilot report states no cancellation rule: these are the project's defaults, to be confirmed.
    24 hours is the usual notice in Finnish staffing terms; two hours at the gig's price per worker
    who took the gig covers her two hours' minimum pay and the service costs of that time."""
    CancellationRule = apps.get_model("billing", "CancellationRule")
    CancellationRule.objects.get_or_create(
        valid_from=datetime.date(2020, 1, 1),
        defaults={
            "late_window_hours": 24,
            "client_charge_hours": Decimal("2.00"),
            "worker_minimum_hours": Decimal("2.00"),
            "confirmed": False,
            "source": SOURCE,
        },
    )


def unseed_rule(apps, schema_editor):
    apps.get_model("billing", "CancellationRule").objects.filter(valid_from=datetime.date(2020, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0016_payment_schedule"),
        ("orders", "0021_client_cancellation"),
    ]

    operations = [
        migrations.CreateModel(
            name="CancellationRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid until")),
                ("source", models.CharField(max_length=300, verbose_name="source")),
                (
                    "late_window_hours",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(336),
                        ],
                        verbose_name="late when cancelled less than this many hours before the gig",
                    ),
                ),
                (
                    "client_charge_hours",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=5,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="client's charge per worker who took the gig, hours",
                    ),
                ),
                (
                    "worker_minimum_hours",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=5,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="worker's minimum pay, hours",
                    ),
                ),
                (
                    "confirmed",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when the figures are confirmed as the terms the Jobcenter offers its clients.",
                        verbose_name="confirmed",
                    ),
                ),
            ],
            options={
                "verbose_name": "cancellation rule",
                "verbose_name_plural": "cancellation rules",
                "ordering": ["-valid_from"],
            },
        ),
        migrations.AddField(
            model_name="invoiceline",
            name="gig",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="invoice_lines",
                to="orders.gig",
                verbose_name="cancelled gig",
            ),
        ),
        migrations.AddField(
            model_name="payoutline",
            name="is_cancellation_pay",
            field=models.BooleanField(default=False, verbose_name="minimum pay of a cancelled gig"),
        ),
        migrations.RunPython(seed_rule, unseed_rule),
    ]
