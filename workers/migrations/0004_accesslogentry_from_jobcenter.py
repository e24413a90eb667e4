"""The access log's model, taken over from the kernel (`jobcenter.0007`) under its old table.

The table `jobcenter_accesslogentry`, its indexes and the PostgreSQL trigger that refuses UPDATE
and DELETE (`jobcenter.0004`) are not touched: the model is created in Django's state only. The
content type is renamed from jobcenter to workers, so the permissions already granted on the
access log (the Coordinators group may view it) keep pointing at it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODEL = "accesslogentry"


def _move_content_type(old_app: str, new_app: str):
    def run(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
        if not content_types.filter(app_label=new_app, model=MODEL).exists():
            content_types.filter(app_label=old_app, model=MODEL).update(app_label=new_app)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("jobcenter", "0007_accesslogentry_moves_to_workers"),
        ("units", "0001_initial"),
        ("workers", "0003_worker_anonymised_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccessLogEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="time")),
                        ("data", models.CharField(max_length=60, verbose_name="data viewed")),
                        ("action", models.CharField(default="view", max_length=20, verbose_name="action")),
                        ("path", models.CharField(blank=True, max_length=300, verbose_name="page")),
                        ("reason", models.CharField(blank=True, max_length=300, verbose_name="reason")),
                        ("actor_role", models.CharField(blank=True, max_length=20, verbose_name="role")),
                        (
                            "outcome",
                            models.CharField(
                                choices=[("allowed", "Allowed"), ("denied", "Denied")],
                                default="allowed",
                                max_length=10,
                                verbose_name="outcome",
                            ),
                        ),
                        ("request_id", models.CharField(blank=True, max_length=36, verbose_name="request id")),
                        (
                            "actor_unit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="units.unit",
                                verbose_name="unit",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="viewed by",
                            ),
                        ),
                        (
                            "worker",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="access_log",
                                to="workers.worker",
                                verbose_name="worker",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "access log entry",
                        "verbose_name_plural": "access log",
                        "db_table": "jobcenter_accesslogentry",
                        "ordering": ["-at"],
                        "indexes": [
                            models.Index(fields=["worker", "-at"], name="jobcenter_a_worker__b0e02e_idx"),
                            models.Index(fields=["user", "-at"], name="jobcenter_a_user_id_8b6522_idx"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_type("jobcenter", "workers"), _move_content_type("workers", "jobcenter")),
    ]
