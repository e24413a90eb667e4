"""Every write of the partner model: employer partners, the employer partner of an employment
order, and a worker's employment contract (created, income clarification, activated, ended).

Who does what: the coordinator keeps the partners and chooses an employment order's partner; the
worker's unit agrees the contract with the worker and the partner, goes through the worker's income
before the start (the income clarification) and activates the contract. A contract cannot be
activated without a clarification done on or before its start date, and a worker is staffed on a
partner-model gig only under an active contract with the order's partner
(`require_contract_for_gig`, called by the staffing services).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.roles import is_coordinator, is_unit_staff
from orders.models import (
    Assignment,
    ContractStatus,
    ContractType,
    EmployerPartner,
    EmploymentContract,
    IncomeClarification,
    Order,
)
from orders.selectors.partners import active_contract_for
from orders.services.common import _lock_order, _require
from orders.states import AssignmentStatus, OrderStatus
from units.models import UnitMembership
from workers.models import Worker

PARTNER_FIELDS = ("name", "business_id", "contact_person", "email", "phone", "is_active")


def _first_error(err: ValidationError) -> str:
    messages = err.messages
    return messages[0] if messages else _("Check the details.")


# --- Employer partners ----------------------------------------------------------------------------
@transaction.atomic
def partner_create(*, by, name: str, business_id: str, **fields) -> EmployerPartner:
    _require(is_coordinator(by))
    partner = EmployerPartner(name=(name or "").strip(), business_id=(business_id or "").strip())
    for key, value in fields.items():
        if key not in PARTNER_FIELDS:
            raise TypeError(key)
        setattr(partner, key, value.strip() if isinstance(value, str) else value)
    return _save_partner(partner)


@transaction.atomic
def partner_update(*, partner_id: int, by, **fields) -> EmployerPartner:
    _require(is_coordinator(by))
    partner = EmployerPartner.objects.select_for_update().filter(pk=partner_id).first()
    if partner is None:
        raise DomainError(_("The employer partner no longer exists."))
    for key, value in fields.items():
        if key not in PARTNER_FIELDS:
            raise TypeError(key)
        setattr(partner, key, value.strip() if isinstance(value, str) else value)
    return _save_partner(partner)


def _save_partner(partner: EmployerPartner) -> EmployerPartner:
    try:
        partner.full_clean()
    except ValidationError as err:
        if "business_id" in getattr(err, "error_dict", {}):
            raise DomainError(_first_error(ValidationError(err.error_dict["business_id"]))) from None
        raise DomainError(_first_error(err)) from None
    partner.save()
    return partner


# --- The employer partner of an employment order --------------------------------------------------
@transaction.atomic
def order_set_employer_partner(*, order_id: int, partner_id: int, by) -> Order:
    """The coordinator names who employs the workers of an employment order."""
    _require(is_coordinator(by))
    order = _lock_order(order_id)
    if order.contract_type != ContractType.EMPLOYMENT:
        raise DomainError(_("Only an employment order has an employer partner."))
    if order.status in OrderStatus.final_states:
        raise DomainError(_("The order has ended; its employer partner can no longer change."))
    partner = EmployerPartner.objects.filter(pk=partner_id, is_active=True).first()
    if partner is None:
        raise DomainError(_("Choose an active employer partner."))
    if order.employer_partner_id == partner.pk:
        return order
    staffed = Assignment.objects.filter(gig__order=order, status__in=AssignmentStatus.active_states)
    if order.employer_partner_id is not None and staffed.exists():
        raise DomainError(
            _("Workers are already on this order under contracts with %(partner)s, so the partner cannot change.")
            % {"partner": order.employer_partner.name}
        )
    order.employer_partner = partner
    order.save(update_fields=["employer_partner", "updated_at"])
    return order


def require_contract_for_gig(*, order: Order, worker: Worker, day: dt.date) -> EmploymentContract | None:
    """The contract a worker is staffed under on a gig of `order` on `day`: None for a commission
    order; a DomainError when an employment order names no partner or the worker has no active
    contract with it in force on that day."""
    if order.contract_type != ContractType.EMPLOYMENT:
        return None
    if order.employer_partner_id is None:
        raise DomainError(
            _("This employment order has no employer partner yet. The coordinator chooses the partner first.")
        )
    contract = active_contract_for(partner_id=order.employer_partner_id, worker_id=worker.pk, day=day)
    if contract is None:
        partner = EmployerPartner.objects.get(pk=order.employer_partner_id)
        raise DomainError(
            _(
                "%(worker)s has no active employment contract with %(partner)s on %(date)s. "
                "The unit makes the contract and the income clarification first."
            )
            % {"worker": worker.display_name, "partner": partner.name, "date": day.strftime("%d.%m.%Y")}
        )
    return contract


# --- Employment contracts -------------------------------------------------------------------------
def _require_unit_staff(by, worker: Worker) -> None:
    _require(
        is_unit_staff(by, worker.home_unit_id),
        _("Only the staff of %(unit)s can do this.") % {"unit": worker.home_unit.name},
    )


def _lock_contract(contract_id: int) -> EmploymentContract:
    contract = (
        EmploymentContract.objects.select_for_update(of=("self",))
        .select_related("worker__home_unit", "worker__user", "partner")
        .filter(pk=contract_id)
        .first()
    )
    if contract is None:
        raise DomainError(_("The employment contract no longer exists."))
    return contract


@transaction.atomic
def contract_create(
    *,
    worker_id: int,
    partner_id: int,
    by,
    start_date: dt.date,
    hours_per_occurrence,
    every_n_weeks: int = 1,
    weekdays: list[int] | None = None,
    end_date: dt.date | None = None,
) -> EmploymentContract:
    """Unit staff record the contract agreed with the worker and the partner, as a draft."""
    worker = Worker.objects.select_related("home_unit", "user").filter(pk=worker_id).first()
    if worker is None:
        raise DomainError(_("The worker no longer exists."))
    _require_unit_staff(by, worker)
    if not worker.is_active:
        raise DomainError(_("%(worker)s is not active.") % {"worker": worker.display_name})
    partner = EmployerPartner.objects.filter(pk=partner_id, is_active=True).first()
    if partner is None:
        raise DomainError(_("Choose an active employer partner."))
    contract = EmploymentContract(
        worker=worker,
        partner=partner,
        unit=worker.home_unit,
        start_date=start_date,
        end_date=end_date,
        hours_per_occurrence=Decimal(hours_per_occurrence),
        every_n_weeks=every_n_weeks,
        weekdays=list(weekdays or []),
        status=ContractStatus.DRAFT,
        created_by=by,
    )
    try:
        contract.full_clean()
    except ValidationError as err:
        raise DomainError(_first_error(err)) from None
    contract.save()
    return contract


@transaction.atomic
def income_clarification_record(
    *, contract_id: int, by, done_on: dt.date, benefits_checked: bool, note: str = "", done_by_id: int | None = None
) -> IncomeClarification:
    """Record the income clarification done with the worker (by `done_by`, a staff member of the
    worker's unit; the recording user by default)."""
    contract = _lock_contract(contract_id)
    _require_unit_staff(by, contract.worker)
    if contract.status == ContractStatus.ENDED:
        raise DomainError(_("The contract has ended."))
    if done_on > timezone.localdate():
        raise DomainError(_("The clarification cannot be dated in the future."))
    if not benefits_checked:
        raise DomainError(_("Go through how the wage affects the worker's benefits, and tick that it was done."))
    done_by_id = done_by_id or by.pk
    if not UnitMembership.objects.active().filter(user_id=done_by_id, unit_id=contract.worker.home_unit_id).exists():
        raise DomainError(
            _("The clarification is done by a staff member of %(unit)s.") % {"unit": contract.worker.home_unit.name}
        )
    return IncomeClarification.objects.create(
        contract=contract,
        done_on=done_on,
        done_by_id=done_by_id,
        benefits_checked=True,
        note=(note or "").strip(),
        recorded_by=by,
    )


@transaction.atomic
def contract_activate(*, contract_id: int, by) -> EmploymentContract:
    """Activate a draft contract. Refused without an income clarification done before the start."""
    contract = _lock_contract(contract_id)
    _require_unit_staff(by, contract.worker)
    if contract.status == ContractStatus.ACTIVE:
        return contract
    if contract.status != ContractStatus.DRAFT:
        raise DomainError(_("Only a draft contract can be activated."))
    if not contract.income_clarifications.filter(benefits_checked=True, done_on__lte=contract.start_date).exists():
        raise DomainError(
            _(
                "Do the income clarification with the worker before the contract starts (%(date)s) and record "
                "it first. Then activate the contract."
            )
            % {"date": contract.start_date.strftime("%d.%m.%Y")}
        )
    if contract.end_date is not None and contract.end_date < timezone.localdate():
        raise DomainError(_("The contract's end date has passed."))
    other = EmploymentContract.objects.filter(
        worker_id=contract.worker_id, partner_id=contract.partner_id, status=ContractStatus.ACTIVE
    ).exclude(pk=contract.pk)
    if other.exists():
        raise DomainError(
            _("%(worker)s already has an active contract with %(partner)s. End it first.")
            % {"worker": contract.worker.display_name, "partner": contract.partner.name}
        )
    contract.status = ContractStatus.ACTIVE
    contract.activated_at = timezone.now()
    contract.activated_by = by
    try:
        with transaction.atomic():
            contract.save(update_fields=["status", "activated_at", "activated_by", "updated_at"])
    except IntegrityError:
        # Two staff members activating two contracts at once: the database's constraint decides.
        raise DomainError(
            _("%(worker)s already has an active contract with %(partner)s. End it first.")
            % {"worker": contract.worker.display_name, "partner": contract.partner.name}
        ) from None
    return contract


@transaction.atomic
def contract_end(*, contract_id: int, by, end_date: dt.date, reason: str = "") -> EmploymentContract:
    """End an active contract on `end_date`. Refused while the worker still has gigs ahead under it."""
    contract = _lock_contract(contract_id)
    _require(is_coordinator(by) or is_unit_staff(by, contract.worker.home_unit_id))
    if contract.status == ContractStatus.ENDED:
        return contract
    if contract.status != ContractStatus.ACTIVE:
        raise DomainError(_("Only an active contract can be ended."))
    if end_date < contract.start_date:
        raise DomainError(_("The contract cannot end before it starts."))
    later = contract.assignments.filter(gig__date__gt=end_date, status__in=AssignmentStatus.coming_states).count()
    if later:
        raise DomainError(
            _("The worker still has %(count)s gig(s) after %(date)s under this contract. Take them off first.")
            % {"count": later, "date": end_date.strftime("%d.%m.%Y")}
        )
    contract.status = ContractStatus.ENDED
    contract.end_date = end_date
    contract.ended_at = timezone.now()
    contract.ended_by = by
    contract.end_reason = (reason or "").strip()
    contract.save(update_fields=["status", "end_date", "ended_at", "ended_by", "end_reason", "updated_at"])
    return contract
