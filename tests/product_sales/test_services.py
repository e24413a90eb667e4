"""Product sales services: what each records, and the guards that refuse (nothing half-saved)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from billing.models import CompensationAgreement, Product, ProductDelivery, SalesReview
from billing.services import product_sales as services
from billing.services.product_sales import Party, add_months
from jobcenter.errors import ActionNotPermitted, DomainError
from tests.factories import ClientOrganisationFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.support.product_sales import agreement_for, png_upload, product_of, sold_product, unit_people

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def unit():
    return UnitFactory(name="Töölö")


@pytest.fixture
def worker(unit):
    return WorkerFactory(home_unit=unit)


@pytest.fixture
def staff(unit):
    return UnitStaffFactory(unit=unit)


# --- Products -------------------------------------------------------------------------------------
def test_product_create__records_the_product_its_maker_and_the_photo(worker, staff):
    product = product_of(worker, by=staff, photo=png_upload())

    product.refresh_from_db()
    assert (product.name, product.maker, product.unit, product.quantity_made) == (
        "Patalappu",
        worker,
        worker.home_unit,
        30,
    )
    assert product.material_cost == Decimal("12.40")
    assert product.photo_type == "image/png"
    assert product.photo.name.startswith(f"private/products/{worker.home_unit_id}/")
    assert "kuva" not in product.photo.name  # the original name never reaches the storage


def test_product_create__a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(worker, staff):
    fake = SimpleUploadedFile("kuva.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", content_type="image/png")

    with pytest.raises(DomainError, match="could not be read"):
        product_of(worker, by=staff, photo=fake)

    assert not Product.objects.exists()


def test_product_create__a_pdf_is_refused_as_a_photo(worker, staff):
    pdf = SimpleUploadedFile("kuva.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")

    with pytest.raises(DomainError, match="JPEG or PNG"):
        product_of(worker, by=staff, photo=pdf)


def test_product_create__a_photo_over_the_size_limit_is_refused(worker, staff, settings):
    settings.JOBCENTER_UPLOAD_MAX_BYTES = 50

    with pytest.raises(DomainError, match="too large"):
        product_of(worker, by=staff, photo=png_upload(size=(40, 40)))


def test_product_create__staff_of_another_unit_may_not_record_it(worker):
    other = UnitStaffFactory(unit=UnitFactory())

    with pytest.raises(ActionNotPermitted):
        product_of(worker, by=other)


def test_product_create__the_maker_must_be_a_worker_of_the_unit(staff):
    outsider = WorkerFactory()  # another unit

    with pytest.raises(DomainError, match="worker of the unit"):
        services.product_create(
            unit_id=staff.unit_memberships.get().unit_id, maker_id=outsider.pk, name="Kassi", quantity_made=3, by=staff
        )


@pytest.mark.parametrize("quantity", [0, -1])
def test_product_create__the_quantity_made_must_be_positive(worker, staff, quantity):
    with pytest.raises(DomainError, match="at least one"):
        product_of(worker, by=staff, quantity_made=quantity)


# --- Agreements -----------------------------------------------------------------------------------
def test_agreement__is_complete_only_when_all_four_have_agreed(worker, staff):
    product = product_of(worker, by=staff)
    people = unit_people(worker.home_unit)
    agreement = agreement_for(
        product, by=staff, people=people, parties=(Party.JOB_COACH, Party.UNIT_MANAGER, Party.BUYER)
    )

    assert not agreement.is_complete
    assert agreement.missing_parties == ["coordinator"]
    assert not CompensationAgreement.objects.complete().exists()

    services.agreement_record_party(
        agreement_id=agreement.pk, party=Party.COORDINATOR, agreed_on=TODAY(), by=people["coordinator"]
    )
    agreement.refresh_from_db()
    assert agreement.is_complete
    assert (agreement.job_coach, agreement.unit_manager, agreement.coordinator) == (
        people["job_coach"],
        people["unit_manager"],
        people["coordinator"],
    )
    assert agreement.buyer_representative == "Heikki Aaltonen"


def test_agreement__unit_staff_cannot_record_the_coordinators_agreement(worker, staff):
    agreement = agreement_for(product_of(worker, by=staff), by=staff, parties=())

    with pytest.raises(ActionNotPermitted):
        services.agreement_record_party(agreement_id=agreement.pk, party=Party.COORDINATOR, agreed_on=TODAY(), by=staff)


def test_agreement__the_job_coach_must_be_the_units_job_coach(worker, staff):
    agreement = agreement_for(product_of(worker, by=staff), by=staff, parties=())

    with pytest.raises(DomainError, match="job coach in the unit"):
        services.agreement_record_party(
            agreement_id=agreement.pk, party=Party.JOB_COACH, agreed_on=TODAY(), person_id=staff.pk, by=staff
        )


def test_agreement__a_party_is_recorded_once(worker, staff):
    agreement = agreement_for(product_of(worker, by=staff), by=staff)

    with pytest.raises(DomainError, match="already recorded"):
        services.agreement_record_party(
            agreement_id=agreement.pk, party=Party.BUYER, agreed_on=TODAY(), representative="Joku Muu", by=staff
        )
    agreement.refresh_from_db()
    assert agreement.buyer_representative == "Heikki Aaltonen"


def test_agreement__the_date_of_agreeing_cannot_be_in_the_future(worker, staff):
    agreement = agreement_for(product_of(worker, by=staff), by=staff, parties=())

    with pytest.raises(DomainError, match="future"):
        services.agreement_record_party(
            agreement_id=agreement.pk,
            party=Party.BUYER,
            agreed_on=TODAY() + dt.timedelta(1),
            representative="X",
            by=staff,
        )


@pytest.mark.parametrize("amount", ["0", "-1.00"])
def test_agreement__the_compensation_must_be_positive(worker, staff, amount):
    product = product_of(worker, by=staff)

    with pytest.raises(DomainError):
        services.agreement_create(
            product_id=product.pk,
            buyer_id=ClientOrganisationFactory().pk,
            compensation=Decimal(amount),
            valid_from=TODAY(),
            by=staff,
        )
    assert not CompensationAgreement.objects.exists()


def test_agreement__a_person_without_a_date_is_refused_by_the_database(worker, staff):
    agreement = agreement_for(product_of(worker, by=staff), by=staff, parties=())

    with pytest.raises(IntegrityError), transaction.atomic():
        CompensationAgreement.objects.filter(pk=agreement.pk).update(job_coach=staff)


# --- Deliveries -----------------------------------------------------------------------------------
def test_delivery__freezes_quantity_times_the_agreed_compensation_and_starts_the_trial(worker, staff, settings):
    settings.JOBCENTER_PRODUCT_TRIAL_MONTHS = 2
    product = product_of(worker, by=staff)
    agreement = agreement_for(product, by=staff, compensation="4.50", valid_from=dt.date(2026, 9, 1))

    delivery = services.delivery_record(product_id=product.pk, date=dt.date(2026, 9, 30), quantity=12, by=staff)

    assert (delivery.quantity, delivery.compensation, delivery.amount) == (12, Decimal("4.50"), Decimal("54.00"))
    agreement.refresh_from_db()
    assert agreement.trial_ends_on == dt.date(2026, 11, 30)


def test_delivery__the_trial_period_is_a_setting(worker, staff, settings):
    settings.JOBCENTER_PRODUCT_TRIAL_MONTHS = 3
    _product, agreement, _ = sold_product(worker, by=staff, delivered=[(dt.date(2026, 8, 31), 2)])

    agreement.refresh_from_db()
    assert agreement.trial_ends_on == dt.date(2026, 11, 30)


def test_add_months__clamps_to_the_end_of_a_shorter_month():
    assert add_months(dt.date(2026, 12, 31), 2) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 1, 15), 2) == dt.date(2026, 3, 15)


def test_delivery__refused_without_an_agreement(worker, staff):
    product = product_of(worker, by=staff)

    with pytest.raises(DomainError, match="no compensation agreement"):
        services.delivery_record(product_id=product.pk, date=TODAY(), quantity=1, by=staff)
    assert not ProductDelivery.objects.exists()


def test_delivery__refused_while_the_agreement_is_not_complete_and_names_who_is_missing(worker, staff):
    product = product_of(worker, by=staff)
    agreement_for(product, by=staff, parties=(Party.JOB_COACH, Party.BUYER))

    with pytest.raises(DomainError, match="coordinator, unit manager must still agree"):
        services.delivery_record(product_id=product.pk, date=TODAY(), quantity=1, by=staff)
    assert not ProductDelivery.objects.exists()


def test_delivery__refused_before_the_agreement_is_valid(worker, staff):
    product = product_of(worker, by=staff)
    agreement_for(product, by=staff, valid_from=TODAY() - dt.timedelta(days=2))

    with pytest.raises(DomainError, match="no compensation agreement valid"):
        services.delivery_record(product_id=product.pk, date=TODAY() - dt.timedelta(days=3), quantity=1, by=staff)


@pytest.mark.parametrize("quantity", [0, -5])
def test_delivery__the_quantity_must_be_positive(worker, staff, quantity):
    product = product_of(worker, by=staff)
    agreement_for(product, by=staff)

    with pytest.raises(DomainError, match="at least one"):
        services.delivery_record(product_id=product.pk, date=TODAY(), quantity=quantity, by=staff)


def test_delivery__not_more_than_was_made_until_more_are_made(worker, staff):
    product = product_of(worker, by=staff, quantity_made=10)
    agreement_for(product, by=staff)
    services.delivery_record(product_id=product.pk, date=TODAY(), quantity=8, by=staff)

    with pytest.raises(DomainError, match="Only 2 of 10"):
        services.delivery_record(product_id=product.pk, date=TODAY(), quantity=3, by=staff)

    services.product_made_more(product_id=product.pk, quantity=5, material_cost="3.10", by=staff)
    services.delivery_record(product_id=product.pk, date=TODAY(), quantity=3, by=staff)
    product.refresh_from_db()
    assert product.quantity_made == 15 and product.material_cost == Decimal("15.50")


def test_delivery__cannot_be_in_the_future(worker, staff):
    product = product_of(worker, by=staff)
    agreement_for(product, by=staff)

    with pytest.raises(DomainError, match="future"):
        services.delivery_record(product_id=product.pk, date=TODAY() + dt.timedelta(1), quantity=1, by=staff)


def test_delivery__uses_the_newest_complete_agreement_in_force(worker, staff):
    product = product_of(worker, by=staff)
    agreement_for(product, by=staff, compensation="4.00", valid_from=TODAY() - dt.timedelta(days=60))
    agreement_for(product, by=staff, compensation="5.00", valid_from=TODAY() - dt.timedelta(days=10))

    old = services.delivery_record(product_id=product.pk, date=TODAY() - dt.timedelta(days=20), quantity=2, by=staff)
    new = services.delivery_record(product_id=product.pk, date=TODAY(), quantity=2, by=staff)

    assert (old.amount, new.amount) == (Decimal("8.00"), Decimal("10.00"))


# --- The sales review -----------------------------------------------------------------------------
def test_review__refused_before_any_delivery(worker, staff):
    agreement = agreement_for(product_of(worker, by=staff), by=staff)

    with pytest.raises(DomainError, match="Nothing has been delivered"):
        services.review_record(agreement_id=agreement.pk, reviewed_on=TODAY(), sold=0, reorder=False, by=staff)
    assert not SalesReview.objects.exists()


def test_review__records_the_sales_and_the_reorder(worker, staff):
    first = TODAY() - dt.timedelta(days=62)
    _product, agreement, _ = sold_product(worker, by=staff, delivered=[(first, 20)])

    review = services.review_record(
        agreement_id=agreement.pk,
        reviewed_on=TODAY(),
        sold=18,
        reorder=True,
        reorder_quantity=30,
        notes="Menekki hyvä.",
        by=staff,
    )

    assert (review.sold, review.reorder, review.reorder_quantity, review.notes) == (18, True, 30, "Menekki hyvä.")
    with pytest.raises(DomainError, match="already reviewed"):
        services.review_record(agreement_id=agreement.pk, reviewed_on=TODAY(), sold=1, reorder=False, by=staff)


def test_review__guards(worker, staff):
    first = TODAY() - dt.timedelta(days=10)
    _product, agreement, _ = sold_product(worker, by=staff, delivered=[(first, 5)])

    with pytest.raises(DomainError, match="before the first delivery"):
        services.review_record(
            agreement_id=agreement.pk, reviewed_on=first - dt.timedelta(1), sold=1, reorder=False, by=staff
        )
    with pytest.raises(DomainError, match="More were sold than delivered"):
        services.review_record(agreement_id=agreement.pk, reviewed_on=TODAY(), sold=6, reorder=False, by=staff)
    with pytest.raises(DomainError, match="how many products the buyer reorders"):
        services.review_record(agreement_id=agreement.pk, reviewed_on=TODAY(), sold=5, reorder=True, by=staff)
    assert not SalesReview.objects.exists()
