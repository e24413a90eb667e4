"""Trigram indexes for the coordinator dashboard's search (`q=`), PostgreSQL only (docs/performance.md).

`icontains` on PostgreSQL is `UPPER(col::text) LIKE UPPER('%word%')`: a GIN index with `gin_trgm_ops` on
the same expression answers it without reading every order. `pg_trgm` is a trusted extension
(PostgreSQL 13+), so the database owner may create it. SQLite (the test default) has no such indexes
and needs none.
"""

from django.db import migrations

# (index name, table, column)
INDEXES = [
    ("order_title_trgm_idx", "orders_order", "title"),
    ("order_description_trgm_idx", "orders_order", "description"),
    ("client_name_trgm_idx", "orders_clientorganisation", "name"),
    ("client_business_id_trgm_idx", "orders_clientorganisation", "business_id"),
    ("contact_name_trgm_idx", "orders_clientcontact", "name"),
    ("contact_email_trgm_idx", "orders_clientcontact", "email"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    # The extension stays: other database objects may use it, and it is harmless.


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0006_dashboard_indexes"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
