"""The partner model's personal data: employer partners, employment contracts and the income
clarifications done with the worker, in the data inventory and in the worker's data export.

The clarification's note may say how the wage meets the worker's benefits, so it is special
category data, exported only after a strong login (as the benefits app's own notes are)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jobcenter.privacy import INVENTORY, PERSONAL, PUBLIC, SPECIAL, register_inventory, register_section
from orders import privacy as orders_privacy  # noqa: F401  (the order and assignment entries come first)
from orders.models import EmploymentContract
from workers.models import Worker
from workers.privacy import person_name

P, PE, S = PUBLIC, PERSONAL, SPECIAL

register_inventory(
    {
        "orders.EmployerPartner": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "name": P,
            "business_id": P,
            "contact_person": PE,
            "email": PE,
            "phone": PE,
            "is_active": P,
        },
        "orders.EmploymentContract": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "worker": PE,
            "partner": PE,
            "unit": PE,
            "start_date": PE,
            "end_date": PE,
            "hours_per_occurrence": PE,
            "every_n_weeks": PE,
            "weekdays": PE,
            "status": PE,
            "created_by": PE,
            "activated_at": PE,
            "activated_by": PE,
            "ended_at": PE,
            "ended_by": PE,
            "end_reason": PE,
        },
        "orders.IncomeClarification": {
            "id": P,
            "contract": PE,
            "done_on": S,
            "done_by": PE,
            "benefits_checked": S,
            "note": S,
            "recorded_by": PE,
            "recorded_at": PE,
        },
        "orders.Order": INVENTORY["orders.Order"] | {"employer_partner": P},
        "orders.Assignment": INVENTORY["orders.Assignment"] | {"employment_contract": PE},
    }
)

del P, PE, S

_LABELS = {
    "partner": _("Employer"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "pattern": _("Working time"),
    "status": _("Status"),
    "clarifications": _("Income clarifications"),
    "done_on": _("Date"),
    "done_by": _("Done by"),
    "note": _("What was gone through"),
}


@register_section(
    "employment_contracts", _("Your employment contracts"), special_category=True, order=55, labels=_LABELS
)
def _contracts(worker: Worker) -> list[dict]:
    contracts = (
        EmploymentContract.objects.filter(worker=worker)
        .select_related("partner")
        .prefetch_related("income_clarifications__done_by")
        .order_by("start_date", "pk")
    )
    return [
        {
            "partner": c.partner.name,
            "start_date": c.start_date,
            "end_date": c.end_date,
            "pattern": c.summary,
            "status": c.get_status_display(),
            "clarifications": [
                {"done_on": ic.done_on, "done_by": person_name(ic.done_by), "note": ic.note}
                for ic in c.income_clarifications.all()
            ],
        }
        for c in contracts
    ]
