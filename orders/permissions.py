"""Who may do what with orders, gigs and assignments. Services check these again and raise 403."""

from __future__ import annotations

from jobcenter.roles import client_organisation_ids, is_coordinator, is_unit_staff, worker_profile
from orders.states import OrderStatus


def can_coordinate(user) -> bool:
    """Coordinators (and administrators, who hold every permission) run the order flow."""
    return is_coordinator(user)


def can_propose_worker(user, worker) -> bool:
    """Unit staff propose workers of their own unit."""
    return is_unit_staff(user, worker.home_unit_id)


def can_propose_worker_group(user, group) -> bool:
    """Unit staff propose the groups of their own unit."""
    return is_unit_staff(user, group.unit_id)


def can_enter_gigs(user, order) -> bool:
    """The coordinator enters gigs; staff of an informed unit agree dates with the client and may too."""
    if can_coordinate(user):
        return True
    return any(is_unit_staff(user, unit_id) for unit_id in order.unit_notices.values_list("unit_id", flat=True))


def can_change_series(user, order) -> bool:
    """Changing a repeating gig from a date on, or skipping one of its dates: the coordinator, or
    staff of a unit informed of the order (they agree the dates with the client and staff them)."""
    return can_enter_gigs(user, order)


def acting_for_worker(user, worker) -> bool | None:
    """How `user` may act on the worker's own actions (accept a gig, report hours).

    False: the worker themself. True: staff of the worker's home unit, on the worker's behalf
    (recorded as such). None: not allowed.
    """
    own = worker_profile(user)
    if own is not None and own.pk == worker.pk:
        return False
    if is_unit_staff(user, worker.home_unit_id):
        return True
    return None


def can_withdraw_assignment(user, assignment) -> bool:
    return can_coordinate(user) or is_unit_staff(user, assignment.unit_id)


def can_cancel_order(user, order) -> bool:
    """The coordinator always; a client contact while nobody has been sent to work yet."""
    if can_coordinate(user):
        return True
    return order.client_id in client_organisation_ids(user) and order.status in OrderStatus.client_cancellable_states
