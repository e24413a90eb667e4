"""The PostgreSQL path: the database enforces the models' constraints itself."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from orders.models import ClientContact, ClientOrganisation, Gig, Order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def make_order() -> Order:
    client = ClientOrganisation.objects.create(name="Testi Oy", client_type="company")
    contact = ClientContact.objects.create(organisation=client, name="Tiina Testaaja", email="tiina@example.org")
    return Order.objects.create(
        client=client,
        contact=contact,
        title="Ikkunanpesu",
        description="Pestään ikkunat.",
        street_address="Testikatu 1",
        estimated_hours=Decimal("2.00"),
        contract_type="commission",
    )


def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"


def test_check_constraint_is_enforced_by_the_database():
    order = make_order()
    # bulk_create skips model validation: only the database's CHECK stops the row.
    with pytest.raises(IntegrityError, match="gig_planned_hours_positive"), transaction.atomic():
        Gig.objects.bulk_create(
            [Gig(order=order, date=date(2026, 1, 5), start_time=time(9, 0), planned_hours=Decimal("0"))]
        )
    assert not Gig.objects.exists()


def test_finnish_and_swedish_letters_round_trip():
    order = make_order()
    order.title = "Åsa Öberg: pihatyöt ÄÖÅ äöå €"
    order.save(update_fields=["title"])
    assert Order.objects.get(pk=order.pk).title == "Åsa Öberg: pihatyöt ÄÖÅ äöå €"
