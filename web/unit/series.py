"""Unit staff and repeating gigs: make one on an order their unit was told of (the dates shown
before saving), see its dates and how they are staffed, and propose for the coming dates the
workers of their unit who took the last staffed one. Changing or skipping dates is the
coordinator's, as for a single gig. The writes are `orders.services.series`."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders.forms_series import SeriesForm
from orders.selectors import units as selectors
from orders.selectors.series import order_series_get_for, series_rows
from orders.services import series as series_services
from orders.states import OrderStatus, order_allows_assignment_move

SAVE = "save"


def _tell(request: HttpRequest, result) -> None:
    if result.done:
        messages.success(
            request,
            _("Proposed: %(count)s. The coordinator offers the dates; each worker still accepts each date.")
            % {"count": len(result.done)},
        )
    for gig, name, reason in result.refused:
        messages.warning(request, f"{name}, {date_format(gig.date, 'D j.n.Y')}: {reason}")
    if not result.done and not result.refused:
        messages.info(request, _("Nothing to do: every coming date already has these workers."))


def _series_url(series) -> str:
    return reverse("units:series", args=[series.order_id, series.pk])


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def series_add(request: HttpRequest, order_pk: int) -> HttpResponse:
    order = selectors.unit_order_get_for(user=request.user, pk=order_pk)
    form = SeriesForm(request.POST or None, auto_id="series-%s")
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") != SAVE:
                preview = form.preview_dates("first_date")
            else:
                series = series_services.series_create(order_id=order.pk, by=request.user, **form.rule_data())
                messages.success(request, _("The dates were added. Now propose workers for them."))
                return redirect(_series_url(series))
        except DomainError as err:
            form.add_error(None, err.message)
    context = {"order": order, "form": form, "preview": preview, "unit_section": "needs"}
    return render(request, "units/series_add.html", context)


@unit_staff_required
@require_safe
def series_detail(request: HttpRequest, order_pk: int, pk: int) -> HttpResponse:
    order = selectors.unit_order_get_for(user=request.user, pk=order_pk)
    series = order_series_get_for(order=order, pk=pk)
    rows = series_rows(series)
    for row in rows:
        # Staff see who of their own units is on a date; the other units' workers are counted only.
        row.mine = [a for a in row.people if a.unit_id in order.my_unit_ids]
    context = {
        "order": order,
        "series": series,
        "rows": rows,
        "can_propose": order_allows_assignment_move(order.status, "proposed"),
        "editable": order.status in OrderStatus.gig_editable_states,
        "today": timezone.localdate(),
        "unit_section": "needs",
    }
    return render(request, "units/series_detail.html", context)


@unit_staff_required
@require_POST
def series_propose_same(request: HttpRequest, order_pk: int, pk: int) -> HttpResponse:
    order = selectors.unit_order_get_for(user=request.user, pk=order_pk)
    series = order_series_get_for(order=order, pk=pk)
    try:
        result = series_services.series_propose_same_workers(
            series_id=series.pk, by=request.user, commission_explained=request.POST.get("commission_explained") == "on"
        )
    except DomainError as err:
        messages.error(request, err.message)
    else:
        _tell(request, result)
    return redirect(_series_url(series))
