"""Invoice history: the action's labels (choices) and its facts as data (`params`), not a note.

The emailed address, the orders issued, the amount and date paid and the credit note's number were
written into `note` as text ("18.20 € 02.12.2026"); they become params, shown in the reader's
language. A note that is a person's reason (a credit note's) or an operator's message stays.
Backwards, the facts are written into the note as they were.
"""

import re

from django.db import migrations, models

ORDERS = re.compile(r"^#\d+(, #\d+)*$")
PAID = re.compile(r"^(?P<amount>-?\d+(?:\.\d+)?) € (?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4})$")
CREDITED = re.compile(r"^(?P<number>[^:\s]+): (?P<reason>.*)$", re.DOTALL)
ADDRESS_KEYS = {"emailed": "email", "reminded": "email", "einvoice_queued": "address", "einvoice_sent": "location"}


def _facts(action: str, note: str) -> tuple[dict, str] | None:
    if action in ADDRESS_KEYS and note:
        return {ADDRESS_KEYS[action]: note}, ""
    if action == "issued" and ORDERS.match(note):
        return {"orders": note}, ""
    if action == "paid" and (match := PAID.match(note)):
        return {"amount": match["amount"], "date": f"{match['year']}-{match['month']}-{match['day']}"}, ""
    if action == "credited" and (match := CREDITED.match(note)):
        return {"credit_note": match["number"]}, match["reason"]
    return None


def to_params(apps, schema_editor):
    InvoiceEvent = apps.get_model("billing", "InvoiceEvent")
    changed = []
    for row in InvoiceEvent.objects.exclude(note="").iterator():
        found = _facts(row.action, row.note.strip())
        if found is not None:
            row.params, row.note = found
            changed.append(row)
    InvoiceEvent.objects.bulk_update(changed, ["params", "note"], batch_size=500)


def to_notes(apps, schema_editor):
    InvoiceEvent = apps.get_model("billing", "InvoiceEvent")
    changed = []
    for row in InvoiceEvent.objects.exclude(params={}).iterator():
        params = row.params or {}
        if row.action in ADDRESS_KEYS:
            row.note = params.get(ADDRESS_KEYS[row.action], row.note)
        elif row.action == "issued" and "orders" in params:
            row.note = params["orders"]
        elif row.action == "paid" and "amount" in params:
            year, month, day = params["date"].split("-")
            row.note = f"{params['amount']} € {day}.{month}.{year}"
        elif row.action == "credited" and "credit_note" in params:
            row.note = f"{params['credit_note']}: {row.note}"
        changed.append(row)
    InvoiceEvent.objects.bulk_update(changed, ["note"], batch_size=500)


ACTIONS = [
    ("issued", "Issued"),
    ("pdf", "PDF made"),
    ("emailed", "Emailed"),
    ("reminded", "Reminder sent"),
    ("paid", "Marked paid"),
    ("credited", "Credited"),
    ("einvoice_queued", "E-invoice queued"),
    ("einvoice_sent", "E-invoice sent"),
    ("einvoice_failed", "E-invoice failed"),
    ("einvoice_retried", "E-invoice sent again"),
]


class Migration(migrations.Migration):
    dependencies = [("billing", "0010_payment_runs")]

    operations = [
        migrations.AlterField(
            model_name="invoiceevent",
            name="action",
            field=models.CharField(choices=ACTIONS, max_length=30, verbose_name="action"),
        ),
        migrations.AddField(
            model_name="invoiceevent",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="facts of the event"),
        ),
        migrations.RunPython(to_params, to_notes),
    ]
