from django.db import migrations, models


class Migration(migrations.Migration):
    """The time a worker's personal data was anonymised by the retention job (workers.retention)."""

    dependencies = [
        ("workers", "0002_work_certificate"),
    ]

    operations = [
        migrations.AddField(
            model_name="worker",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="anonymised"),
        ),
    ]
