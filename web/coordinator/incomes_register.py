"""The Incomes Register page (`/billing/incomes-register/`): every report of commission fees with
its state and due date, the deliveries, and the cancellations to make in the register's e-service.

For the coordinator and the paying role (the PAYMENTS gate). The identity codes are masked for
everyone here; the page shows pay and tax withheld, so it logs one access-log row per worker on it.
A delivery's file holds the identity codes in full: only the paying role downloads it, and the
download logs a row for every worker in the file. Actions are POST only and go through the
services, which check the role again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from billing.incomes_register.deliveries import (
    FAILED,
    SENT,
    TEMPORARY_FAILURE,
    delivery_worker_ids,
    ir_cancellation_mark_done,
    ir_delivery_resend,
    ir_delivery_send_now,
)
from billing.incomes_register.reports import ir_report_replace
from billing.incomes_register.selectors import (
    ir_cancellations_to_make,
    ir_deliveries_recent,
    ir_delivery_get,
    ir_newest_correctable,
    ir_report_get,
    ir_report_list,
    ir_waiting_payment_dates,
    reports_due_soon,
)
from billing.models import IncomesRegisterReportKind, IncomesRegisterReportStatus, mask_identity_code
from jobcenter.access_log import ACTION_DOWNLOAD, DATA_IR_REPORT, log_access
from jobcenter.downloads import attachment
from jobcenter.errors import DomainError
from jobcenter.forms import BidiSafeForm
from jobcenter.gates import PaymentsRequiredMixin, payer_required, payments_required
from jobcenter.roles import is_payer

PER_PAGE = 50
INPUT = "hds-text-input__input"
Status = IncomesRegisterReportStatus
CORRECTABLE = (Status.WAITING, Status.SENT, Status.FAILED)


class ReportFilterForm(BidiSafeForm):
    status = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All states")), *Status.choices],
        widget=forms.Select(attrs={"class": INPUT}),
    )
    payment_date = forms.DateField(
        label=gettext_lazy("Payment date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": INPUT}, format="%Y-%m-%d"),
    )


class PaymentDateForm(BidiSafeForm):
    payment_date = forms.DateField()


class CorrectionForm(BidiSafeForm):
    amount = forms.DecimalField(
        label=gettext_lazy("Fee (gross), euros"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"class": INPUT, "inputmode": "decimal"}),
    )
    tax_withheld = forms.DecimalField(
        label=gettext_lazy("Tax withheld, euros"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"class": INPUT, "inputmode": "decimal"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the correction"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": INPUT}),
    )

    def clean(self):
        data = super().clean()
        amount, tax = data.get("amount"), data.get("tax_withheld")
        if amount is not None and tax is not None and tax > amount:
            self.add_error("tax_withheld", gettext_lazy("The tax withheld cannot be more than the fee."))
        return data


def _dress(reports, today, warn_by) -> list:
    newest = ir_newest_correctable(report.report_id for report in reports)
    for report in reports:
        report.masked_code = mask_identity_code(report.earner_identity_code)
        report.is_due_soon = report.status in (Status.WAITING, Status.FAILED) and report.due_date <= warn_by
        report.is_overdue = report.is_due_soon and report.due_date < today
        report.can_correct = (
            report.kind != IncomesRegisterReportKind.CANCELLATION
            and report.status in CORRECTABLE
            and newest.get(report.report_id) == report.version
        )
    return reports


@payments_required
def report_list(request):
    filters = ReportFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    reports = ir_report_list(status=chosen.get("status") or "", payment_date=chosen.get("payment_date"))
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    warn_by = today + dt.timedelta(days=settings.JOBCENTER_IR_WARN_DAYS)
    rows = _dress(list(page.object_list), today, warn_by)
    cancellations = ir_cancellations_to_make()
    shown = [r.payout.worker_id for r in rows] + [c.payout.worker_id for c in cancellations]
    if shown:
        log_access(request, list(dict.fromkeys(shown)), DATA_IR_REPORT)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "billing/incomes_register/report_list.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "waiting_dates": ir_waiting_payment_dates(),
            "deliveries": ir_deliveries_recent(),
            "cancellations": cancellations,
            "due": reports_due_soon(today),
            "may_download": is_payer(request.user),
        },
    )


def _say_outcome(request, outcome: str, delivery) -> None:
    if outcome == SENT:
        messages.success(request, _("The reports were sent (delivery %(id)s).") % {"id": delivery.delivery_id})
    elif outcome in (FAILED, TEMPORARY_FAILURE):
        delivery.refresh_from_db()
        messages.error(
            request,
            _("The delivery %(id)s could not be sent: %(error)s")
            % {"id": delivery.delivery_id, "error": delivery.last_error},
        )
    else:
        messages.info(request, _("There was nothing left to send in this delivery."))


class SendNowView(PaymentsRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = PaymentDateForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a payment date whose reports are waiting."))
            return redirect("incomes_register:list")
        try:
            delivery, outcome = ir_delivery_send_now(payment_date=form.cleaned_data["payment_date"], by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            _say_outcome(request, outcome, delivery)
        return redirect("incomes_register:list")


class ResendView(PaymentsRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        delivery = ir_delivery_get(pk)
        if delivery is None:
            raise Http404
        try:
            outcome = ir_delivery_resend(delivery_id=delivery.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            _say_outcome(request, outcome, delivery)
        return redirect("incomes_register:list")


class CancellationDoneView(PaymentsRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        try:
            ir_cancellation_mark_done(report_id=pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("The cancellation is marked done."))
        return redirect("incomes_register:list")


class CorrectView(PaymentsRequiredMixin, View):
    """A replacement report: the form, then a preview of old and new, then the replacement."""

    http_method_names = ["get", "post"]

    def _report(self, pk: int):
        report = ir_report_get(pk)
        if report is None:
            raise Http404
        report.masked_code = mask_identity_code(report.earner_identity_code)
        return report

    def _page(self, request, report, form, *, preview=False, status=200):
        log_access(request, report.payout.worker_id, DATA_IR_REPORT)
        template = "correct_preview.html" if preview else "correct.html"
        context = {"report": report, "form": form}
        return render(request, f"billing/incomes_register/{template}", context, status=status)

    def get(self, request, pk: int):
        report = self._report(pk)
        initial = {"amount": report.amount, "tax_withheld": report.tax_withheld}
        return self._page(request, report, CorrectionForm(initial=initial))

    def post(self, request, pk: int):
        report = self._report(pk)
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            return self._page(request, report, form, status=400)
        if request.POST.get("confirm") != "1":
            return self._page(request, report, form, preview=True)
        try:
            replacement = ir_report_replace(report_id=report.pk, by=request.user, **form.cleaned_data)
        except (DomainError, InvalidOperation) as err:
            form.add_error(None, getattr(err, "message", str(err)))
            return self._page(request, report, form, status=400)
        messages.success(
            request,
            _("Replacement report %(id)s version %(version)s made; it waits to be sent.")
            % {"id": replacement.report_id, "version": replacement.version},
        )
        return redirect(reverse("incomes_register:list") + f"?payment_date={replacement.payment_date:%Y-%m-%d}")


@payer_required
def delivery_download(request, pk: int):
    delivery = ir_delivery_get(pk)
    if delivery is None or not delivery.file:
        raise Http404
    workers = delivery_worker_ids(delivery)
    if workers:
        log_access(request, workers, DATA_IR_REPORT, action=ACTION_DOWNLOAD)
    with delivery.file.open("rb") as stream:
        content = stream.read()
    return attachment(content, content_type="application/xml", filename=f"tulorekisteri-{delivery.delivery_id}.xml")
