"""Product sales in the demo: the pilot's Töölö handicrafts, bought by Väylä ry for its online shop.

Through the billing services only, at the moments the steps happened:

- Helmi (Töölö) has crocheted potholders and sewn fabric bags in the unit; her instructor records
  both products, with a photo of the potholders; the material came from the unit's budget;
- the compensation per product is agreed by the four parties: Töölö's job coach and unit manager,
  the coordinator, and Väylä's representative Heikki Aaltonen;
- the first delivery, about two months ago, goes into the first payment run (the work up to six
  weeks ago; see demo.creation.payments) and is paid with it;
- at the end of the two-month trial the potholders' sales are reviewed: they sold well, and Väylä
  reorders 20. The instructor records the 20 made, and their delivery waits for this month's run
  (the draft made this morning pays it). The bags' review is still due, on the coordinator's page.

Each step is skipped when its result is there already, so a second run adds nothing. This step runs
before the payment runs are made (demo.creation.billing), so the runs find the deliveries.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from PIL import Image, ImageDraw

from billing.models import CompensationAgreement, Product, SalesReview
from billing.services import product_sales as services
from billing.services.product_sales import Party
from demo.creation.context import DemoContext
from orders.models import ClientOrganisation
from units.models import StaffRole

MAKER = "helmi"
UNIT = "toolo"
BUYER_BUSINESS_ID = "0737546-2"  # Väylä ry (demo.creation.clients)
BUYER_REPRESENTATIVE = "Heikki Aaltonen"
# (name, description, made at first, material cost €, compensation €/product, first delivery)
POTHOLDER = (
    "Virkattu patalappu",
    "Paksusta puuvillalangasta virkattu patalappu, 20 × 20 cm, ripustuslenkki.",
    24,
    "31.20",
    "4.50",
    20,
)
BAG = ("Kangaskassi", "Kierrätyskankaasta ommeltu kauppakassi, vuorattu, pitkät kantokahvat.", 10, "26.80", "9.00", 8)
PRODUCTS_DAY, AGREEMENT_DAY, PARTIES_DAY, COORDINATOR_DAY = -75, -72, -71, -70
FIRST_DELIVERY_DAY = -64  # two months before the review, which then falls a few days before today
REORDER = 20
SOLD_IN_TRIAL = 19


def seed_product_sales(ctx: DemoContext) -> None:
    buyer = ClientOrganisation.objects.filter(business_id=BUYER_BUSINESS_ID, match_candidate__isnull=True).first()
    if buyer is None:
        raise CommandError("Internal error: the demo's buyer Väylä ry is missing.")
    instructor = ctx.staff[(UNIT, StaffRole.INSTRUCTOR)]
    potholders = _product(ctx, POTHOLDER, instructor, photo=True)
    bags = _product(ctx, BAG, instructor, photo=False)
    for product, spec in ((potholders, POTHOLDER), (bags, BAG)):
        agreement = _agreement(ctx, product, buyer, Decimal(spec[4]), instructor)
        if not product.deliveries.exists():
            with ctx.frozen(ctx.at(FIRST_DELIVERY_DAY, 13, 0)):
                services.delivery_record(
                    product_id=product.pk, date=ctx.date(FIRST_DELIVERY_DAY), quantity=spec[5], by=instructor
                )
            ctx.created += 1
        if product == potholders:
            _review_and_reorder(ctx, product, agreement, instructor)


def _photo() -> SimpleUploadedFile:
    """A small drawn picture of a striped potholder (the demo has no real photos)."""
    image = Image.new("RGB", (240, 240), (245, 238, 225))
    draw = ImageDraw.Draw(image)
    for i, colour in enumerate([(196, 64, 52), (240, 190, 60), (60, 120, 170)] * 3):
        draw.rectangle((30, 30 + i * 20, 210, 48 + i * 20), fill=colour)
    draw.ellipse((105, 4, 135, 34), outline=(120, 80, 50), width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile("patalappu.jpg", buffer.getvalue(), content_type="image/jpeg")


def _product(ctx: DemoContext, spec, instructor, *, photo: bool) -> Product:
    name, description, made, material_cost, _compensation, _first = spec
    maker = ctx.workers[MAKER]
    product = Product.objects.filter(maker=maker, name=name).first()
    if product is not None:
        return product
    with ctx.frozen(ctx.at(PRODUCTS_DAY, 11, 0)):
        product = services.product_create(
            unit_id=ctx.units[UNIT].pk,
            maker_id=maker.pk,
            name=name,
            description=description,
            quantity_made=made,
            material_cost=Decimal(material_cost),
            photo=_photo() if photo else None,
            by=instructor,
        )
    ctx.created += 1
    return product


def _agreement(ctx: DemoContext, product: Product, buyer, compensation: Decimal, instructor) -> CompensationAgreement:
    agreement = CompensationAgreement.objects.filter(product=product, buyer=buyer).first()
    if agreement is not None and agreement.is_complete:
        return agreement
    if agreement is None:
        with ctx.frozen(ctx.at(AGREEMENT_DAY, 10, 0)):
            agreement = services.agreement_create(
                product_id=product.pk,
                buyer_id=buyer.pk,
                compensation=compensation,
                valid_from=ctx.date(AGREEMENT_DAY),
                by=instructor,
            )
        ctx.created += 1
    with ctx.frozen(ctx.at(PARTIES_DAY, 14, 0)):
        day = ctx.date(PARTIES_DAY)
        if agreement.job_coach_id is None:
            coach = ctx.staff[(UNIT, StaffRole.JOB_COACH)]
            services.agreement_record_party(
                agreement_id=agreement.pk, party=Party.JOB_COACH, agreed_on=day, person_id=coach.pk, by=instructor
            )
        if agreement.unit_manager_id is None:
            manager = ctx.staff[(UNIT, StaffRole.UNIT_MANAGER)]
            services.agreement_record_party(
                agreement_id=agreement.pk, party=Party.UNIT_MANAGER, agreed_on=day, person_id=manager.pk, by=instructor
            )
        if agreement.buyer_agreed_on is None:
            services.agreement_record_party(
                agreement_id=agreement.pk,
                party=Party.BUYER,
                agreed_on=day,
                representative=BUYER_REPRESENTATIVE,
                by=instructor,
            )
    with ctx.frozen(ctx.at(COORDINATOR_DAY, 9, 0)):
        agreement = services.agreement_record_party(
            agreement_id=agreement.pk, party=Party.COORDINATOR, agreed_on=ctx.date(COORDINATOR_DAY), by=ctx.coordinator
        )
    ctx.created += 1
    return agreement


def _review_and_reorder(ctx: DemoContext, product: Product, agreement: CompensationAgreement, instructor) -> None:
    """At the end of the trial: the review and Väylä's reorder; the reorder is made and delivered
    the next day, before this month's payment run is made."""
    if SalesReview.objects.filter(agreement=agreement).exists():
        return
    agreement.refresh_from_db()
    review_day = ctx.day_of(agreement.trial_ends_on)
    if review_day > -2:
        raise CommandError("Internal error: the demo's trial period ends too late for this month's payment run.")
    with ctx.frozen(ctx.at(review_day, 10, 0)):
        services.review_record(
            agreement_id=agreement.pk,
            reviewed_on=ctx.date(review_day),
            sold=SOLD_IN_TRIAL,
            reorder=True,
            reorder_quantity=REORDER,
            notes="Patalaput myivät hyvin verkkokaupassa; Väylä tilaa lisää samoina väreinä.",
            by=instructor,
        )
    # The unit had four left over; the reorder needs sixteen more.
    with ctx.frozen(ctx.at(review_day, 15, 0)):
        services.product_made_more(product_id=product.pk, quantity=16, material_cost=Decimal("20.80"), by=instructor)
    with ctx.frozen(ctx.at(review_day + 1, 13, 0)):
        services.delivery_record(product_id=product.pk, date=ctx.date(review_day + 1), quantity=REORDER, by=instructor)
    ctx.created += 1
