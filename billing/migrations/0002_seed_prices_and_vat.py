"""Seed the pilot price list and the VAT rates of the 2020-2022 pilot and the Finnish VAT rates, each
with its validity dates and source."""

from datetime import date
from decimal import Decimal

from django.db import migrations

PRICES = [
    # contract, client price, worker pay, side costs, service fee
    ("commission", "14.50", "10.00", "0.00", "4.50"),
    ("employment", "20.00", "10.00", "5.50", "4.50"),
]
VAT = [
    ("24.00", date(2013, 1, 1), date(2024, 8, 31)),
    ("25.50", date(2024, 9, 1), None),
]


def seed(apps, schema_editor):
    PriceList = apps.get_model("billing", "PriceList")
    VatRate = apps.get_model("billing", "VatRate")
    for contract, client, worker, side, fee in PRICES:
        PriceList.objects.get_or_create(
            contract_type=contract,
            valid_from=date(2020, 1, 1),
            defaults=dict(
                client_hourly_price=Decimal(client),
                worker_hourly_pay=Decimal(worker),
                side_costs_hourly=Decimal(side),
                service_fee_hourly=Decimal(fee),
                source="Jobcenter pilot report 2022 (pilot prices)",
            ),
        )
    for rate, valid_from, valid_to in VAT:
        VatRate.objects.get_or_create(
            valid_from=valid_from, defaults=dict(rate=Decimal(rate), valid_to=valid_to, source="vero.fi")
        )


def unseed(apps, schema_editor):
    apps.get_model("billing", "PriceList").objects.filter(valid_from=date(2020, 1, 1)).delete()
    apps.get_model("billing", "VatRate").objects.filter(valid_from__in=[v[1] for v in VAT]).delete()


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
