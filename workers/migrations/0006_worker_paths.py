"""Workers' paths (jatkopolku): the kinds of steps the administrator keeps, and each worker's steps.

The default kinds are seeded in the three languages (the pilot report's example paths); the
administrator may rename, reorder or retire them. Reversing deletes the seeded kinds and the tables.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# code -> (fi, sv, en, is_outcome), in the order they are listed.
DEFAULT_KINDS = {
    "social_rehabilitation": ("Sosiaalinen kuntoutus", "Social rehabilitering", "Social rehabilitation", False),
    "rehabilitative_work_activity": (
        "Kuntouttava työtoiminta",
        "Arbetsverksamhet i rehabiliteringssyfte",
        "Rehabilitative work activity",
        False,
    ),
    "disability_work_activity": (
        "Vammaisten työtoiminta",
        "Arbetsverksamhet för personer med funktionsnedsättning",
        "Work activity for people with disabilities",
        False,
    ),
    "work_capacity_assessment": ("Työkykyselvitys", "Utredning av arbetsförmågan", "Work capacity assessment", False),
    "unit_job_coaching": ("Yksikön työvalmennus", "Enhetens arbetscoachning", "The unit's job coaching", False),
    "jobcenter": ("Jobcenter", "Jobcenter", "Jobcenter", False),
    "career_coaching": (
        "Työllisyyspalveluiden urapolkuvalmennus",
        "Sysselsättningstjänsternas karriärcoachning",
        "Career coaching of the employment services",
        True,
    ),
    "open_labour_market": ("Avoimet työmarkkinat", "Den öppna arbetsmarknaden", "Open labour market", True),
    "part_time_partial_pension": (
        "Osa-aikatyö ja osa-aikaeläke",
        "Deltidsarbete och partiell pension",
        "Part-time work with a partial pension",
        True,
    ),
    "hired_by_client": (
        "Asiakas palkkasi omille palkkalistoilleen",
        "Kunden anställde på sin egen lönelista",
        "Hired by the client onto its own payroll",
        True,
    ),
}


def seed_kinds(apps, schema_editor):
    PathStepKind = apps.get_model("workers", "PathStepKind")
    for position, (code, (fi, sv, en, is_outcome)) in enumerate(DEFAULT_KINDS.items(), start=1):
        PathStepKind.objects.get_or_create(
            code=code,
            defaults={
                "name": fi,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "is_outcome": is_outcome,
                "ordering": position * 10,
            },
        )


def unseed_kinds(apps, schema_editor):
    apps.get_model("workers", "PathStepKind").objects.filter(code__in=DEFAULT_KINDS, steps__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workers", "0005_worker_notify_by"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PathStepKind",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("name_fi", models.CharField(max_length=120, null=True, verbose_name="name")),
                ("name_sv", models.CharField(max_length=120, null=True, verbose_name="name")),
                ("name_en", models.CharField(max_length=120, null=True, verbose_name="name")),
                (
                    "is_outcome",
                    models.BooleanField(
                        default=False,
                        help_text="Where a worker went next: counted in the outcomes report.",
                        verbose_name="is an outcome",
                    ),
                ),
                ("ordering", models.PositiveSmallIntegerField(default=100, verbose_name="order in lists")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "kind of path step",
                "verbose_name_plural": "kinds of path steps",
                "ordering": ["ordering", "pk"],
            },
        ),
        migrations.CreateModel(
            name="WorkerPathStep",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_on", models.DateField(verbose_name="started")),
                ("ended_on", models.DateField(blank=True, null=True, verbose_name="ended")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="recorded")),
                (
                    "kind",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="steps",
                        to="workers.pathstepkind",
                        verbose_name="kind",
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
                        related_name="path_steps",
                        to="workers.worker",
                        verbose_name="worker",
                    ),
                ),
            ],
            options={
                "verbose_name": "path step",
                "verbose_name_plural": "path steps",
                "ordering": ["started_on", "pk"],
                "indexes": [models.Index(fields=["started_on", "kind"], name="path_step_started_kind_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ended_on__isnull", True), ("ended_on__gte", models.F("started_on")), _connector="OR"
                        ),
                        name="path_step_ends_after_start",
                    )
                ],
            },
        ),
        migrations.RunPython(seed_kinds, unseed_kinds),
    ]
