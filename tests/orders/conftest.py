"""Fixtures of the order services' tests (test_services*.py). None is autouse, so the other modules
of this directory keep the language and the data they set up themselves."""

import pytest
from django.utils import translation

from orders.models import OrderStatus, OrderUnitNotice
from tests.factories import CoordinatorFactory, GigFactory, UnitFactory
from tests.factories.states import order_in


@pytest.fixture
def messages_in_english():
    """Service messages are asserted in English, the source language (the UI shows them in Finnish)."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def informed_gig(coordinator):
    """A gig of an order in staffing that the worker's unit has been told about."""
    unit = UnitFactory()
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=2)
    OrderUnitNotice.objects.create(order=gig.order, unit=unit, informed_by=coordinator)
    return gig
