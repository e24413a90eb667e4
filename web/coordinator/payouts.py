"""The coordinator's payout pages: commission-contract fee statements, the payer's CSV, yearly totals.

Payouts are made only by payment runs (`web.coordinator.payment_runs`), which make the bank file and
the Incomes Register reports with them; this page shows the unpaid work and what was paid."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from billing import payouts
from billing.models import Payout, PayoutStatus, WorkerTaxInfo
from billing.payout_pdf import render_payout_pdf
from jobcenter.access_log import ACTION_CHANGE, ACTION_DOWNLOAD, ACTION_EXPORT, DATA_PAYOUT, DATA_TAX_INFO, log_access
from jobcenter.downloads import attachment
from jobcenter.errors import DomainError
from jobcenter.forms import NoBidiControlsMixin
from jobcenter.gates import CoordinatorRequiredMixin, coordinator_required
from workers.models import Worker

TEXT_INPUT_CLASS = "hds-text-input__input"


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


class PeriodForm(NoBidiControlsMixin, forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Period start"),
        widget=forms.DateInput(attrs={"type": "date", "class": TEXT_INPUT_CLASS}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("Period end"),
        widget=forms.DateInput(attrs={"type": "date", "class": TEXT_INPUT_CLASS}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(gettext_lazy("The period must not end before it starts."))
        return data


class TaxInfoForm(NoBidiControlsMixin, forms.Form):
    withholding_percent = forms.DecimalField(
        label=gettext_lazy("Withholding percentage on the tax card"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=gettext_lazy("Leave empty when there is no tax card; the withholding is then 60 %."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT_CLASS, "inputmode": "decimal"}),
    )
    valid_for_year = forms.IntegerField(
        label=gettext_lazy("Tax card year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": TEXT_INPUT_CLASS}),
    )
    in_prepayment_register = forms.BooleanField(label=gettext_lazy("In the prepayment register"), required=False)


def _period(request) -> tuple[PeriodForm, dt.date, dt.date]:
    start, end = previous_month(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


def _page_url(start: dt.date, end: dt.date) -> str:
    return reverse("payouts:list") + "?" + urlencode({"start": start.isoformat(), "end": end.isoformat()})


@coordinator_required
def payout_list(request):
    form, start, end = _period(request)
    year = end.year
    unpaid = payouts.workers_with_unpaid_work(period_start=start, period_end=end, by=request.user)
    period_payouts = list(payouts.payouts_in_period(period_start=start, period_end=end))
    totals = payouts.yearly_totals(year=year)
    employment = payouts.employment_costs(period_start=start, period_end=end)
    # Pay and tax withheld of every worker on the page: one access-log row per worker (LOG-1).
    shown = [row.worker.pk for row in unpaid] + [p.worker_id for p in period_payouts]
    shown += [t.worker_id for t in totals] + [row.worker.pk for row in employment]
    if shown:
        log_access(request, list(dict.fromkeys(shown)), DATA_PAYOUT)
    return render(
        request,
        "billing/payouts/payout_list.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "query": urlencode({"start": start.isoformat(), "end": end.isoformat()}),
            "unpaid": unpaid,
            "payouts": period_payouts,
            "year": year,
            "totals": totals,
            "employment": employment,
        },
    )


@coordinator_required
def payout_pdf(request, pk: int):
    payout = get_object_or_404(Payout, pk=pk)
    if payout.status == PayoutStatus.DRAFT:
        # A draft's statement may still change (the account is frozen only at approval): shown, not kept.
        log_access(request, payout.worker_id, DATA_PAYOUT, action=ACTION_DOWNLOAD)
        return attachment(
            render_payout_pdf(payout),
            content_type="application/pdf",
            filename=f"palkkiolaskelma-{payout.pk}-luonnos.pdf",
        )
    if not payout.pdf:
        payout = payouts.payout_attach_pdf(payout_id=payout.pk, content=render_payout_pdf(payout))
    if not payout.pdf:
        raise Http404
    log_access(request, payout.worker_id, DATA_PAYOUT, action=ACTION_DOWNLOAD)
    return FileResponse(
        payout.pdf.open("rb"),
        as_attachment=True,
        filename=f"palkkiolaskelma-{payout.pk}.pdf",
        content_type="application/pdf",
    )


@coordinator_required
def payout_csv(request):
    form, start, end = _period(request)
    content = payouts.payout_list_csv(period_start=start, period_end=end)
    exported = list(
        dict.fromkeys(payouts.payouts_in_period(period_start=start, period_end=end).values_list("worker_id", flat=True))
    )
    if exported:
        log_access(request, exported, DATA_PAYOUT, action=ACTION_EXPORT)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payouts-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    return response


class TaxInfoView(CoordinatorRequiredMixin, View):
    http_method_names = ["get", "post"]

    def _page(self, request, worker, form, status=200):
        return render(request, "billing/payouts/tax_info.html", {"worker": worker, "form": form}, status=status)

    def get(self, request, worker_pk: int):
        worker = get_object_or_404(Worker.objects.select_related("user").defer("support_needs"), pk=worker_pk)
        info = WorkerTaxInfo.objects.filter(worker=worker).first()
        initial = (
            {
                "withholding_percent": info.withholding_percent,
                "valid_for_year": info.valid_for_year,
                "in_prepayment_register": info.in_prepayment_register,
            }
            if info
            else {}
        )
        log_access(request, worker, DATA_TAX_INFO)
        return self._page(request, worker, TaxInfoForm(initial=initial))

    def post(self, request, worker_pk: int):
        worker = get_object_or_404(Worker.objects.select_related("user").defer("support_needs"), pk=worker_pk)
        form = TaxInfoForm(request.POST)
        if not form.is_valid():
            return self._page(request, worker, form, status=400)
        try:
            payouts.worker_tax_info_set(worker_id=worker.pk, by=request.user, **form.cleaned_data)
        except DomainError as err:
            messages.error(request, err.message)
            return self._page(request, worker, form, status=400)
        log_access(request, worker, DATA_TAX_INFO, action=ACTION_CHANGE)
        messages.success(request, _("Tax details saved for %(worker)s.") % {"worker": worker.display_name})
        return redirect("payouts:list")
