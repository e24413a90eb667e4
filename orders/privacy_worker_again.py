"""Clients' wishes for a worker again ("Aino again") in the data inventory, the worker's export and
retention.

A wish says that a client asked for this worker, when, to which unit it went and what the unit did:
personal data about the worker (and the contact who asked). It is a staffing note like an attendance
note, so it is kept as long (`JOBCENTER_RETENTION_ATTENDANCE_DAYS` from when it was asked) and
deleted then; all of a worker's wishes go when she is anonymised. The worker sees them in her
export (the client's note too: it is about her work).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.privacy import (
    PERSONAL,
    PUBLIC,
    register_inventory,
    register_retention_step,
    register_retention_subject,
    register_section,
)
from orders import privacy as orders_privacy  # noqa: F401  (the worker's gig entries come first)
from orders.models import WorkerAgainRequest
from workers.privacy import WORKER

register_inventory(
    {
        "orders.WorkerAgainRequest": {
            "id": PUBLIC,
            "order": PERSONAL,
            "worker": PERSONAL,
            "unit": PERSONAL,
            "asked_by": PERSONAL,
            "asked_at": PERSONAL,
            "note": PERSONAL,
            "handled_at": PERSONAL,
            "handled_by": PERSONAL,
            "outcome": PERSONAL,
        }
    }
)

_LABELS = {
    "client": _("Client"),
    "asked_at": _("Asked"),
    "unit": _("Unit"),
    "note": _("Note from the client"),
    "outcome": _("What the unit did"),
}


@register_section("worker_again", _("Clients who asked for you again"), order=65, labels=_LABELS)
def _worker_again(worker) -> list[dict]:
    rows = (
        WorkerAgainRequest.objects.filter(worker=worker)
        .select_related("order__client", "unit")
        .order_by("asked_at", "pk")
    )
    return [
        {
            "client": row.order.client.name,
            "asked_at": row.asked_at,
            "unit": row.unit.name,
            "note": row.note,
            "outcome": row.get_outcome_display(),
        }
        for row in rows
    ]


# --- Retention ------------------------------------------------------------------------------------
WORKER_AGAIN = "worker_again_request"


def worker_again_requests_past_retention(*, now: dt.datetime | None = None):
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.JOBCENTER_RETENTION_ATTENDANCE_DAYS)
    return WorkerAgainRequest.objects.filter(asked_at__lt=cutoff).order_by("pk")


register_retention_subject(
    WORKER_AGAIN,
    order=45,
    count="worker_again_requests",
    due=lambda now: worker_again_requests_past_retention(now=now),
    lock=lambda pk: WorkerAgainRequest.objects.select_for_update().filter(pk=pk).first(),
)


@register_retention_step(WORKER_AGAIN, "request", order=10, keeps="Nothing: the wish is deleted.")
def _delete_request(job) -> None:
    job.row.delete()


@register_retention_step(WORKER, "worker_again", order=36, keeps="Nothing: clients' wishes for the worker are deleted.")
def _delete_worker_requests(job) -> None:
    WorkerAgainRequest.objects.filter(worker=job.row).delete()
