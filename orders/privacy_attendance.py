"""Attendance notes in the data inventory, the worker's export and retention.

A note says that a worker cancelled late or did not come, with the reason she gave (which may be
her health) and what a person typed: the reason and the note are special-category data, exported
only after a strong login. A note is kept `JOBCENTER_RETENTION_ATTENDANCE_DAYS` and deleted then
(the unit's prompt looks at the last month only); all of a worker's notes go when she is anonymised.
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
from orders.models import AttendanceNote
from workers.privacy import WORKER, person_name

# The access-log code of a look at a worker's attendance notes (or the unit's prompt made of them).
LOG_ATTENDANCE = "attendance"
register_data_label(LOG_ATTENDANCE, _("Attendance notes"))

register_inventory(
    {
        "orders.AttendanceNote": {
            "id": PUBLIC,
            "worker": PERSONAL,
            "assignment": PERSONAL,
            "kind": PERSONAL,
            "reason": SPECIAL,  # "I am ill" is about her health
            "note": SPECIAL,  # what a person typed may tell about her health or her life
            "recorded_by": PERSONAL,
            "recorded_at": PERSONAL,
        }
    }
)

_LABELS = {
    "date": _("Date of the gig"),
    "kind": _("What was noted"),
    "reason": _("Reason"),
    "note": _("Note"),
    "recorded_by": _("Noted by"),
    "recorded_at": _("Noted"),
}


@register_section("attendance", _("Gigs you could not come to"), special_category=True, order=55, labels=_LABELS)
def _attendance(worker) -> list[dict]:
    notes = (
        AttendanceNote.objects.filter(worker=worker)
        .select_related("assignment__gig", "recorded_by")
        .order_by("recorded_at", "pk")
    )
    return [
        {
            "date": note.assignment.gig.date,
            "kind": note.get_kind_display(),
            "reason": note.get_reason_display(),
            "note": note.note,
            "recorded_by": person_name(note.recorded_by),
            "recorded_at": note.recorded_at,
        }
        for note in notes
    ]


# --- Retention ------------------------------------------------------------------------------------
ATTENDANCE = "attendance_note"


def attendance_notes_past_retention(*, now: dt.datetime | None = None):
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.JOBCENTER_RETENTION_ATTENDANCE_DAYS)
    return AttendanceNote.objects.filter(recorded_at__lt=cutoff).order_by("pk")


register_retention_subject(
    ATTENDANCE,
    order=40,
    count="attendance_notes",
    due=lambda now: attendance_notes_past_retention(now=now),
    lock=lambda pk: AttendanceNote.objects.select_for_update().filter(pk=pk).first(),
)


@register_retention_step(ATTENDANCE, "note", order=10, keeps="Nothing: the note is deleted.")
def _delete_note(job) -> None:
    job.row.delete()


@register_retention_step(WORKER, "attendance", order=35, keeps="Nothing: the worker's attendance notes are deleted.")
def _delete_worker_notes(job) -> None:
    AttendanceNote.objects.filter(worker=job.row).delete()
