"""Unit staff pages (a shared desktop computer or a tablet).

Every view is behind `unit_staff_required` (anonymous → login, no unit role → 403), reads through
the scoped selectors (another unit's object → 404) and writes only through `orders.services`, with
`by=request.user`. A `DomainError` is shown to the user as is.
"""

from web.unit.views.needs import gig_add, needs, propose
from web.unit.views.workers import (
    assignment_accept,
    assignment_decline,
    assignment_report,
    assignment_withdraw,
    worker_detail,
    worker_list,
    worker_support_needs,
)

__all__ = [
    "assignment_accept",
    "assignment_decline",
    "assignment_report",
    "assignment_withdraw",
    "gig_add",
    "needs",
    "propose",
    "worker_detail",
    "worker_list",
    "worker_support_needs",
]
