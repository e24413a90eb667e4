"""Product sales: record a product, its compensation agreement and the four parties' agreement, the
deliveries to the buyer, and the review of the trial sales period.

Who may act: the staff of the product's unit and the coordinator. The coordinator's own agreement
is recorded only by a coordinator (the coordinator page lists the agreements waiting for it); the
job coach and the unit manager are chosen from the unit's staff with that role, and the buyer's
representative is a name. Each change locks the row two people could change at once (the product
for deliveries, the agreement for its parties and its review).

A delivery needs a complete agreement (all four parties) valid on its date; its compensation is
frozen on it and the payment runs pay it once (`billing.services.payment_run_products`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.models import CompensationAgreement, Product, ProductDelivery, SalesReview
from billing.pricing import ZERO, round_cents
from billing.product_photos import check_photo
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import is_coordinator, is_unit_staff
from orders.models import ClientOrganisation
from units.models import StaffRole, UnitMembership
from workers.models import Worker


class Party:
    """The four parties of a compensation agreement."""

    JOB_COACH = "job_coach"
    COORDINATOR = "coordinator"
    UNIT_MANAGER = "unit_manager"
    BUYER = "buyer"
    ALL = (JOB_COACH, COORDINATOR, UNIT_MANAGER, BUYER)


# The staff parties and the unit role each must have.
STAFF_PARTY_ROLES = {Party.JOB_COACH: StaffRole.JOB_COACH, Party.UNIT_MANAGER: StaffRole.UNIT_MANAGER}
NAME_MAX = 200


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31.1. + 1 → 28.2.)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def trial_end_for(first_delivery: dt.date) -> dt.date:
    return add_months(first_delivery, int(settings.JOBCENTER_PRODUCT_TRIAL_MONTHS))


def _require_staff_of(by, unit_id: int) -> None:
    if not (is_coordinator(by) or is_unit_staff(by, unit_id)):
        raise ActionNotPermitted(_("Only the staff of the unit or the coordinator may record its product sales."))


def _not_in_future(day: dt.date, what: str) -> None:
    if day > timezone.localdate():
        raise DomainError(_("%(what)s cannot be in the future.") % {"what": what})


def _euros(value, *, allow_zero: bool) -> Decimal:
    try:
        amount = round_cents(Decimal(value))
    except (TypeError, ValueError, ArithmeticError, InvalidOperation):
        raise DomainError(_("Give the amount in euros, for example 4,50.")) from None
    if amount < ZERO:
        raise DomainError(_("The amount cannot be negative."))
    if amount == ZERO and not allow_zero:
        raise DomainError(_("The amount must be more than zero."))
    return amount


def _lock_product(product_id: int) -> Product:
    product = Product.objects.select_for_update().filter(pk=product_id).first()
    if product is None:
        raise DomainError(_("The product does not exist."))
    return product


def _lock_agreement(agreement_id: int) -> CompensationAgreement:
    agreement = CompensationAgreement.objects.select_for_update().filter(pk=agreement_id).first()
    if agreement is None:
        raise DomainError(_("The agreement does not exist."))
    return agreement


def _attach_photo(product: Product, upload) -> None:
    content_type, suffix = check_photo(upload)
    upload.name = f"photo.{suffix}"
    product.photo.save(upload.name, upload, save=False)
    product.photo_type = content_type


# --- Products -------------------------------------------------------------------------------------
@transaction.atomic
def product_create(
    *,
    unit_id: int,
    maker_id: int,
    name: str,
    quantity_made: int,
    by,
    description: str = "",
    material_cost=ZERO,
    photo=None,
) -> Product:
    """A product a worker of the unit made there; the material cost comes from the unit's budget."""
    _require_staff_of(by, unit_id)
    maker = Worker.objects.filter(pk=maker_id, is_active=True).first()
    if maker is None or maker.home_unit_id != unit_id:
        raise DomainError(_("The maker must be an active worker of the unit."))
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the product a name."))
    if quantity_made is None or quantity_made <= 0:
        raise DomainError(_("The quantity made must be at least one."))
    product = Product(
        unit_id=unit_id,
        maker=maker,
        name=name[:NAME_MAX],
        description=(description or "").strip(),
        quantity_made=quantity_made,
        material_cost=_euros(material_cost, allow_zero=True),
        created_by=by,
    )
    if photo is not None:
        # Checked before anything is saved: a refused photo leaves no product behind.
        _attach_photo(product, photo)
    product.save()
    return product


@transaction.atomic
def product_made_more(*, product_id: int, quantity: int, material_cost=ZERO, by) -> Product:
    """More of the product were made (after a reorder): the quantity and the material cost grow."""
    product = _lock_product(product_id)
    _require_staff_of(by, product.unit_id)
    if quantity is None or quantity <= 0:
        raise DomainError(_("The quantity made must be at least one."))
    product.quantity_made += quantity
    product.material_cost += _euros(material_cost, allow_zero=True)
    product.save(update_fields=["quantity_made", "material_cost"])
    return product


# --- Agreements -----------------------------------------------------------------------------------
@transaction.atomic
def agreement_create(*, product_id: int, buyer_id: int, compensation, valid_from: dt.date, by) -> CompensationAgreement:
    """A compensation per product agreed with a buyer; no party has agreed yet."""
    product = _lock_product(product_id)
    _require_staff_of(by, product.unit_id)
    if not ClientOrganisation.objects.filter(pk=buyer_id).exists():
        raise DomainError(_("The buyer does not exist."))
    agreement = CompensationAgreement(
        product=product,
        buyer_id=buyer_id,
        compensation=_euros(compensation, allow_zero=False),
        valid_from=valid_from,
        created_by=by,
    )
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError:
        raise DomainError(_("An agreement with this buyer from this date already exists.")) from None
    return agreement


def _staff_party(agreement: CompensationAgreement, party: str, person_id: int | None):
    role = STAFF_PARTY_ROLES[party]
    membership = (
        UnitMembership.objects.active()
        .filter(unit_id=agreement.product.unit_id, user_id=person_id, role=role)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise DomainError(_("Choose a person who is %(role)s in the unit.") % {"role": StaffRole(role).label.lower()})
    return membership.user


@transaction.atomic
def agreement_record_party(
    *,
    agreement_id: int,
    party: str,
    agreed_on: dt.date,
    by,
    person_id: int | None = None,
    representative: str = "",
) -> CompensationAgreement:
    """Record that one party agreed, and on which day. A party recorded once stays as recorded."""
    if party not in Party.ALL:
        raise DomainError(_("Choose who agreed."))
    agreement = _lock_agreement(agreement_id)
    agreement.product = Product.objects.get(pk=agreement.product_id)
    _require_staff_of(by, agreement.product.unit_id)
    _not_in_future(agreed_on, _("The date of agreeing"))
    if party == Party.BUYER:
        if agreement.buyer_agreed_on is not None:
            raise DomainError(_("The buyer's representative's agreement is already recorded."))
        name = (representative or "").strip()
        if not name:
            raise DomainError(_("Give the name of the buyer's representative."))
        agreement.buyer_representative = name[:NAME_MAX]
        agreement.buyer_agreed_on = agreed_on
    elif party == Party.COORDINATOR:
        if not is_coordinator(by):
            raise ActionNotPermitted(_("Only the coordinator records the coordinator's agreement."))
        if agreement.coordinator_id is not None:
            raise DomainError(_("The coordinator's agreement is already recorded."))
        agreement.coordinator = by
        agreement.coordinator_agreed_on = agreed_on
    else:
        if getattr(agreement, f"{party}_id") is not None:
            raise DomainError(_("This person's agreement is already recorded."))
        setattr(agreement, party, _staff_party(agreement, party, person_id))
        setattr(agreement, f"{party}_agreed_on", agreed_on)
    agreement.save()
    return agreement


# --- Deliveries -----------------------------------------------------------------------------------
def _agreement_for_delivery(product: Product, day: dt.date) -> CompensationAgreement:
    """The newest complete agreement in force on `day`; refuses with what is missing otherwise."""
    in_force = CompensationAgreement.objects.filter(product=product, valid_from__lte=day).order_by("-valid_from", "-pk")
    agreement = in_force.complete().first()
    if agreement is not None:
        return agreement
    waiting = in_force.first()
    if waiting is None:
        raise DomainError(_("The product has no compensation agreement valid on that day. Record the agreement first."))
    raise DomainError(
        _("The agreement is not complete: %(parties)s must still agree before products can be delivered.")
        % {"parties": ", ".join(waiting.missing_parties)}
    )


@transaction.atomic
def delivery_record(*, product_id: int, date: dt.date, quantity: int, by) -> ProductDelivery:
    """Products handed to the buyer; the compensation due is the quantity × the agreed compensation."""
    # The product's lock: two people recording deliveries at once cannot deliver more than was made.
    product = _lock_product(product_id)
    _require_staff_of(by, product.unit_id)
    _not_in_future(date, _("The delivery date"))
    if quantity is None or quantity <= 0:
        raise DomainError(_("The quantity delivered must be at least one."))
    delivered = product.deliveries.aggregate(total=Sum("quantity"))["total"] or 0
    if delivered + quantity > product.quantity_made:
        raise DomainError(
            _("Only %(left)s of %(made)s products are left to deliver. Record first that more were made.")
            % {"left": product.quantity_made - delivered, "made": product.quantity_made}
        )
    agreement = _lock_agreement(_agreement_for_delivery(product, date).pk)
    delivery = ProductDelivery.objects.create(
        product=product,
        agreement=agreement,
        date=date,
        quantity=quantity,
        compensation=agreement.compensation,
        amount=round_cents(agreement.compensation * quantity),
        recorded_by=by,
    )
    first = agreement.deliveries.order_by("date").values_list("date", flat=True).first()
    trial_end = trial_end_for(first)
    if agreement.trial_ends_on != trial_end and not hasattr(agreement, "review"):
        agreement.trial_ends_on = trial_end
        agreement.save(update_fields=["trial_ends_on"])
    return delivery


# --- The sales review -----------------------------------------------------------------------------
@transaction.atomic
def review_record(
    *,
    agreement_id: int,
    reviewed_on: dt.date,
    sold: int,
    reorder: bool,
    by,
    reorder_quantity: int = 0,
    notes: str = "",
) -> SalesReview:
    """The review of the trial sales: how many sold, notes, and whether the buyer reorders (how many)."""
    agreement = _lock_agreement(agreement_id)
    product = Product.objects.get(pk=agreement.product_id)
    _require_staff_of(by, product.unit_id)
    if SalesReview.objects.filter(agreement=agreement).exists():
        raise DomainError(_("The sales of this agreement are already reviewed."))
    deliveries = agreement.deliveries.aggregate(total=Sum("quantity"), first=Min("date"))
    if not deliveries["total"]:
        raise DomainError(_("Nothing has been delivered yet, so there are no sales to review."))
    _not_in_future(reviewed_on, _("The review date"))
    if reviewed_on < deliveries["first"]:
        raise DomainError(_("The review cannot be before the first delivery."))
    if sold is None or sold < 0:
        raise DomainError(_("The number sold cannot be negative."))
    if sold > deliveries["total"]:
        raise DomainError(
            _("More were sold than delivered (%(delivered)s). Check the number sold.")
            % {"delivered": deliveries["total"]}
        )
    if reorder and (reorder_quantity is None or reorder_quantity <= 0):
        raise DomainError(_("Give how many products the buyer reorders."))
    return SalesReview.objects.create(
        agreement=agreement,
        reviewed_on=reviewed_on,
        sold=sold,
        notes=(notes or "").strip(),
        reorder=bool(reorder),
        reorder_quantity=reorder_quantity if reorder else 0,
        recorded_by=by,
    )
