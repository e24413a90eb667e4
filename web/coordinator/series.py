"""The coordinator's pages of a repeating gig (a gig series): make one from an order (the dates
shown before saving), its page with every date and its staffing, change it from a date on (what
changes and who is told shown before saving), skip one date, and offer the coming dates to the
workers of the last staffed date. The writes are `orders.services.series`."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders.forms_series import SeriesChangeForm, SeriesForm, SkipForm
from orders.selectors import order_get_for
from orders.selectors.changes import gig_cancel_recipients
from orders.selectors.series import Timing, plan_change, series_get_for, series_gigs, series_rows
from orders.series_rule import Rule
from orders.services import series as series_services
from orders.states import OrderStatus
from web.coordinator.views.base import CoordinatorView

PREVIEW, SAVE = "preview", "save"


def _day(day: dt.date) -> str:
    return date_format(day, "D j.n.Y")


def series_url(series) -> str:
    return reverse("coordinator:series", args=[series.pk])


def tell_staffing_result(request: HttpRequest, result, *, done_message: str) -> None:
    if result.done:
        messages.success(request, done_message % {"count": len(result.done)})
    for gig, name, reason in result.refused:
        messages.warning(request, f"{name}, {_day(gig.date)}: {reason}")
    if not result.done and not result.refused:
        messages.info(request, _("Nothing to do: every coming date already has these workers."))


class SeriesAddView(CoordinatorView):
    http_method_names = ["get", "post"]

    def page(self, request, order, form, preview=None):
        return render(request, "coordinator/series_add.html", {"order": order, "form": form, "preview": preview})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        return self.page(request, order, SeriesForm(auto_id="series-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        form = SeriesForm(request.POST, auto_id="series-%s")
        if not form.is_valid():
            return self.page(request, order, form)
        try:
            if request.POST.get("action") != SAVE:
                return self.page(request, order, form, preview=form.preview_dates("first_date"))
            series = series_services.series_create(order_id=order.pk, by=request.user, **form.rule_data())
        except DomainError as err:
            form.add_error(None, err.message)
            return self.page(request, order, form)
        messages.success(
            request,
            _("A repeating gig of %(count)s dates was added to order %(number)s.")
            % {"count": series.gigs.count(), "number": order.number},
        )
        return redirect(series_url(series))


class SeriesDetailView(CoordinatorView):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        series = series_get_for(user=request.user, pk=pk)
        editable = series.order.status in OrderStatus.gig_editable_states
        return render(
            request,
            "coordinator/series_detail.html",
            {
                "series": series,
                "order": series.order,
                "rows": series_rows(series),
                "editable": editable,
                "today": timezone.localdate(),
            },
        )


def _coming_dates(series) -> list[dt.date]:
    today = timezone.localdate()
    return sorted({g.date for g in series_gigs(series) if not g.is_cancelled and g.date >= today})


class SeriesChangeView(CoordinatorView):
    http_method_names = ["get", "post"]

    def form(self, series, data=None):
        dates = _coming_dates(series)
        if not dates:
            raise Http404  # nothing ahead to change
        wanted = self.request.GET.get("from")
        start = next((day for day in dates if day.isoformat() == wanted), dates[0])
        return SeriesChangeForm(
            data,
            dates=dates,
            date_label=_day,
            initial=SeriesChangeForm.initial_for(series, start),
            auto_id="change-%s",
        )

    def page(self, request, series, form, plan=None):
        context = {"series": series, "order": series.order, "form": form, "plan": plan}
        if plan is not None:
            context["told"] = plan.told()
        return render(request, "coordinator/series_change.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        series = series_get_for(user=request.user, pk=pk)
        return self.page(request, series, self.form(series))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        series = series_get_for(user=request.user, pk=pk)
        form = self.form(series, request.POST)
        if not form.is_valid():
            return self.page(request, series, form)
        data = form.rule_data()
        try:
            if request.POST.get("action") != SAVE:
                plan = plan_change(
                    series,
                    from_date=data["from_date"],
                    rule=Rule(
                        start=data["from_date"],
                        interval_weeks=data["interval_weeks"],
                        weekdays=tuple(data["weekdays"]),
                        until=data["until_date"],
                        count=data["count"],
                    ),
                    timing=Timing(data["start_time"], data["planned_hours"], data["workers_needed"]),
                )
                return self.page(request, series, form, plan=plan)
            series_services.series_change_from(series_id=series.pk, by=request.user, **data)
        except DomainError as err:
            form.add_error(None, err.message)
            return self.page(request, series, form)
        messages.success(
            request, _("The repeating gig was changed from %(date)s on.") % {"date": _day(data["from_date"])}
        )
        return redirect(series_url(series))


class SeriesSkipView(CoordinatorView):
    http_method_names = ["get", "post"]

    def page(self, request, series, form, day):
        gig = next((g for g in series_gigs(series) if g.date == day and not g.is_cancelled), None)
        if gig is None:
            raise Http404
        told = gig_cancel_recipients(gig=gig)
        context = {"series": series, "order": series.order, "form": form, "day": day, "gig": gig, "told": told}
        return render(request, "coordinator/series_skip.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        series = series_get_for(user=request.user, pk=pk)
        try:
            day = dt.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            raise Http404 from None
        return self.page(request, series, SkipForm(initial={"date": day}, auto_id="skip-%s"), day)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        series = series_get_for(user=request.user, pk=pk)
        form = SkipForm(request.POST, auto_id="skip-%s")
        if not form.is_valid():
            if "date" in form.errors:
                raise Http404
            return self.page(request, series, form, form.cleaned_data["date"])
        day = form.cleaned_data["date"]
        try:
            series_services.series_skip(
                series_id=series.pk, by=request.user, date=day, reason=form.cleaned_data["reason"]
            )
        except DomainError as err:
            form.add_error(None, err.message)
            return self.page(request, series, form, day)
        messages.success(request, _("The date %(date)s was skipped.") % {"date": _day(day)})
        return redirect(series_url(series))


class SeriesOfferSameView(CoordinatorView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        series = series_get_for(user=request.user, pk=pk)
        try:
            result = series_services.series_offer_same_workers(series_id=series.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            tell_staffing_result(
                request, result, done_message=_("Offered: %(count)s. Each worker still accepts or declines each date.")
            )
        return redirect(series_url(series))
