# The gig reminders sent (one row per assignment, recipient and reminder) and the history event
# "Confirmed coming".

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter", "0009_accessibility_feedback"),
        ("orders", "0018_insurance_policies"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GigReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "recipient_kind",
                    models.CharField(
                        choices=[("worker", "Worker"), ("staff", "Staff member coming along")],
                        max_length=10,
                        verbose_name="recipient role",
                    ),
                ),
                (
                    "reminder",
                    models.CharField(
                        choices=[
                            ("day_before", "The day before the gig"),
                            ("morning", "On the morning of the gig"),
                        ],
                        max_length=20,
                        verbose_name="reminder",
                    ),
                ),
                ("sent_at", models.DateTimeField(verbose_name="sent")),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="orders.assignment",
                        verbose_name="assignment",
                    ),
                ),
                (
                    "email",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="jobcenter.outboundemail",
                        verbose_name="email",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recipient",
                    ),
                ),
            ],
            options={
                "verbose_name": "gig reminder",
                "verbose_name_plural": "gig reminders",
                "ordering": ["sent_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assignment", "recipient_kind", "reminder"), name="one_gig_reminder_per_person"
                    )
                ],
            },
        ),
    ]
