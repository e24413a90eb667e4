"""The access log's actor role and unit, outcome and request id (LOG-1); on PostgreSQL a
trigger makes the table insert-only (LOG-3): UPDATE and DELETE raise. TRUNCATE is left alone, so
the test database can still be flushed."""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "jobcenter_accesslogentry"
FUNCTION = "jobcenter_access_log_is_insert_only"
TRIGGER = "jobcenter_accesslogentry_insert_only"

CREATE = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access log entries cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""
DROP = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};
DROP FUNCTION IF EXISTS {FUNCTION}();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)  # no parameters: the "%" of RAISE stays as it is

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter", "0003_outboundemail_attachment"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="actor_role",
            field=models.CharField(blank=True, max_length=20, verbose_name="role"),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="actor_unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="units.unit",
                verbose_name="unit",
            ),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="outcome",
            field=models.CharField(
                choices=[("allowed", "Allowed"), ("denied", "Denied")],
                default="allowed",
                max_length=10,
                verbose_name="outcome",
            ),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="request_id",
            field=models.CharField(blank=True, max_length=36, verbose_name="request id"),
        ),
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
