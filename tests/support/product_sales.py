"""Product sales test data, made through the services: a product of a unit's worker, its
compensation agreement with all four parties (or some), deliveries; and a tiny real PNG photo."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from billing.services import product_sales as services
from tests.factories import ClientOrganisationFactory, CoordinatorFactory, UnitStaffFactory
from units.models import StaffRole


def png_upload(name: str = "kuva.png", size: tuple[int, int] = (4, 3)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def unit_people(unit) -> dict:
    """Staff of `unit` in each role the agreement needs, and a coordinator."""
    job_coach = UnitStaffFactory(unit=unit, unit__role=StaffRole.JOB_COACH)
    manager = UnitStaffFactory(unit=unit, unit__role=StaffRole.UNIT_MANAGER)
    return {"job_coach": job_coach, "unit_manager": manager, "coordinator": CoordinatorFactory()}


def product_of(worker, *, by, name: str = "Patalappu", quantity_made: int = 30, photo=None, material_cost="12.40"):
    return services.product_create(
        unit_id=worker.home_unit_id,
        maker_id=worker.pk,
        name=name,
        description="Virkattu puuvillasta.",
        quantity_made=quantity_made,
        material_cost=Decimal(material_cost),
        photo=photo,
        by=by,
    )


def agreement_for(
    product,
    *,
    by,
    compensation: str = "4.50",
    valid_from: dt.date | None = None,
    buyer=None,
    people: dict | None = None,
    parties=services.Party.ALL,
):
    """An agreement of the product with the buyer (a new organisation unless given), agreed by `parties`."""
    day = valid_from or timezone.localdate() - dt.timedelta(days=90)
    agreement = services.agreement_create(
        product_id=product.pk,
        buyer_id=(buyer or ClientOrganisationFactory(name="Väylä ry, verkkokauppa")).pk,
        compensation=Decimal(compensation),
        valid_from=day,
        by=by,
    )
    people = people or unit_people(product.unit)
    for party in parties:
        if party == services.Party.BUYER:
            services.agreement_record_party(
                agreement_id=agreement.pk, party=party, agreed_on=day, representative="Heikki Aaltonen", by=by
            )
        elif party == services.Party.COORDINATOR:
            services.agreement_record_party(
                agreement_id=agreement.pk, party=party, agreed_on=day, by=people["coordinator"]
            )
        else:
            services.agreement_record_party(
                agreement_id=agreement.pk, party=party, agreed_on=day, person_id=people[party].pk, by=by
            )
    agreement.refresh_from_db()
    return agreement


def sold_product(worker, *, by, delivered: list[tuple[dt.date, int]], compensation: str = "4.50", **kwargs):
    """A product with a complete agreement and the given deliveries (date, quantity)."""
    product = product_of(worker, by=by, **kwargs)
    first = min((day for day, _n in delivered), default=timezone.localdate())
    agreement = agreement_for(product, by=by, compensation=compensation, valid_from=first - dt.timedelta(days=5))
    deliveries = [services.delivery_record(product_id=product.pk, date=day, quantity=n, by=by) for day, n in delivered]
    return product, agreement, deliveries


def staff_of(unit):
    """An instructor of `unit` (records the sales)."""
    return UnitStaffFactory(unit=unit)
