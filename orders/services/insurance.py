"""The insurance guard of the order flow: a gig that no insurance covers on its date is not offered
and not taken (`orders.selectors.insurance` finds the cover).

It is the orders app's own rule, so the services call it directly rather than through
`hooks.offer_blockers` (those are for the apps above orders, and they ask only about offers; this
guard refuses the acceptance too, for a policy may end between the offer and the answer).

Proposals are not refused: a proposal promises the worker nothing, and the unit's preparation
(finding the worker, checking skills) should not wait for an administrator to fill in a policy row.
The offer is the first step that tells the worker "this gig is yours to take", so it is guarded.
"""

from __future__ import annotations

from jobcenter.errors import DomainError
from orders.models import Assignment
from orders.selectors.insurance import uninsured_reason


def require_insurance(assignment: Assignment, *, action: str, for_worker: bool = False) -> None:
    """Refuse `action` ("offer" or "accept") when no insurance covers the assignment's gig on its date."""
    reason = uninsured_reason(assignment.gig, action=action, for_worker=for_worker)
    if reason:
        raise DomainError(reason)
