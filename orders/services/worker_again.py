"""A client's wish for a worker who worked for it before ("Aino again").

The wish is a request to the worker's unit, never to the worker: she is not told, and nothing is
promised to the client. The unit's staff are emailed (after commit, each in their language; the
unit's own address in Finnish, as the "unit informed" email), and the order's history notes it.
The unit then proposes her as usual (she must still accept) or marks the wish handled.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from jobcenter.roles import client_organisation_ids, staff_unit_ids
from orders import permissions
from orders.models import Assignment, OrderEvent, WorkerAgainOutcome, WorkerAgainRequest
from orders.models.worker_again import NOTE_MAX_LENGTH, client_worker_name
from orders.services.common import _lock_order, _order_event, _require, _reverse_in, _site_url
from orders.states import AssignmentStatus, OrderStatus
from units.models import UnitMembership
from workers.models import Worker

EMAIL_CODE = "worker_again_unit"
# A wish makes sense while the order's gigs may still be staffed: from the request until the work is done.
WISH_STATES = OrderStatus.changeable_states


def worker_worked_for(*, client_id: int, worker_id: int) -> bool:
    """The worker did (reported or approved) work on a gig of this client organisation."""
    return Assignment.objects.filter(
        worker_id=worker_id,
        gig__order__client_id=client_id,
        status__in=AssignmentStatus.work_done_states,
    ).exists()


def _unit_recipients(unit) -> list[tuple[str, str]]:
    """(email, language): the unit's address, then its active staff, each once."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    if unit.email:
        found.append((unit.email, "fi"))
        seen.add(unit.email.lower())
    staff = (
        UnitMembership.objects.active()
        .filter(unit=unit)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    for membership in staff:
        email = membership.user.email
        if email and email.lower() not in seen:
            seen.add(email.lower())
            found.append((email, membership.user.language or "fi"))
    return found


@transaction.atomic
def worker_again_request(*, order_id: int, worker_id: int, by, note: str = "") -> WorkerAgainRequest:
    """The client's contact asks that the worker's unit consider her for this order's gigs."""
    order = _lock_order(order_id)
    _require(order.client_id in client_organisation_ids(by), _("Only the client's own contacts can ask for this."))
    if order.status not in WISH_STATES:
        raise DomainError(_("This order is no longer being staffed, so no wish can be added to it."))
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(_("Keep the note short: at most %(count)s characters.") % {"count": NOTE_MAX_LENGTH})
    worker = Worker.objects.select_related("user", "home_unit").filter(pk=worker_id, is_active=True).first()
    # The same answer whether the worker exists or not: the client learns nothing of other workers.
    if worker is None or not worker_worked_for(client_id=order.client_id, worker_id=worker.pk):
        raise DomainError(_("You can ask only for a worker who has worked for you before."))
    name = client_worker_name(worker.user.first_name, worker.user.last_name)
    if WorkerAgainRequest.objects.filter(order=order, worker=worker, handled_at__isnull=True).exists():
        raise DomainError(
            _("You have already asked for %(name)s on this order. The unit has your wish.") % {"name": name}
        )
    unit = worker.home_unit
    wish = WorkerAgainRequest.objects.create(order=order, worker=worker, unit=unit, asked_by=by, note=note)
    _order_event(order, by=by, kind=OrderEvent.WORKER_AGAIN_ASKED, params={"name": name, "unit": unit.name})
    for email, language in _unit_recipients(unit):
        link = _site_url(_reverse_in(language, "units:needs")) + f"#wish-{wish.pk}"
        queue_email(
            to=email,
            code=EMAIL_CODE,
            language=language,
            context={"order": order, "unit": unit, "wish": wish, "worker_name": name, "link": link},
        )
    return wish


@transaction.atomic
def worker_again_handle(*, request_id: int, by, outcome: str) -> WorkerAgainRequest:
    """The unit (or the coordinator) marks the wish handled: proposed, or not possible this time."""
    order_id = WorkerAgainRequest.objects.filter(pk=request_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise DomainError(_("The wish no longer exists."))
    order = _lock_order(order_id)
    wish = (
        WorkerAgainRequest.objects.select_for_update(of=("self",))
        .select_related("worker__user", "unit")
        .get(pk=request_id)
    )
    _require(wish.unit_id in staff_unit_ids(by) or permissions.can_coordinate(by))
    if outcome not in WorkerAgainOutcome.values:
        raise DomainError(_("Choose what was done with the wish."))
    if wish.handled_at is not None:
        return wish  # handled already: saying it again changes nothing
    wish.handled_at = timezone.now()
    wish.handled_by = by
    wish.outcome = outcome
    wish.save(update_fields=["handled_at", "handled_by", "outcome"])
    name = client_worker_name(wish.worker.user.first_name, wish.worker.user.last_name)
    _order_event(
        order,
        by=by,
        kind=OrderEvent.WORKER_AGAIN_HANDLED,
        params={"name": name, "unit": wish.unit.name, "outcome": outcome},
    )
    return wish
