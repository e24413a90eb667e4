"""Who may look at a worker's benefits, clarifications and consents, and the log of every look.

Who may look (benefits are special-category data, so the scope is narrow and every look by someone
else is logged, including a refused one):
- the worker themself;
- the staff of the worker's home unit, when the worker's valid consent names the unit;
- the coordinator, when the worker's valid consent names the coordinator.
Anyone else gets a 404, as if the worker did not exist. Staff without consent get the page, which
says that consent is missing and shows no benefit information.

Every look by someone other than the worker writes an access-log entry: one row per worker shown,
inserted in one query even for a list of hundreds of candidates.

The commission-work explanation page (`commission_explanation_assignment_for`) tells that a gig may
stop the worker's benefit, so it is a look at the benefits too: the worker's unit or the
coordinator, logged, and only while the explanation can still matter (the gig not yet offered).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.http import Http404
from django.utils import timezone

from benefits.models import (
    Actor,
    Consent,
)
from jobcenter.access_log import log_access
from jobcenter.models import AccessLogOutcome
from jobcenter.roles import is_coordinator, staff_unit_ids, worker_profile
from orders.models import ASSIGNMENT_MOVES_BY_ORDER_STATE, Assignment, AssignmentStatus, ContractType
from workers.models import Worker

# Access-log data codes of this app.
LOG_BENEFITS = "benefits"
LOG_FORESIGHT = "benefit_foresight"
LOG_CONSENTS = "consents"
LOG_CONSENT_SCAN = "consent_scan"

SELF = "self"


# --- Who is looking ---------------------------------------------------------------------------------
def viewer_actor(user, worker: Worker) -> str | None:
    """In which capacity the user looks at the worker's benefits: the worker themself ("self"), the
    coordinator, the worker's unit, or None (not allowed at all)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if worker.user_id == user.pk:
        return SELF
    if is_coordinator(user):
        return Actor.COORDINATOR
    if worker.home_unit_id in staff_unit_ids(user):
        return Actor.UNIT
    return None


def can_manage_benefits(user, worker: Worker) -> bool:
    """Staff of the worker's unit and the coordinator record benefits, clarifications and consents."""
    return viewer_actor(user, worker) in {Actor.UNIT, Actor.COORDINATOR}


def consent_allows(actor: str | None, consents: Iterable[Consent], data: str, day: dt.date | None = None) -> bool:
    """Whether the worker's consents let `actor` see `data` on `day`. The worker always sees their own."""
    if actor == SELF:
        return True
    if actor is None:
        return False
    day = day or timezone.localdate()
    return any(consent.covers(actor, data, day) for consent in consents)


def log_views(
    *, user, workers: Iterable[Worker | int], data: str, path: str = "", reason: str = "", action: str = "view"
):
    """One access-log row per worker (one INSERT for a list), through `jobcenter.access_log`. The
    worker's own looks are not logged: the log tells the worker who else looked."""
    workers = list(workers)
    if not workers:
        return
    own_id = None
    if any(isinstance(worker, int) for worker in workers):
        own = worker_profile(user)
        own_id = own.pk if own is not None else None
    others = [
        worker for worker in workers if not (worker == own_id if isinstance(worker, int) else worker.user_id == user.pk)
    ]
    if others:
        log_access(user, others, data, action=action, reason=reason, path=path)


def _refuse(user, worker: Worker, data: str, path: str):
    """A look outside the user's scope: a "denied" access-log row (a failed attempt is logged as
    well, so the worker can see who tried), then the same 404 as for a worker that does not exist."""
    if user is not None and user.is_authenticated:
        log_access(user, worker, data, outcome=AccessLogOutcome.DENIED, path=path)
    raise Http404


def benefits_worker_get_for(*, user, pk: int, path: str = "") -> tuple[Worker, str]:
    """The worker and the user's capacity; 404 for anyone who may not look at this worker's benefits."""
    worker = Worker.objects.select_related("user", "home_unit").defer("support_needs").filter(pk=pk).first()
    if worker is None:
        raise Http404
    actor = viewer_actor(user, worker)
    if actor is None:
        _refuse(user, worker, LOG_BENEFITS, path)
    return worker, actor


def consent_get_for(*, user, pk: int, path: str = "") -> tuple[Consent, str]:
    """A consent whose worker the user may look at (404 otherwise, logged as denied)."""
    consent = Consent.objects.select_related("worker", "worker__user", "worker__home_unit").filter(pk=pk).first()
    if consent is None:
        raise Http404
    actor = viewer_actor(user, consent.worker)
    if actor is None:
        _refuse(user, consent.worker, LOG_CONSENTS, path)
    return consent, actor


# --- The commission-work explanation ------------------------------------------------------------------
def commission_explanation_pending(assignment: Assignment) -> bool:
    """Whether recording the explanation can still matter: a commission gig, the worker proposed but
    not offered yet, and the order in a state in which the coordinator may offer. Once the gig is
    offered, taken, declined, done or withdrawn, or the order is over, there is nothing to explain."""
    order = assignment.gig.order
    return (
        order.contract_type == ContractType.COMMISSION
        and assignment.status == AssignmentStatus.PROPOSED
        and AssignmentStatus.OFFERED in ASSIGNMENT_MOVES_BY_ORDER_STATE[order.status]
    )


def commission_explanation_assignment_for(*, user, pk: int, path: str = "") -> Assignment:
    """The assignment whose commission-work explanation the user may record, its look logged
    (`LOG_FORESIGHT`: the page tells that this gig may affect the worker's benefits).

    Staff of the worker's unit and the coordinator only: anyone else gets a 404 after a "denied"
    row (the worker themself a 404 without one, as on the other staff pages of their benefits). An
    assignment that no longer waits for its offer is a 404 as well, with nothing logged: nothing is
    shown, and the user is one who may look at the worker's benefits."""
    assignment = (
        Assignment.objects.select_related("worker__user", "worker__home_unit", "gig__order__client")
        .defer("worker__support_needs")
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404
    actor = viewer_actor(user, assignment.worker)
    if actor is None:
        _refuse(user, assignment.worker, LOG_FORESIGHT, path)
    # The worker themself is not refused a look at their own data (nothing to log), but the page is
    # the staff's: they record what they explained.
    if actor not in {Actor.UNIT, Actor.COORDINATOR} or not commission_explanation_pending(assignment):
        raise Http404
    log_views(user=user, workers=[assignment.worker], data=LOG_FORESIGHT, path=path)
    return assignment
