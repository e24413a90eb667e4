"""Gig follow-up items in the data inventory, the worker's export and retention.

The note of a preparation or a review of a gig is a staff member's working note: special-category
data (it may tell of her health or her life), exported only after a strong login. A done item is
kept `JOBCENTER_RETENTION_FOLLOW_UP_DAYS` after it was done and deleted then; all of a worker's
items go when she is anonymised.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.access_log import register_data_label
from jobcenter.privacy import (
    PERSONAL,
    PUBLIC,
    SPECIAL,
    register_inventory,
    register_retention_step,
    register_retention_subject,
    register_section,
)
from orders import privacy as orders_privacy  # noqa: F401  (the worker's gig entries come first)
from orders.models import GigFollowUp
from workers.privacy import WORKER, person_name

# The access-log code of a look at a worker's follow-up notes.
LOG_FOLLOW_UPS = "gig_follow_ups"
register_data_label(LOG_FOLLOW_UPS, _("Notes on preparing for gigs and going through them"))

register_inventory(
    {
        "orders.GigFollowUp": {
            "id": PUBLIC,
            "assignment": PERSONAL,
            "kind": PERSONAL,
            "staff_member": PERSONAL,
            "due_at": PERSONAL,
            "done_at": PERSONAL,
            "done_by": PERSONAL,
            "note": SPECIAL,
            "created_at": PERSONAL,
        }
    }
)

_LABELS = {
    "date": _("Date of the gig"),
    "gig": _("Gig"),
    "kind": _("What was done"),
    "note": _("Note"),
    "done_by": _("Done by"),
    "done_at": _("Done"),
}


@register_section(
    "follow_ups", _("Preparing for gigs and going through them"), special_category=True, order=56, labels=_LABELS
)
def _follow_ups(worker) -> list[dict]:
    items = (
        GigFollowUp.objects.filter(assignment__worker=worker)
        .select_related("assignment__gig__order", "done_by")
        .order_by("due_at", "pk")
    )
    return [
        {
            "date": item.assignment.gig.date,
            "gig": item.assignment.gig.order.title,
            "kind": item.get_kind_display(),
            "note": item.note,
            "done_by": person_name(item.done_by),
            "done_at": item.done_at,
        }
        for item in items
    ]


# --- Retention ------------------------------------------------------------------------------------
FOLLOW_UP = "gig_follow_up"


def follow_ups_past_retention(*, now: dt.datetime | None = None):
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.JOBCENTER_RETENTION_FOLLOW_UP_DAYS)
    return GigFollowUp.objects.filter(created_at__lt=cutoff).order_by("pk")


register_retention_subject(
    FOLLOW_UP,
    order=41,
    count="gig_follow_ups",
    due=lambda now: follow_ups_past_retention(now=now),
    lock=lambda pk: GigFollowUp.objects.select_for_update().filter(pk=pk).first(),
)


@register_retention_step(FOLLOW_UP, "item", order=10, keeps="Nothing: the item and its note are deleted.")
def _delete_item(job) -> None:
    job.row.delete()


@register_retention_step(WORKER, "follow_ups", order=34, keeps="Nothing: the worker's follow-up items are deleted.")
def _delete_worker_items(job) -> None:
    GigFollowUp.objects.filter(assignment__worker=job.row).delete()
