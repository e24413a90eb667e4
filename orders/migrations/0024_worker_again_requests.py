import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0023_accepted_terms_copy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WorkerAgainRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("asked_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="asked")),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note from the client")),
                ("handled_at", models.DateTimeField(blank=True, null=True, verbose_name="handled")),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("proposed", "The unit proposed the worker"),
                            ("not_possible", "Not possible this time"),
                        ],
                        max_length=20,
                        verbose_name="outcome",
                    ),
                ),
                (
                    "asked_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="asked by",
                    ),
                ),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="handled by",
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="worker_again_requests",
                        to="orders.order",
                        verbose_name="order",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.unit",
                        verbose_name="unit",
                    ),
                ),
                (
                    "worker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="again_requests",
                        to="workers.worker",
                        verbose_name="worker",
                    ),
                ),
            ],
            options={
                "verbose_name": "wish for a worker again",
                "verbose_name_plural": "wishes for a worker again",
                "ordering": ["asked_at", "pk"],
                "indexes": [models.Index(fields=["unit", "handled_at"], name="worker_again_unit_open_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("handled_at__isnull", True)),
                        fields=("order", "worker"),
                        name="unique_open_worker_again_request",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("handled_at__isnull", True), ("outcome", "")),
                            models.Q(("handled_at__isnull", False), models.Q(("outcome", ""), _negated=True)),
                            _connector="OR",
                        ),
                        name="worker_again_handled_has_outcome",
                    ),
                ],
            },
        ),
    ]
