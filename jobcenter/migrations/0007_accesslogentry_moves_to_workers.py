"""The access log's model moves to the workers app (its rows point at workers and units, and the
kernel imports no domain app). Only Django's picture of the models changes: the table
`jobcenter_accesslogentry`, its indexes, its foreign keys and the PostgreSQL trigger that makes it
insert-only (0004) stay as they are. `workers.0004` takes the model over under the same table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter", "0006_stepup_request"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AccessLogEntry")],
            database_operations=[],
        ),
    ]
