"""Unit staff and repeating gigs: make one on an order their unit was told of (the dates shown
before saving), see its dates and how they are staffed, and propose for the coming dates the
workers of their unit who took the last staffed one; change it from a date on (what changes and
who is told shown before saving) or skip one date, as the coordinator may. Who is told names the
workers of the staff's own units only; the other units' workers are counted. The writes are
`orders.services.series`."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders.forms_series import SeriesChangeForm, SeriesForm, SkipForm
from orders.selectors import units as selectors
from orders.selectors.changes import gig_cancel_recipients
from orders.selectors.series import Timing, order_series_get_for, plan_change, series_gigs, series_rows
from orders.series_rule import Rule
from orders.services import series as series_services
from orders.states import AssignmentStatus, OrderStatus, order_allows_assignment_move

SAVE = "save"


def _day(day: dt.date) -> str:
    return date_format(day, "D j.n.Y")


def _others(count: int) -> str:
    return ngettext("%(count)s worker of another unit", "%(count)s workers of other units", count) % {"count": count}


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


def _mine_and_others(people, my_unit_ids) -> list[str]:
    """The names of the staff's own units' workers, and how many of other units' there are."""
    names = [a.worker.display_name for a in people if a.unit_id in my_unit_ids]
    others = len(people) - len(names)
    return names + ([_others(others)] if others else [])


def _plan_told(plan, my_unit_ids) -> list[tuple]:
    """`ChangePlan.told` with only the staff's own units' workers named."""
    rows = []
    for gig in [gig for gig, _new in plan.changed] + plan.removed:
        coming = [a for a in gig.assignments.all() if a.status in AssignmentStatus.coming_states]
        if coming:
            rows.append((gig, _mine_and_others(coming, my_unit_ids)))
    return rows


def _change_form(request: HttpRequest, series, data=None) -> SeriesChangeForm:
    today = timezone.localdate()
    dates = sorted({g.date for g in series_gigs(series) if not g.is_cancelled and g.date >= today})
    if not dates:
        raise Http404  # nothing ahead to change
    wanted = request.GET.get("from")
    start = next((day for day in dates if day.isoformat() == wanted), dates[0])
    return SeriesChangeForm(
        data, dates=dates, date_label=_day, initial=SeriesChangeForm.initial_for(series, start), auto_id="change-%s"
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def series_change(request: HttpRequest, order_pk: int, pk: int) -> HttpResponse:
    order = selectors.unit_order_get_for(user=request.user, pk=order_pk)
    series = order_series_get_for(order=order, pk=pk)
    form = _change_form(request, series, request.POST if request.method == "POST" else None)
    context = {"order": order, "series": series, "form": form, "plan": None, "unit_section": "needs"}
    if request.method == "POST" and form.is_valid():
        data = form.rule_data()
        try:
            if request.POST.get("action") != SAVE:
                rule = Rule(
                    start=data["from_date"],
                    interval_weeks=data["interval_weeks"],
                    weekdays=tuple(data["weekdays"]),
                    until=data["until_date"],
                    count=data["count"],
                )
                timing = Timing(data["start_time"], data["planned_hours"], data["workers_needed"])
                plan = plan_change(series, from_date=data["from_date"], rule=rule, timing=timing)
                context.update(plan=plan, told=_plan_told(plan, order.my_unit_ids))
            else:
                series_services.series_change_from(series_id=series.pk, by=request.user, **data)
                messages.success(
                    request, _("The repeating gig was changed from %(date)s on.") % {"date": _day(data["from_date"])}
                )
                return redirect(_series_url(series))
        except DomainError as err:
            form.add_error(None, err.message)
    return render(request, "units/series_change.html", context)


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def series_skip(request: HttpRequest, order_pk: int, pk: int) -> HttpResponse:
    order = selectors.unit_order_get_for(user=request.user, pk=order_pk)
    series = order_series_get_for(order=order, pk=pk)
    if request.method == "POST":
        form = SkipForm(request.POST, auto_id="skip-%s")
        valid = form.is_valid()
        if "date" in form.errors:
            raise Http404
        day = form.cleaned_data["date"]
    else:
        try:
            day = dt.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            raise Http404 from None
        form, valid = SkipForm(initial={"date": day}, auto_id="skip-%s"), False
    gig = next((g for g in series_gigs(series) if g.date == day and not g.is_cancelled), None)
    if gig is None:
        raise Http404
    if valid:
        try:
            series_services.series_skip(
                series_id=series.pk, by=request.user, date=day, reason=form.cleaned_data["reason"]
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, _("The date %(date)s was skipped.") % {"date": _day(day)})
            return redirect(_series_url(series))
    recipients = gig_cancel_recipients(gig=gig)
    # Other units' workers are counted, not named: the unit sees only its own people.
    told = [r for r in recipients if r.role != "worker" or r.assignment.unit_id in order.my_unit_ids]
    others = len(recipients) - len(told)
    context = {
        "order": order,
        "series": series,
        "form": form,
        "day": day,
        "gig": gig,
        "told": told,
        "told_others": _others(others) if others else "",
        "unit_section": "needs",
    }
    return render(request, "units/series_skip.html", context)
