# "En pääse": the assignment state "can't come" (a worker who took a gig and cannot come, or did not
# come), its two history events, and the attendance notes (a late cancellation, a gig not come to).
# No state constraint changes: the groups the constraints are built from (work done, billable) do
# not hold the new state.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0019_gig_reminders"),
        ("workers", "0004_accesslogentry_from_jobcenter"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AttendanceNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("late_cancellation", "Cancelled shortly before the gig"),
                            ("no_show", "Did not come to the gig"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("ill", "I am ill"),
                            ("family", "A family matter"),
                            ("transport", "I cannot get there"),
                            ("other", "Something else"),
                        ],
                        max_length=20,
                        verbose_name="reason",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="recorded")),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendance_notes",
                        to="orders.assignment",
                        verbose_name="assignment",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "worker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendance_notes",
                        to="workers.worker",
                        verbose_name="worker",
                    ),
                ),
            ],
            options={
                "verbose_name": "attendance note",
                "verbose_name_plural": "attendance notes",
                "ordering": ["-recorded_at", "-pk"],
                "indexes": [models.Index(fields=["worker", "recorded_at"], name="attendance_worker_at_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("assignment",), name="one_attendance_note_per_assignment")
                ],
            },
        ),
    ]
