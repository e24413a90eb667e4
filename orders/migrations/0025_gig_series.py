# The repeating gig (orders.models.series) and each gig's link to it.

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0024_worker_again_requests"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GigSeries",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "interval_weeks",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(8),
                        ],
                        verbose_name="every how many weeks",
                    ),
                ),
                ("weekdays", models.CharField(max_length=20, verbose_name="weekdays")),
                ("first_date", models.DateField(verbose_name="first date")),
                ("rule_from", models.DateField(verbose_name="rule applies from")),
                ("until_date", models.DateField(blank=True, null=True, verbose_name="last date")),
                (
                    "count",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(60),
                        ],
                        verbose_name="number of times",
                    ),
                ),
                ("start_time", models.TimeField(verbose_name="start time")),
                (
                    "planned_hours",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=5,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0.25")),
                            django.core.validators.MaxValueValidator(Decimal("12")),
                        ],
                        verbose_name="planned hours",
                    ),
                ),
                (
                    "workers_needed",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(50),
                        ],
                        verbose_name="workers needed",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes for the workers")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gig_series",
                        to="orders.order",
                        verbose_name="order",
                    ),
                ),
            ],
            options={
                "verbose_name": "repeating gig",
                "verbose_name_plural": "repeating gigs",
                "ordering": ["first_date", "pk"],
            },
        ),
        migrations.AddField(
            model_name="gig",
            name="series",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="gigs",
                to="orders.gigseries",
                verbose_name="repeating gig",
            ),
        ),
        migrations.AddConstraint(
            model_name="gigseries",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("count__isnull", False), ("until_date__isnull", True)),
                    models.Q(("count__isnull", True), ("until_date__isnull", False)),
                    _connector="OR",
                ),
                name="gig_series_ends_by_date_or_count",
            ),
        ),
        migrations.AddConstraint(
            model_name="gigseries",
            constraint=models.CheckConstraint(
                condition=models.Q(("interval_weeks__gte", 1)), name="gig_series_interval_positive"
            ),
        ),
    ]
