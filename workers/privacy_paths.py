"""Workers' paths in the data inventory, the worker's export and retention.

A step tells which social-welfare services she has been in (disability work activity, social
rehabilitation): special-category data, exported only after a strong login. The steps are kept
while she is a worker, and deleted when she is anonymised. The kinds are reference data.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jobcenter.access_log import register_data_label
from jobcenter.privacy import PERSONAL, PUBLIC, SPECIAL, register_inventory, register_retention_step, register_section
from workers.models_paths import WorkerPathStep
from workers.privacy import WORKER, person_name

# The access-log code of a look at a worker's path (the unit's path page).
LOG_PATH = "worker_path"
register_data_label(LOG_PATH, _("Path: services and work before and after the Jobcenter"))

register_inventory(
    {
        "workers.PathStepKind": {
            "id": PUBLIC,
            "code": PUBLIC,
            "name": PUBLIC,
            "name_fi": PUBLIC,
            "name_sv": PUBLIC,
            "name_en": PUBLIC,
            "is_outcome": PUBLIC,
            "ordering": PUBLIC,
            "is_active": PUBLIC,
        },
        "workers.WorkerPathStep": {
            "id": PUBLIC,
            "worker": PERSONAL,
            "kind": SPECIAL,  # "disability work activity" tells of her health
            "started_on": PERSONAL,
            "ended_on": PERSONAL,
            "note": SPECIAL,  # what a person typed may tell about her health or her life
            "recorded_by": PERSONAL,
            "recorded_at": PERSONAL,
        },
    }
)

_LABELS = {
    "kind": _("Step"),
    "started_on": _("Started"),
    "ended_on": _("Ended"),
    "note": _("Note"),
    "recorded_by": _("Recorded by"),
}


@register_section("path", _("Your path: services and work"), special_category=True, order=57, labels=_LABELS)
def _path(worker) -> list[dict]:
    steps = WorkerPathStep.objects.filter(worker=worker).select_related("kind", "recorded_by").order_by("started_on")
    return [
        {
            "kind": step.kind.name,
            "started_on": step.started_on,
            "ended_on": step.ended_on,
            "note": step.note,
            "recorded_by": person_name(step.recorded_by),
        }
        for step in steps
    ]


@register_retention_step(WORKER, "path_steps", order=36, keeps="Nothing: the worker's path steps are deleted.")
def _delete_worker_path(job) -> None:
    WorkerPathStep.objects.filter(worker=job.row).delete()
