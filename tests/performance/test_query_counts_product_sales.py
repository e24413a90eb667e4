"""The product sales pages do not grow with the data: the unit's product list, a product's page
(its agreements and deliveries with their payment state) and the coordinator's page (all products,
agreements waiting, deliveries not paid, reviews due)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.services.product_sales import Party
from tests.factories import UnitFactory, UnitStaffFactory, WorkerFactory
from tests.support.product_sales import agreement_for, product_of, sold_product
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Töölö")


@pytest.fixture
def staff(unit):
    return UnitStaffFactory(unit=unit)


def _sales(unit, staff, n: int) -> None:
    """n makers of the unit, each with a product sold twice and a product waiting for its agreement."""
    start = timezone.localdate() - dt.timedelta(days=70)
    for _i in range(n):
        worker = WorkerFactory(home_unit=unit)
        sold_product(worker, by=staff, delivered=[(start, 3), (start + dt.timedelta(days=5), 2)])
        agreement_for(product_of(worker, by=staff, name="Kassi"), by=staff, parties=(Party.BUYER,))


def test_unit_product_list__is_constant(client, unit, staff, django_assert_max_num_queries):
    _sales(unit, staff, 1)
    client.force_login(staff)
    assert_constant(
        client,
        reverse("units:products"),
        lambda: _sales(unit, staff, 4),
        ceiling=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_product_page__is_constant(client, unit, staff, django_assert_max_num_queries):
    worker = WorkerFactory(home_unit=unit)
    product, _agreement, _ = sold_product(
        worker, by=staff, delivered=[(timezone.localdate() - dt.timedelta(days=9), 1)]
    )
    client.force_login(staff)

    def grow():
        from billing.services import product_sales as services

        services.product_made_more(product_id=product.pk, quantity=20, by=staff)
        for _i in range(5):
            services.delivery_record(product_id=product.pk, date=timezone.localdate(), quantity=2, by=staff)
        agreement_for(product, by=staff, valid_from=timezone.localdate() - dt.timedelta(days=1), parties=())

    assert_constant(
        client,
        reverse("units:product", args=[product.pk]),
        grow,
        ceiling=22,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_coordinator_product_sales__is_constant(coordinator_client, unit, staff, django_assert_max_num_queries):
    _sales(unit, staff, 1)
    assert_constant(
        coordinator_client,
        reverse("coordinator:product-sales"),
        lambda: (_sales(unit, staff, 3), _sales(UnitFactory(), UnitStaffFactory(), 0)),
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
