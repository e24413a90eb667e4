"""A worker on a gig: proposed by unit staff, offered by the coordinator, accepted or declined by the
worker, reported done, approved, or taken off the gig."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import hooks, permissions

# The lock and the count are looked up on the package when called (`seams.x`), so a race test can
# swap one of them for a version without the lock and show that the lock is what keeps a gig from
# being overfilled.
from orders import services as seams
from orders.hours import parse_hours
from orders.models import Assignment, AssignmentEvent, AssignmentStatusChange, ContractType, Gig
from orders.services.common import _lock_order, _move_assignment, _require, _require_order_allows, _require_reason
from orders.services.follow_ups import follow_up_prepare_if_first
from orders.services.insurance import require_insurance
from orders.services.notices import tell_accepted, tell_declined, tell_withdrawn
from orders.services.partners import require_contract_for_gig
from orders.services.staffing import _order_advance
from orders.states import AssignmentStatus
from units.models import SupportMode, UnitMembership
from workers.contact import tell_worker
from workers.models import Worker, WorkerGroup


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
    _require_order_allows(
        order,
        AssignmentStatus.PROPOSED,
        _("Workers can be proposed while the order is being staffed. Now it is “%(status)s”."),
    )
    if not order.unit_notices.filter(unit_id=worker.home_unit_id).exists():
        raise DomainError(_("Your unit has not been informed of this order."))
    if not worker.is_active or not worker.user.is_active:
        raise DomainError(_("%(worker)s is not active.") % {"worker": worker.display_name})
    if gig.is_cancelled:
        raise DomainError(_("The gig is cancelled."))
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
    # A partner-model gig is worked under the worker's active contract with the order's partner.
    contract = require_contract_for_gig(order=order, worker=worker, day=gig.date)
    if contract is not None and support == SupportMode.STAFF_ALONG and support_person_id is None:
        raise DomainError(_("Choose the staff member who comes along on the gig."))
    existing = Assignment.objects.filter(gig=gig, worker=worker).first()
    if existing is not None:
        if existing.status in AssignmentStatus.ended_states:
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
        employment_contract=contract,
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
        if not hooks.commission_explanation_recorders:
            raise DomainError(_("The explanation of commission work cannot be recorded now. Nothing was saved."))
        for record in hooks.commission_explanation_recorders:
            record(assignment_id=assignment.pk, by=by)
    return assignment


@transaction.atomic
def assignment_propose_group(*, gig_id: int, group_id: int, by, support: str, **kwargs) -> list[Assignment]:
    """Propose every active member of a worker group for the same gig (a group can take a gig together)."""
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
    order, assignment = seams._lock_assignment(assignment_id)
    _require_order_allows(
        order,
        AssignmentStatus.OFFERED,
        _("The gig can be offered while the order is being staffed. Now it is “%(status)s”."),
    )
    if assignment.status == AssignmentStatus.PROPOSED:
        if assignment.gig.date < timezone.localdate():
            raise DomainError(_("The gig's date is in the past."))
        if seams._gig_filled_count(assignment.gig) >= assignment.gig.workers_needed:
            raise DomainError(_("The gig already has all its workers."))
        # The contract may have ended (or the partner changed) since the proposal.
        contract = require_contract_for_gig(order=order, worker=assignment.worker, day=assignment.gig.date)
        if contract is not None and assignment.employment_contract_id != contract.pk:
            assignment.employment_contract = contract
            assignment.save(update_fields=["employment_contract", "updated_at"])
        require_insurance(assignment, action="offer")
        blocker = hooks.offer_blocker(assignment)
        if blocker:
            raise DomainError(blocker)
    _move_assignment(assignment, AssignmentStatus.OFFERED, by=by)
    assignment.save(update_fields=["status", "updated_at"])
    tell_worker(
        assignment.worker,
        code="gig_offered",
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
    order, assignment = seams._lock_assignment(assignment_id)
    on_behalf = _worker_actor(by, assignment)
    # The order row is locked, so workers accepting places on its gigs are serialised and a gig
    # is never over-filled.
    gig = assignment.gig
    if assignment.status == AssignmentStatus.ACCEPTED:
        return assignment
    _require_order_allows(
        order,
        AssignmentStatus.ACCEPTED,
        _("This gig can no longer be accepted. The order is “%(status)s”."),
    )
    if gig.date < timezone.localdate():
        raise DomainError(_("The day of this gig has passed, so it can no longer be accepted."))
    require_insurance(assignment, action="accept", for_worker=not on_behalf)
    if assignment.status == AssignmentStatus.OFFERED and seams._gig_filled_count(gig) >= gig.workers_needed:
        raise DomainError(_("Sorry, this gig is already full."))
    _move_assignment(assignment, AssignmentStatus.ACCEPTED, by=by, on_behalf=on_behalf)
    assignment.save(update_fields=["status", "updated_at"])
    follow_up_prepare_if_first(assignment=assignment)  # a first gig of its task type: prepare her
    _order_advance(order, by=by)
    tell_accepted(order, assignment, by=by)
    seams.stand_in_tell_client(order=order, assignment=assignment)  # a stand-in: the client hears who comes
    return assignment


@transaction.atomic
def assignment_decline(*, assignment_id: int, by, reason: str = "") -> Assignment:
    """The worker (or staff for them) says no to an offered gig."""
    order, assignment = seams._lock_assignment(assignment_id)
    on_behalf = _worker_actor(by, assignment)
    if assignment.status == AssignmentStatus.DECLINED:
        return assignment
    _move_assignment(assignment, AssignmentStatus.DECLINED, by=by, note=reason.strip(), on_behalf=on_behalf)
    assignment.save(update_fields=["status", "updated_at"])
    tell_declined(order, assignment, by=by)
    return assignment


@transaction.atomic
def assignment_report_done(*, assignment_id: int, by, hours) -> Assignment:
    """ "I did it": the worker (or staff for them) marks the work done with the hours worked."""
    order, assignment = seams._lock_assignment(assignment_id)
    on_behalf = _worker_actor(by, assignment)
    hours = parse_hours(hours)
    if assignment.status == AssignmentStatus.DONE:
        if assignment.reported_hours == hours:
            return assignment
        raise DomainError(
            _("The hours are already reported (%(hours)s). The coordinator can correct them when approving.")
            % {"hours": number_format(assignment.reported_hours, 2)}
        )
    if assignment.gig.date > timezone.localdate():
        raise DomainError(
            _("The gig is on %(date)s. You can report it done on that day or later.")
            % {"date": date_format(assignment.gig.date, "SHORT_DATE_FORMAT")}
        )
    _move_assignment(
        assignment,
        AssignmentStatus.DONE,
        by=by,
        on_behalf=on_behalf,
        kind=AssignmentEvent.HOURS_REPORTED,
        params={"hours": str(hours)},
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
    order, assignment = seams._lock_assignment(assignment_id)
    if assignment.status == AssignmentStatus.APPROVED:
        return assignment
    _require_order_allows(
        order, AssignmentStatus.APPROVED, _("Work on an order that is “%(status)s” cannot be approved.")
    )
    approved = parse_hours(hours) if hours not in (None, "") else assignment.reported_hours
    reason = (reason or "").strip()
    if assignment.reported_hours is not None and approved != assignment.reported_hours and not reason:
        raise DomainError(_("You changed the hours. Write the reason for the change."))
    corrected = approved != assignment.reported_hours
    _move_assignment(
        assignment,
        AssignmentStatus.APPROVED,
        by=by,
        kind=AssignmentEvent.HOURS_CORRECTED if corrected else "",
        params={"reported": str(assignment.reported_hours), "approved": str(approved)} if corrected else None,
        note=reason if corrected else "",
    )
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
    order, assignment = seams._lock_assignment(assignment_id)
    _require(permissions.can_withdraw_assignment(by, assignment))
    reason = _require_reason(reason, _("Write why the worker is taken off the gig."))
    _move_assignment(assignment, AssignmentStatus.WITHDRAWN, by=by, note=reason)
    assignment.save(update_fields=["status", "updated_at"])
    _order_advance(order, by=by)
    tell_withdrawn(order, assignment, by=by)
    return assignment
