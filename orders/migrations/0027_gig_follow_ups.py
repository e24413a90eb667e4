"""Before and after a gig: the follow-up items of the supporting staff member (orders.models.follow_ups)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0026_order_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GigFollowUp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("prepare", "Prepare for the gig"), ("review", "Go through the gig")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("due_at", models.DateTimeField(db_index=True, verbose_name="due")),
                ("done_at", models.DateTimeField(blank=True, null=True, verbose_name="done")),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follow_ups",
                        to="orders.assignment",
                        verbose_name="assignment",
                    ),
                ),
                (
                    "done_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="done by",
                    ),
                ),
                (
                    "staff_member",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff member",
                    ),
                ),
            ],
            options={
                "verbose_name": "gig follow-up",
                "verbose_name_plural": "gig follow-ups",
                "ordering": ["due_at", "pk"],
                "indexes": [models.Index(fields=["done_at", "due_at"], name="follow_up_open_due_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("assignment", "kind"), name="one_follow_up_per_assignment_kind")
                ],
            },
        ),
    ]
