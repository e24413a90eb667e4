"""Builders shared by the unit staff pages' tests (tests/units/test_unit_*.py): an order announced to
units, a coming gig, a worker of a unit (whose support needs are a sentinel a page must never show),
and the propose form's data."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from orders.models import OrderUnitNotice
from tests.factories import GigFactory, OrderFactory, WorkerFactory
from units.models import SupportMode

SENTINEL = "SENTINEL-support-needs-7f3a"


def informed_order(*units, **kwargs):
    order = OrderFactory(staffing=True, **kwargs)
    for unit in units:
        OrderUnitNotice.objects.create(order=order, unit=unit)
    return order


def coming_gig(order, **kwargs):
    kwargs.setdefault("date", timezone.localdate() + dt.timedelta(days=7))
    return GigFactory(order=order, **kwargs)


def worker_in(unit, first_name="Aino", last_name="Laine", **kwargs):
    return WorkerFactory(
        home_unit=unit,
        user__first_name=first_name,
        user__last_name=last_name,
        support_needs=SENTINEL,
        **kwargs,
    )


def propose_url(order, gig):
    return reverse("units:propose", args=[order.pk, gig.pk])


def worker_data(worker, *, support=SupportMode.STAFF_ALONG, person=None, skills=True, note="Haluaa kokeilla."):
    prefix = f"w{worker.pk}"
    # `-details`: the support fields were on the page (loaded when the worker was ticked).
    data = {f"{prefix}-selected": "on", f"{prefix}-details": "1", f"{prefix}-support": support}
    data[f"{prefix}-interest_note"] = note
    if person is not None:
        data[f"{prefix}-support_person"] = str(person.pk)
    if skills:
        data[f"{prefix}-skills_checked"] = "on"
    return data


def text(response) -> str:
    return response.content.decode()
