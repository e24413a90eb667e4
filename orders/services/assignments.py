"""Every write of the order flow. One function per state change, each in one transaction.

Each transition re-reads its row with a lock, checks the role and the transition table
(`ORDER_NEXT_STATES`, `ASSIGNMENT_NEXT_STATES`), saves the changed fields, writes a history row and
queues side effects (emails) to run after commit. Views, admin, tasks and tests all call these.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from jobcenter.mail import queue_email
from orders import permissions
from orders.models import (
    ASSIGNMENT_FILLING_STATES,
    ASSIGNMENT_NEXT_STATES,
    ORDER_GIG_EDITABLE_STATES,
    ORDER_NEXT_STATES,
    Assignment,
    AssignmentStatus,
    AssignmentStatusChange,
    ClientContact,
    ClientOrganisation,
    ClientType,
    ContractType,
    Feedback,
    FeedbackSource,
    Gig,
    Order,
    OrderStatus,
    OrderStatusChange,
    OrderTerms,
    OrderUnitNotice,
    TaskType,
)
from orders.tokens import make_feedback_token, make_terms_token
from units.models import SupportMode, Unit, UnitMembership

MAX_HOURS_PER_GIG = Decimal("12")
HOURS_STEP = Decimal("0.01")


# --- Transition helpers ---------------------------------------------------------------------------
def _move_order(order: Order, target: str, *, by, note: str = "") -> None:
    if target not in ORDER_NEXT_STATES.get(order.status, frozenset()):
        raise TransitionNotAllowed(
            label=_("Order %(number)s") % {"number": order.number},
            current=OrderStatus(order.status).label,
            target=OrderStatus(target).label,
        )
    OrderStatusChange.objects.create(order=order, from_status=order.status, to_status=target, by=by, note=note)
    order.status = target


def _move_assignment(assignment: Assignment, target: str, *, by, note: str = "", on_behalf: bool = False) -> None:
    if target not in ASSIGNMENT_NEXT_STATES.get(assignment.status, frozenset()):
        raise TransitionNotAllowed(
            label=_("The assignment of %(worker)s") % {"worker": assignment.worker.display_name},
            current=AssignmentStatus(assignment.status).label,
            target=AssignmentStatus(target).label,
        )
    AssignmentStatusChange.objects.create(
        assignment=assignment,
        from_status=assignment.status,
        to_status=target,
        by=by,
        note=note,
        on_behalf=on_behalf,
    )
    assignment.status = target


def _require(condition: bool, message: str | None = None) -> None:
    if not condition:
        raise ActionNotPermitted(message)


def _require_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(message)
    return reason


def _lock_order(order_id: int) -> Order:
    try:
        return Order.objects.select_for_update().get(pk=order_id)
    except Order.DoesNotExist:
        raise DomainError(_("The order no longer exists.")) from None


def _lock_assignment(assignment_id: int) -> tuple[Order, Assignment]:
    """Lock the assignment's order first, then the assignment.

    Every service locks in the order order → gig → assignment, so two of them never deadlock.
    """
    order_id = Assignment.objects.filter(pk=assignment_id).values_list("gig__order_id", flat=True).first()
    if order_id is None:
        raise DomainError(_("The assignment no longer exists."))
    order = _lock_order(order_id)
    assignment = (
        Assignment.objects.select_for_update(of=("self",)).select_related("worker__user", "gig").get(pk=assignment_id)
    )
    return order, assignment


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _reverse_in(language: str, name: str, **kwargs) -> str:
    """A URL in the recipient's language (/sv/..., /en/...), not in the acting user's."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def parse_hours(value) -> Decimal:
    """Hours as a Decimal with two decimals, within one gig's bounds, or a DomainError."""
    try:
        hours = Decimal(str(value).replace(",", ".")).quantize(HOURS_STEP, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise DomainError(_("Write the hours as a number, for example 2 or 2.5.")) from None
    if hours <= 0:
        raise DomainError(_("The hours must be more than zero."))
    if hours > MAX_HOURS_PER_GIG:
        raise DomainError(_("One gig can have at most %(max)s hours.") % {"max": MAX_HOURS_PER_GIG})
    return hours


# --- Order: request from the public form ----------------------------------------------------------
@dataclass(frozen=True)
class OrderRequest:
    """What the public order form collects (validated for shape by the form)."""

    organisation_name: str
    business_id: str
    client_type: str
    contact_name: str
    contact_email: str
    contact_phone: str
    title: str
    description: str
    street_address: str
    estimated_hours: Decimal
    contract_type: str
    orientation: str = ""
    postal_code: str = ""
    city: str = "Helsinki"
    task_type_id: int | None = None
    preferred_start: dt.date | None = None
    preferred_end: dt.date | None = None
    timing_notes: str = ""
    hours_indicative: bool = True
    workers_needed: int = 1
    tools_provided: bool = False
    client_reference: str = ""
    language: str = "fi"
    billing_name: str = ""
    billing_street: str = ""
    billing_postal_code: str = ""
    billing_city: str = ""
    billing_email: str = ""
    einvoice_address: str = ""
    einvoice_operator: str = ""


def order_submit(*, request: OrderRequest, submission_key: uuid.UUID | None = None) -> tuple[Order, bool]:
    """Create an order from a client's request. Returns (order, created).

    The same `submission_key` (a hidden field of the form) always gives the same single order, so a
    double-click or a re-sent form never creates two.
    """
    if submission_key is not None:
        existing = Order.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            order = _order_create(request=request, submission_key=submission_key)
    except IntegrityError:
        # Two submits of the same form raced; the other one won. Return its order.
        existing = Order.objects.filter(submission_key=submission_key).first() if submission_key else None
        if existing is None:
            raise
        return existing, False
    return order, True


def _order_create(*, request: OrderRequest, submission_key) -> Order:
    from jobcenter.validators import normalize_business_id

    if request.contract_type not in ContractType.values:
        raise DomainError(_("Choose a contract option."))
    if request.client_type not in ClientType.values:
        raise DomainError(_("Choose the type of organisation."))
    business_id = normalize_business_id(request.business_id) if request.business_id else ""
    organisation = None
    if business_id:
        same_id = ClientOrganisation.objects.select_for_update().filter(business_id=business_id)
        if request.client_type == ClientType.CITY_UNIT:
            # Every city unit orders under the City's business ID; the unit is told apart by its name.
            same_id = same_id.filter(client_type=ClientType.CITY_UNIT, name__iexact=request.organisation_name.strip())
        organisation = same_id.first()
    if organisation is None:
        organisation = ClientOrganisation(
            name=request.organisation_name.strip(),
            business_id=business_id,
            client_type=request.client_type,
            language=request.language,
        )
    billing = {
        "billing_name": request.billing_name,
        "billing_street": request.billing_street,
        "billing_postal_code": request.billing_postal_code,
        "billing_city": request.billing_city,
        "billing_email": request.billing_email,
        "einvoice_address": request.einvoice_address,
        "einvoice_operator": request.einvoice_operator,
    }
    # Billing details given on a new request fill in what the organisation lacks; they never erase.
    for field, value in billing.items():
        if value and not getattr(organisation, field):
            setattr(organisation, field, value.strip())
    organisation.full_clean()
    organisation.save()

    email = request.contact_email.strip().lower()
    contact, _created = ClientContact.objects.get_or_create(
        organisation=organisation,
        email=email,
        defaults={"name": request.contact_name.strip(), "phone": request.contact_phone.strip()},
    )
    task_type = TaskType.objects.filter(pk=request.task_type_id).first() if request.task_type_id else None
    order = Order(
        client=organisation,
        contact=contact,
        task_type=task_type,
        title=request.title.strip(),
        description=request.description.strip(),
        orientation=request.orientation.strip(),
        street_address=request.street_address.strip(),
        postal_code=request.postal_code.strip(),
        city=request.city.strip() or "Helsinki",
        preferred_start=request.preferred_start,
        preferred_end=request.preferred_end,
        timing_notes=request.timing_notes.strip(),
        estimated_hours=request.estimated_hours,
        hours_indicative=request.hours_indicative,
        workers_needed=request.workers_needed,
        tools_provided=request.tools_provided,
        contract_type=request.contract_type,
        client_reference=request.client_reference.strip(),
        language=request.language,
        status=OrderStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submission_key=submission_key,
    )
    order.full_clean(validate_unique=False)
    order.save()
    OrderStatusChange.objects.create(order=order, from_status="", to_status=OrderStatus.SUBMITTED, by=None)
    queue_email(
        to=contact.email,
        code="order_received",
        language=order.language,
        context={"order": order, "contact": contact},
    )
    return order


# --- Order: terms ---------------------------------------------------------------------------------
def current_terms(on: dt.date | None = None) -> OrderTerms:
    terms = OrderTerms.objects.filter(valid_from__lte=on or timezone.localdate()).order_by("-valid_from").first()
    if terms is None:
        raise DomainError(_("No order terms are in force. An administrator must add them first."))
    return terms


@transaction.atomic
def order_send_terms(*, order_id: int, by) -> Order:
    """Send the order terms to the client's contact (again, if already sent)."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    resend = order.status == OrderStatus.TERMS_SENT
    if not resend:
        _move_order(order, OrderStatus.TERMS_SENT, by=by)
    else:
        OrderStatusChange.objects.create(
            order=order, from_status=order.status, to_status=order.status, by=by, note=_("Terms sent again.")
        )
    order.terms = current_terms()
    order.terms_sent_at = timezone.now()
    order.save(update_fields=["status", "terms", "terms_sent_at", "updated_at"])
    contact = order.contact
    link = _site_url(_reverse_in(order.language, "orders:terms", token=make_terms_token(order)))
    queue_email(
        to=contact.email,
        code="order_terms",
        language=order.language,
        context={"order": order, "contact": contact, "link": link, "terms": order.terms},
    )
    return order


@transaction.atomic
def order_accept_terms(
    *, order_id: int, terms_version: str, accepted_name: str, contact_id: int | None = None
) -> Order:
    """The client accepts the terms (through the signed link). Records version, time and person."""
    order = _lock_order(order_id)
    if order.status != OrderStatus.TERMS_SENT:
        if order.terms_accepted_at:
            raise DomainError(_("These terms have already been accepted. Nothing was changed."))
        raise DomainError(_("This order is not waiting for the terms to be accepted."))
    if order.terms is None or order.terms.version != terms_version:
        raise DomainError(_("The terms have changed since this link was sent. Ask the coordinator for a new link."))
    accepted_name = _require_reason(accepted_name, _("Write the name of the person who accepts the terms."))
    contact = order.contact
    if contact_id is not None and contact_id != order.contact_id:
        contact = ClientContact.objects.filter(pk=contact_id, organisation_id=order.client_id).first()
        if contact is None:
            raise ActionNotPermitted()
    _move_order(
        order,
        OrderStatus.TERMS_ACCEPTED,
        by=contact.user,
        note=_("Terms %(version)s accepted by %(name)s.") % {"version": terms_version, "name": accepted_name},
    )
    order.terms_accepted_at = timezone.now()
    order.terms_accepted_by = contact
    order.terms_accepted_name = accepted_name
    order.save(update_fields=["status", "terms_accepted_at", "terms_accepted_by", "terms_accepted_name", "updated_at"])
    return order


@transaction.atomic
def client_billing_update(*, organisation_id: int, **fields) -> ClientOrganisation:
    """Confirm or correct billing details (when accepting the terms, or by the coordinator)."""
    allowed = {
        "billing_name",
        "billing_street",
        "billing_postal_code",
        "billing_city",
        "billing_email",
        "einvoice_address",
        "einvoice_operator",
        "invoicing_mode",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not billing fields: {sorted(unknown)}")
    organisation = ClientOrganisation.objects.select_for_update().get(pk=organisation_id)
    for name, value in fields.items():
        setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    organisation.full_clean()
    organisation.save(update_fields=[*fields, "updated_at"])
    return organisation


# --- Order: rejecting, cancelling, closing --------------------------------------------------------
@transaction.atomic
def order_reject(*, order_id: int, by, reason: str) -> Order:
    """The coordinator turns a request down (e.g. not a task for the Jobcenter)."""
    _require(permissions.can_coordinate(by))
    reason = _require_reason(reason, _("Write why the request is turned down."))
    order = _lock_order(order_id)
    _move_order(order, OrderStatus.REJECTED, by=by, note=reason)
    order.closed_reason = reason
    order.save(update_fields=["status", "closed_reason", "updated_at"])
    return order


@transaction.atomic
def order_cancel(*, order_id: int, by, reason: str) -> Order:
    """Cancel an order before the work is done; open assignments are withdrawn with it."""
    order = _lock_order(order_id)
    _require(permissions.can_cancel_order(by, order))
    reason = _require_reason(reason, _("Write why the order is cancelled."))
    if Assignment.objects.filter(
        gig__order=order, status__in=[AssignmentStatus.DONE, AssignmentStatus.APPROVED]
    ).exists():
        # Done work must still be approved and invoiced; cancelling would lose it.
        raise DomainError(
            _(
                "Some work on this order is already done, so it cannot be cancelled. "
                "Withdraw the remaining workers instead, and approve the work that was done."
            )
        )
    _move_order(order, OrderStatus.CANCELLED, by=by, note=reason)
    order.closed_reason = reason
    order.save(update_fields=["status", "closed_reason", "updated_at"])
    open_assignments = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("worker__user")
        .filter(
            gig__order=order,
            status__in=[AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED],
        )
    )
    for assignment in open_assignments:
        _move_assignment(assignment, AssignmentStatus.WITHDRAWN, by=by, note=_("The order was cancelled."))
        assignment.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_mark_invoiced(*, order_id: int, by, note: str = "") -> Order:
    """Billing calls this when the order's work is on an issued invoice."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    _move_order(order, OrderStatus.INVOICED, by=by, note=note)
    order.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_close(*, order_id: int, by, note: str = "") -> Order:
    """Close an invoiced order (paid, feedback recorded)."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    _move_order(order, OrderStatus.CLOSED, by=by, note=note)
    order.save(update_fields=["status", "updated_at"])
    return order


# --- Order: staffing ------------------------------------------------------------------------------
@transaction.atomic
def order_inform_units(*, order_id: int, unit_ids: Iterable[int], by) -> Order:
    """Tell units about the need. Moves an accepted order to staffing; adding units later is fine.

    Informing a unit twice changes nothing and sends no second email.
    """
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    unit_ids = set(unit_ids)
    if not unit_ids:
        raise DomainError(_("Choose at least one unit."))
    units = list(Unit.objects.active().filter(pk__in=unit_ids))
    if len(units) != len(unit_ids):
        raise DomainError(_("One of the chosen units is not active."))
    if order.status == OrderStatus.TERMS_ACCEPTED:
        _move_order(order, OrderStatus.STAFFING, by=by, note=", ".join(u.name for u in units))
        order.save(update_fields=["status", "updated_at"])
    elif order.status not in {OrderStatus.STAFFING, OrderStatus.SCHEDULED}:
        if order.status in {OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT}:
            raise DomainError(_("Units can be informed once the client has accepted the terms."))
        raise TransitionNotAllowed(
            label=_("Order %(number)s") % {"number": order.number},
            current=OrderStatus(order.status).label,
            target=OrderStatus.STAFFING.label,
        )
    already = set(order.unit_notices.values_list("unit_id", flat=True))
    for unit in units:
        if unit.pk in already:
            continue
        OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=by)
        if unit.email:
            queue_email(to=unit.email, code="unit_informed", language="fi", context={"order": order, "unit": unit})
    return order


@transaction.atomic
def gig_create(
    *,
    order_id: int,
    by,
    date: dt.date,
    start_time: dt.time,
    planned_hours,
    workers_needed: int = 1,
    notes: str = "",
) -> Gig:
    """Enter a gig (date, start, hours, workers). Only for an order whose terms are accepted."""
    order = _lock_order(order_id)
    _require(permissions.can_enter_gigs(by, order))
    if order.status not in ORDER_GIG_EDITABLE_STATES:
        if order.status in {OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT}:
            raise DomainError(_("Gigs can be entered once the client has accepted the terms."))
        raise DomainError(
            _("Order %(number)s is “%(status)s”; no more gigs can be added.")
            % {"number": order.number, "status": OrderStatus(order.status).label}
        )
    if date < timezone.localdate():
        raise DomainError(_("The gig's date is in the past."))
    gig = Gig(
        order=order,
        date=date,
        start_time=start_time,
        planned_hours=parse_hours(planned_hours),
        workers_needed=workers_needed,
        notes=notes.strip(),
    )
    gig.full_clean()
    gig.save()
    if order.status == OrderStatus.SCHEDULED:
        # A new gig needs workers, so the order is being staffed again.
        _move_order(order, OrderStatus.STAFFING, by=by, note=_("A gig was added."))
        order.save(update_fields=["status", "updated_at"])
    return gig


def _gig_filled_count(gig: Gig) -> int:
    return gig.assignments.filter(status__in=ASSIGNMENT_FILLING_STATES).count()


def _order_advance(order: Order, *, by) -> None:
    """Move the order forward when its gigs say so (all staffed → scheduled → done → approved).

    Called at the end of every assignment transition, with the order row locked.
    """
    gigs = list(
        order.gigs.annotate(
            filled=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES)),
            accepted=Count("assignments", filter=Q(assignments__status=AssignmentStatus.ACCEPTED)),
            done=Count("assignments", filter=Q(assignments__status=AssignmentStatus.DONE)),
        )
    )
    if not gigs:
        return
    all_staffed = all(g.filled >= g.workers_needed for g in gigs)
    if order.status == OrderStatus.STAFFING and all_staffed:
        _move_order(order, OrderStatus.SCHEDULED, by=by, note=_("Every gig has its workers."))
    elif order.status == OrderStatus.SCHEDULED and not all_staffed:
        _move_order(order, OrderStatus.STAFFING, by=by, note=_("A gig needs a worker again."))
    if order.status == OrderStatus.SCHEDULED and not any(g.accepted for g in gigs):
        _move_order(order, OrderStatus.DONE, by=by, note=_("All work is reported done."))
        _withdraw_leftover_proposals(order, by=by)
    if order.status == OrderStatus.DONE and not any(g.done for g in gigs):
        _move_order(order, OrderStatus.APPROVED, by=by, note=_("All hours are approved."))
    order.save(update_fields=["status", "updated_at"])


def _withdraw_leftover_proposals(order: Order, *, by) -> None:
    leftovers = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("worker__user")
        .filter(gig__order=order, status__in=[AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED])
    )
    for assignment in leftovers:
        _move_assignment(assignment, AssignmentStatus.WITHDRAWN, by=by, note=_("The gig was already full."))
        assignment.save(update_fields=["status", "updated_at"])


# --- Assignments ----------------------------------------------------------------------------------
@transaction.atomic
def assignment_propose(
    *,
    gig_id: int,
    worker_id: int,
    by,
    support: str,
    support_person_id: int | None = None,
    skills_checked: bool = False,
    interest_note: str = "",
    commission_explained: bool = False,
) -> Assignment:
    """Unit staff propose a worker of their unit for a gig. Proposing the same worker again is a no-op.

    `commission_explained`: the staff member explained to the worker what commission work means for
    unemployment benefit and the worker still wants the gig (recorded with the proposal)."""
    from workers.models import Worker

    order_id = Gig.objects.filter(pk=gig_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise DomainError(_("The gig no longer exists."))
    order = _lock_order(order_id)
    gig = Gig.objects.select_for_update().get(pk=gig_id)
    worker = Worker.objects.select_related("user", "home_unit").filter(pk=worker_id).first()
    if worker is None:
        raise DomainError(_("The worker no longer exists."))
    _require(
        permissions.can_propose_worker(by, worker),
        _("Only the staff of %(unit)s can propose this worker.") % {"unit": worker.home_unit.name},
    )
    if order.status != OrderStatus.STAFFING:
        raise DomainError(
            _("Workers can be proposed while the order is being staffed. Now it is “%(status)s”.")
            % {"status": OrderStatus(order.status).label}
        )
    if not order.unit_notices.filter(unit_id=worker.home_unit_id).exists():
        raise DomainError(_("Your unit has not been informed of this order."))
    if not worker.is_active or not worker.user.is_active:
        raise DomainError(_("%(worker)s is not active.") % {"worker": worker.display_name})
    if gig.date < timezone.localdate():
        raise DomainError(_("The gig's date is in the past."))
    if support not in SupportMode.values:
        raise DomainError(_("Choose how the worker is supported."))
    if (
        support_person_id is not None
        and not UnitMembership.objects.active().filter(user_id=support_person_id, unit_id=worker.home_unit_id).exists()
    ):
        raise DomainError(
            _("The supporting person must be a staff member of %(unit)s.") % {"unit": worker.home_unit.name}
        )
    existing = Assignment.objects.filter(gig=gig, worker=worker).first()
    if existing is not None:
        if existing.status in {AssignmentStatus.DECLINED, AssignmentStatus.WITHDRAWN}:
            raise DomainError(
                _("%(worker)s was already on this gig and it ended as “%(status)s”.")
                % {"worker": worker.display_name, "status": AssignmentStatus(existing.status).label}
            )
        return existing
    assignment = Assignment(
        gig=gig,
        worker=worker,
        proposed_by=by,
        unit=worker.home_unit,
        support=support,
        support_person_id=support_person_id,
        skills_checked=skills_checked,
        interest_note=interest_note.strip(),
        status=AssignmentStatus.PROPOSED,
    )
    assignment.full_clean(validate_unique=False)
    assignment.save()
    AssignmentStatusChange.objects.create(
        assignment=assignment, from_status="", to_status=AssignmentStatus.PROPOSED, by=by
    )
    if commission_explained and order.contract_type == ContractType.COMMISSION:
        from benefits.services import commission_explanation_record

        commission_explanation_record(assignment_id=assignment.pk, by=by)
    return assignment


@transaction.atomic
def assignment_propose_group(*, gig_id: int, group_id: int, by, support: str, **kwargs) -> list[Assignment]:
    """Propose every active member of a worker group for the same gig (a group can take a gig together)."""
    from workers.models import WorkerGroup

    group = WorkerGroup.objects.filter(pk=group_id).first()
    if group is None:
        raise DomainError(_("The group no longer exists."))
    _require(
        permissions.can_propose_worker_group(by, group),
        _("Only the staff of %(unit)s can propose this group.") % {"unit": group.unit.name},
    )
    members = list(group.members.filter(is_active=True).order_by("pk"))
    if not members:
        raise DomainError(_("The group has no active members."))
    return [
        assignment_propose(gig_id=gig_id, worker_id=member.pk, by=by, support=support, **kwargs) for member in members
    ]


@transaction.atomic
def assignment_offer(*, assignment_id: int, by) -> Assignment:
    """The coordinator offers the gig to a proposed worker; the worker gets an email."""
    _require(permissions.can_coordinate(by))
    order, assignment = _lock_assignment(assignment_id)
    if order.status not in {OrderStatus.STAFFING, OrderStatus.SCHEDULED}:
        raise DomainError(
            _("The gig can be offered while the order is being staffed. Now it is “%(status)s”.")
            % {"status": OrderStatus(order.status).label}
        )
    if assignment.status == AssignmentStatus.PROPOSED:
        if assignment.gig.date < timezone.localdate():
            raise DomainError(_("The gig's date is in the past."))
        if _gig_filled_count(assignment.gig) >= assignment.gig.workers_needed:
            raise DomainError(_("The gig already has all its workers."))
        from benefits.services import commission_offer_blocker

        blocker = commission_offer_blocker(assignment)
        if blocker:
            raise DomainError(blocker)
    _move_assignment(assignment, AssignmentStatus.OFFERED, by=by)
    assignment.save(update_fields=["status", "updated_at"])
    user = assignment.worker.user
    queue_email(
        to=user.email,
        code="gig_offered",
        language=user.language,
        context={"assignment": assignment, "gig": assignment.gig, "order": order, "worker": assignment.worker},
    )
    return assignment


def _worker_actor(by, assignment: Assignment) -> bool:
    on_behalf = permissions.acting_for_worker(by, assignment.worker)
    _require(on_behalf is not None, _("Only the worker or the staff of their unit can do this."))
    return bool(on_behalf)


@transaction.atomic
def assignment_accept(*, assignment_id: int, by) -> Assignment:
    """The worker (or their unit's staff on their behalf) accepts an offered gig, if a place is free."""
    order, assignment = _lock_assignment(assignment_id)
    on_behalf = _worker_actor(by, assignment)
    # The order row is locked, so workers accepting places on its gigs are serialised and a gig
    # is never over-filled.
    gig = assignment.gig
    if assignment.status == AssignmentStatus.ACCEPTED:
        return assignment
    if order.status not in {OrderStatus.STAFFING, OrderStatus.SCHEDULED}:
        raise DomainError(
            _("This gig can no longer be accepted. The order is “%(status)s”.")
            % {"status": OrderStatus(order.status).label}
        )
    if gig.date < timezone.localdate():
        raise DomainError(_("The day of this gig has passed, so it can no longer be accepted."))
    if assignment.status == AssignmentStatus.OFFERED and _gig_filled_count(gig) >= gig.workers_needed:
        raise DomainError(_("Sorry, this gig is already full."))
    _move_assignment(assignment, AssignmentStatus.ACCEPTED, by=by, on_behalf=on_behalf)
    assignment.save(update_fields=["status", "updated_at"])
    _order_advance(order, by=by)
    return assignment


@transaction.atomic
def assignment_decline(*, assignment_id: int, by, reason: str = "") -> Assignment:
    """The worker (or staff for them) says no to an offered gig."""
    order, assignment = _lock_assignment(assignment_id)
    on_behalf = _worker_actor(by, assignment)
    if assignment.status == AssignmentStatus.DECLINED:
        return assignment
    _move_assignment(assignment, AssignmentStatus.DECLINED, by=by, note=reason.strip(), on_behalf=on_behalf)
    assignment.save(update_fields=["status", "updated_at"])
    return assignment


@transaction.atomic
def assignment_report_done(*, assignment_id: int, by, hours) -> Assignment:
    """ "I did it": the worker (or staff for them) marks the work done with the hours worked."""
    order, assignment = _lock_assignment(assignment_id)
    on_behalf = _worker_actor(by, assignment)
    hours = parse_hours(hours)
    if assignment.status == AssignmentStatus.DONE:
        if assignment.reported_hours == hours:
            return assignment
        raise DomainError(
            _("The hours are already reported (%(hours)s). The coordinator can correct them when approving.")
            % {"hours": assignment.reported_hours}
        )
    if assignment.gig.date > timezone.localdate():
        raise DomainError(
            _("The gig is on %(date)s. You can report it done on that day or later.")
            % {"date": assignment.gig.date.strftime("%d.%m.%Y")}
        )
    _move_assignment(
        assignment,
        AssignmentStatus.DONE,
        by=by,
        on_behalf=on_behalf,
        note=_("%(hours)s hours") % {"hours": hours},
    )
    assignment.reported_hours = hours
    assignment.reported_at = timezone.now()
    assignment.save(update_fields=["status", "reported_hours", "reported_at", "updated_at"])
    _order_advance(order, by=by)
    return assignment


@transaction.atomic
def assignment_approve(*, assignment_id: int, by, hours=None, reason: str = "") -> Assignment:
    """The coordinator approves done work; correcting the hours needs a reason. Approving twice is a no-op."""
    _require(permissions.can_coordinate(by))
    order, assignment = _lock_assignment(assignment_id)
    if assignment.status == AssignmentStatus.APPROVED:
        return assignment
    if order.status not in {OrderStatus.STAFFING, OrderStatus.SCHEDULED, OrderStatus.DONE}:
        raise DomainError(
            _("Work on an order that is “%(status)s” cannot be approved.") % {"status": OrderStatus(order.status).label}
        )
    approved = parse_hours(hours) if hours not in (None, "") else assignment.reported_hours
    reason = (reason or "").strip()
    if assignment.reported_hours is not None and approved != assignment.reported_hours and not reason:
        raise DomainError(_("You changed the hours. Write the reason for the change."))
    note = (
        _("Hours corrected from %(reported)s to %(approved)s: %(reason)s")
        % {"reported": assignment.reported_hours, "approved": approved, "reason": reason}
        if approved != assignment.reported_hours
        else ""
    )
    _move_assignment(assignment, AssignmentStatus.APPROVED, by=by, note=note)
    assignment.approved_hours = approved
    assignment.hours_correction_reason = reason if approved != assignment.reported_hours else ""
    assignment.approved_at = timezone.now()
    assignment.approved_by = by
    assignment.save(
        update_fields=[
            "status",
            "approved_hours",
            "hours_correction_reason",
            "approved_at",
            "approved_by",
            "updated_at",
        ]
    )
    _order_advance(order, by=by)
    return assignment


@transaction.atomic
def assignment_withdraw(*, assignment_id: int, by, reason: str) -> Assignment:
    """Staff of the proposing unit or the coordinator take a worker off a gig (illness, change of plan)."""
    order, assignment = _lock_assignment(assignment_id)
    _require(permissions.can_withdraw_assignment(by, assignment))
    reason = _require_reason(reason, _("Write why the worker is taken off the gig."))
    _move_assignment(assignment, AssignmentStatus.WITHDRAWN, by=by, note=reason)
    assignment.save(update_fields=["status", "updated_at"])
    _order_advance(order, by=by)
    return assignment


# --- Feedback -------------------------------------------------------------------------------------
FEEDBACK_STATES = frozenset({OrderStatus.APPROVED, OrderStatus.INVOICED, OrderStatus.CLOSED})


@transaction.atomic
def order_request_feedback(*, order_id: int, by) -> Order:
    """Email the client a signed link to a short feedback form (again, if asked again)."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    if order.status not in FEEDBACK_STATES:
        raise DomainError(_("Feedback can be asked for once the work is approved."))
    order.feedback_requested_at = timezone.now()
    order.save(update_fields=["feedback_requested_at", "updated_at"])
    OrderStatusChange.objects.create(
        order=order, from_status=order.status, to_status=order.status, by=by, note=_("Feedback requested.")
    )
    link = _site_url(_reverse_in(order.language, "orders:feedback", token=make_feedback_token(order)))
    queue_email(
        to=order.contact.email,
        code="feedback_request",
        language=order.language,
        context={"order": order, "contact": order.contact, "link": link},
    )
    return order


@dataclass(frozen=True)
class FeedbackEntry:
    assignment_id: int
    rating: int
    text: str = ""


def _feedback_save(*, assignment: Assignment, entry: FeedbackEntry, source: str, given_by_name: str, by) -> Feedback:
    if not 1 <= int(entry.rating) <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."))
    feedback = Feedback(
        assignment=assignment,
        rating=int(entry.rating),
        text=entry.text.strip(),
        source=source,
        given_by_name=given_by_name.strip(),
        recorded_by=by,
    )
    feedback.full_clean(validate_unique=False)
    feedback.save()
    return feedback


def _approved_assignments(order: Order) -> dict[int, Assignment]:
    return {
        a.pk: a
        for a in Assignment.objects.select_for_update(of=("self",))
        .select_related("worker__user")
        .filter(gig__order=order, status=AssignmentStatus.APPROVED)
    }


@transaction.atomic
def feedback_submit(*, order_id: int, entries: Iterable[FeedbackEntry], given_by_name: str) -> list[Feedback]:
    """The client's feedback through the emailed link: a rating and words per worker, once."""
    order = _lock_order(order_id)
    if order.status not in FEEDBACK_STATES or order.feedback_requested_at is None:
        raise DomainError(_("This order is not waiting for feedback."))
    approved = _approved_assignments(order)
    if Feedback.objects.filter(assignment__in=approved.values()).exists():
        raise DomainError(_("Feedback for this order has already been given. Thank you!"))
    entries = list(entries)
    if not entries:
        raise DomainError(_("Give a rating to at least one worker."))
    saved = []
    for entry in entries:
        assignment = approved.get(entry.assignment_id)
        if assignment is None:
            raise DomainError(_("The feedback names a worker who did not work on this order."))
        saved.append(
            _feedback_save(
                assignment=assignment,
                entry=entry,
                source=FeedbackSource.CLIENT_LINK,
                given_by_name=given_by_name,
                by=None,
            )
        )
    OrderStatusChange.objects.create(
        order=order,
        from_status=order.status,
        to_status=order.status,
        by=order.contact.user,
        note=_("Feedback given by %(name)s.") % {"name": given_by_name.strip() or order.contact.name},
    )
    return saved


@transaction.atomic
def feedback_record(*, assignment_id: int, by, rating: int, text: str = "", given_by_name: str = "") -> Feedback:
    """The coordinator records feedback the client gave another way (e.g. by phone). Replaces none."""
    _require(permissions.can_coordinate(by))
    order, assignment = _lock_assignment(assignment_id)
    if assignment.status != AssignmentStatus.APPROVED:
        raise DomainError(_("Feedback can be recorded for approved work only."))
    if Feedback.objects.filter(assignment=assignment).exists():
        raise DomainError(_("This worker already has feedback for this gig."))
    return _feedback_save(
        assignment=assignment,
        entry=FeedbackEntry(assignment_id=assignment.pk, rating=rating, text=text),
        source=FeedbackSource.COORDINATOR,
        given_by_name=given_by_name or order.contact.name,
        by=by,
    )
