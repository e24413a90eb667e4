"""The product sales pages, with the Django client: the unit records a product with its photo, the
agreement and its parties, a delivery and the review; the coordinator agrees and sees what waits.
What the pages show is read as a person reads it; every look at a worker's sales is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from billing.models import CompensationAgreement, Product, ProductDelivery, SalesReview
from billing.selectors_product_sales import LOG_PRODUCT_SALES
from billing.services.product_sales import Party
from tests.factories import ClientOrganisationFactory, CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.support.pages import visible
from tests.support.product_sales import agreement_for, png_upload, product_of, sold_product, unit_people
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Töölö")


@pytest.fixture
def maker(unit):
    return WorkerFactory(home_unit=unit, user__first_name="Helmi", user__last_name="Saarinen")


@pytest.fixture
def staff(unit):
    return UnitStaffFactory(unit=unit, first_name="Sari", last_name="Nieminen")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _date(day: dt.date) -> str:
    return day.isoformat()


def test_list__empty_state(staff_client):
    page = visible(staff_client.get(reverse("units:products")))

    assert "No products yet. Add the first product a worker has made." in page


def test_list__shows_the_units_products_and_logs_the_look(staff_client, maker, staff):
    product_of(maker, by=staff, name="Virkattu patalappu")
    product_of(WorkerFactory(), by=CoordinatorFactory(), name="Toisen yksikön tuote")

    page = visible(staff_client.get(reverse("units:products")))

    assert "Virkattu patalappu Helmi Saarinen Töölö 30 0" in page
    assert "Toisen yksikön tuote" not in page
    assert AccessLogEntry.objects.filter(worker=maker, data=LOG_PRODUCT_SALES).count() == 1


def test_create__with_a_photo(staff_client, maker, unit):
    response = staff_client.post(
        reverse("units:product-create"),
        {
            "unit": unit.pk,
            "maker": maker.pk,
            "name": "Kangaskassi",
            "description": "Ommeltu kierrätyskankaasta.",
            "quantity_made": "15",
            "material_cost": "22.50",
            "photo": png_upload(),
        },
    )

    product = Product.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("units:product", args=[product.pk])
    assert (product.name, product.maker, str(product.material_cost), product.photo_type) == (
        "Kangaskassi",
        maker,
        "22.50",
        "image/png",
    )


def test_create__a_photo_that_is_not_an_image_is_refused_with_a_message_and_nothing_saved(staff_client, maker, unit):
    response = staff_client.post(
        reverse("units:product-create"),
        {
            "unit": unit.pk,
            "maker": maker.pk,
            "name": "Kangaskassi",
            "quantity_made": "15",
            "material_cost": "0",
            "photo": SimpleUploadedFile("kuva.png", b"GIF89a not really", content_type="image/png"),
        },
    )

    assert response.status_code == 400
    assert "The photo must be a JPEG or PNG image." in visible(response)
    assert not Product.objects.exists()


def test_photo__for_the_units_staff_and_the_coordinator_only(client, staff_client, maker, staff):
    product = product_of(maker, by=staff, photo=png_upload())
    url = reverse("units:product-photo", args=[product.pk])

    response = staff_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]

    client.force_login(CoordinatorFactory())
    assert client.get(url).status_code == 200
    client.force_login(UnitStaffFactory(unit=UnitFactory()))
    assert client.get(url).status_code == 404
    client.force_login(maker.user)
    assert client.get(url).status_code == 403


def test_detail__another_units_product_is_a_404(client, maker, staff):
    product = product_of(maker, by=staff)
    client.force_login(UnitStaffFactory(unit=UnitFactory()))

    assert client.get(reverse("units:product", args=[product.pk])).status_code == 404


def test_journey__agreement_parties_coordinator_delivery_and_review(staff_client, maker, staff, unit):
    today = timezone.localdate()
    product = product_of(maker, by=staff, name="Virkattu patalappu")
    buyer = ClientOrganisationFactory(name="Väylä ry")
    people = unit_people(unit)

    response = staff_client.post(
        reverse("units:product-agreement-create", args=[product.pk]),
        {"buyer": buyer.pk, "compensation": "4.50", "valid_from": _date(today - dt.timedelta(days=3))},
    )
    assert response.status_code == 302
    agreement = CompensationAgreement.objects.get()

    # No delivery before all four have agreed: the page says who is missing.
    response = staff_client.post(
        reverse("units:product-delivery-create", args=[product.pk]),
        {"delivery-date": _date(today), "delivery-quantity": "5"},
    )
    assert response.status_code == 400
    assert "job coach, coordinator, unit manager, buyer's representative must still agree" in visible(response)

    def party(name, **data):
        prefix = f"a{agreement.pk}-{name}"
        return staff_client.post(
            reverse("units:product-agreement-party", args=[product.pk, agreement.pk, name]),
            {f"{prefix}-{key}": value for key, value in {"agreed_on": _date(today), **data}.items()},
        )

    assert party(Party.JOB_COACH, person=people["job_coach"].pk).status_code == 302
    assert party(Party.UNIT_MANAGER, person=people["unit_manager"].pk).status_code == 302
    assert party(Party.BUYER, representative="Heikki Aaltonen").status_code == 302
    wrong = party(Party.COORDINATOR)
    assert wrong.status_code == 404  # the coordinator agrees on their own page

    coordinator = CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")
    client = Client()
    client.force_login(coordinator)
    page = visible(client.get(reverse("coordinator:product-sales")))
    assert (
        "Agreements waiting for your agreement" in page and "Virkattu patalappu Töölö Helmi Saarinen Väylä ry" in page
    )
    response = client.post(reverse("coordinator:product-agreement-agree", args=[agreement.pk]))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.is_complete and agreement.coordinator == coordinator

    response = staff_client.post(
        reverse("units:product-delivery-create", args=[product.pk]),
        {"delivery-date": _date(today), "delivery-quantity": "12"},
    )
    assert response.status_code == 302
    page = visible(staff_client.get(reverse("units:product", args=[product.pk])))
    assert "All four have agreed" in page
    assert "Väylä ry 12 4.50 € 54.00 € Waiting for the next payment run" in page

    page = visible(client.get(reverse("coordinator:product-sales")))
    assert "No agreement is waiting for you." in page
    assert "Virkattu patalappu Helmi Saarinen Väylä ry 12 54.00 € Waiting for the next payment run" in page

    review_url = reverse("units:product-review", args=[product.pk, agreement.pk])
    response = staff_client.get(review_url)
    assert response.status_code == 200 and f'value="{_date(today)}"' in response.content.decode()
    response = staff_client.post(
        review_url, {"reviewed_on": _date(today), "sold": "11", "reorder": "yes", "reorder_quantity": "", "notes": ""}
    )
    assert response.status_code == 400 and "Give how many products the buyer reorders." in visible(response)
    response = staff_client.post(
        review_url, {"reviewed_on": _date(today), "sold": "11", "reorder": "yes", "reorder_quantity": "30"}
    )
    assert response.status_code == 302
    assert SalesReview.objects.get().reorder_quantity == 30
    assert "The buyer reorders 30 products." in visible(staff_client.get(reverse("units:product", args=[product.pk])))
    assert AccessLogEntry.objects.filter(worker=maker, data=LOG_PRODUCT_SALES, action="change").count() >= 5


def test_coordinator__reviews_due(client, maker, staff, settings):
    settings.JOBCENTER_PRODUCT_TRIAL_MONTHS = 2
    first = timezone.localdate() - dt.timedelta(days=70)
    sold_product(maker, by=staff, name="Kangaskassi", delivered=[(first, 3)])
    client.force_login(CoordinatorFactory())

    page = visible(client.get(reverse("coordinator:product-sales")))

    assert "Sales reviews due" in page and "overdue Kangaskassi Töölö" in page


def test_delivery__bad_input_is_a_message_not_a_500(staff_client, maker, staff):
    product = product_of(maker, by=staff)
    agreement_for(product, by=staff)

    response = staff_client.post(
        reverse("units:product-delivery-create", args=[product.pk]),
        {"delivery-date": "eilen", "delivery-quantity": "-2"},
    )

    assert response.status_code == 400
    assert not ProductDelivery.objects.exists()
