"""The outbox sends at most once and retries with backoff: a `sending` state committed before the
mail server is contacted, the time of the next attempt, and who sent a failed email again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter", "0004_accesslog_actor_outcome_request_id"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="outboundemail",
            name="status",
            field=models.CharField(
                choices=[("queued", "Queued"), ("sending", "Sending"), ("sent", "Sent"), ("failed", "Failed")],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next attempt"),
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="sending_since",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sending since"),
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="resent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sent again"),
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="resent_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="sent again by",
            ),
        ),
    ]
