"""`GET /api/v1/figures/`, `/services/` and `/units/`: the aggregate figures and the organisation.

The figures are `billing.results.results_report` as it is: a suppressed group (fewer than five
people) keeps its label and `suppressed: true`, its numbers are null. The report's client feedback
quotes are left out altogether, even those a client allowed to be quoted: words are not figures."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from billing.results import ResultsFilter, results_report
from units.models import Unit, WorkActivityService
from web.api.errors import ApiError, ErrorOut, Message
from web.api.schemas import FiguresOut, ServiceOut, UnitOut
from web.api.sections import figures_body

MAX_YEARS = 5
# The refusals every operation may answer (the token's), and the figures' own 400.
REFUSALS = {401: ErrorOut, 403: ErrorOut, 429: ErrorOut}

router = Router(tags=["figures"])


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def checked_filter(start: date, end: date, service: int | None, unit: int | None) -> ResultsFilter:
    """The period and groups asked for, or a 422 with every field's error (both figure endpoints)."""
    errors = []
    if end < start:
        errors.append({"field": "end", "message": _("The end date is before the start date.")})
    elif end >= _years_after(start, MAX_YEARS):
        errors.append(
            {"field": "end", "message": Message(_("The period is at most %(years)d years long."), years=MAX_YEARS)}
        )
    # The services and units are the API's public lists (`/services/`, `/units/`): a few dozen rows.
    if service is not None and service not in set(WorkActivityService.objects.values_list("pk", flat=True)):
        errors.append({"field": "service", "message": _("There is no service with this id.")})
    if unit is not None:
        service_of_unit = dict(Unit.objects.values_list("pk", "service_id"))
        if unit not in service_of_unit:
            errors.append({"field": "unit", "message": _("There is no unit with this id.")})
        elif service is not None and service_of_unit[unit] != service:
            errors.append({"field": "unit", "message": _("The unit is not in this service.")})
    if errors:
        raise ApiError(400, "invalid_parameters", _("Check the parameters."), errors)
    return ResultsFilter(start=start, end=end, service_id=service, unit_id=unit)


@router.get(
    "/figures/",
    response={200: FiguresOut, 400: ErrorOut, **REFUSALS},
    url_name="figures",
    operation_id="figures",
    summary="The aggregate figures of a period",
    description=(
        "People who did paid work, hours, earnings, gigs and clients, in all and per service, unit and the "
        "other sections of the results report, for the days start..end (both included, at most five years), "
        "optionally narrowed to one service or unit. Groups of fewer than five people are suppressed."
    ),
)
def figures(
    request,
    start: Annotated[date, Query(..., description="The first day, YYYY-MM-DD.")],
    end: Annotated[date, Query(..., description="The last day (included), YYYY-MM-DD; under five years after start.")],
    service: Annotated[int | None, Query(None, description="Only this service (an id from /api/v1/services/).")] = None,
    unit: Annotated[int | None, Query(None, description="Only this unit (an id from /api/v1/units/).")] = None,
):
    report = results_report(checked_filter(start, end, service, unit))
    return Status(200, figures_body(report, start=start, end=end, service=service, unit=unit))


@router.get(
    "/services/",
    response={200: list[ServiceOut], **REFUSALS},
    url_name="services",
    operation_id="services",
    summary="The work-activity services",
)
def services(request):
    rows = WorkActivityService.objects.order_by("name", "pk").values_list("pk", "kind", "name")
    return Status(200, [{"id": pk, "kind": kind, "name": name} for pk, kind, name in rows])


@router.get(
    "/units/",
    response={200: list[UnitOut], **REFUSALS},
    url_name="units",
    operation_id="units",
    summary="The units, also those no longer active (older figures name them)",
)
def units(request):
    rows = Unit.objects.order_by("name", "pk").values_list("pk", "name", "service_id", "is_active")
    return Status(200, [{"id": pk, "name": name, "service": svc, "active": active} for pk, name, svc, active in rows])
