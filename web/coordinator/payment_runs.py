"""The payment-run pages: the coordinator makes a run, a person of the paying role approves it,
downloads its bank file and uploads the bank's status report back.

The list and a run's page are for both roles (the PAYMENTS gate); approving, the bank file and the
status report are the paying role's alone (the PAYER gate). The services check each action again,
also that the person who made a run does not approve it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from billing.bank_files.reasons import reason_meaning
from billing.models import PaymentRunStatus, PayoutStatus, mask_iban
from billing.selectors_payments import (
    payment_run_get_for,
    payment_run_holds,
    payment_run_list_for,
    payment_run_payouts,
    payment_run_worker_ids,
    payout_account,
    sees_full_accounts,
)
from billing.services.bank_status import bank_status_report_apply
from billing.services.payment_runs import payment_run_approve, payment_run_create, payment_run_discard
from jobcenter.access_log import ACTION_DOWNLOAD, DATA_BANK_DETAILS, DATA_PAYOUT, log_access
from jobcenter.downloads import attachment
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.gates import (
    CoordinatorRequiredMixin,
    PayerRequiredMixin,
    PaymentsRequiredMixin,
    payer_required,
    payments_required,
)
from jobcenter.roles import is_coordinator, is_payer
from web.coordinator.payment_run_forms import (
    PaymentRunForm,
    PayoutSearchForm,
    StatusReportForm,
    default_cutoff_date,
    default_payment_date,
)

RUNS_PER_PAGE = 25
PAYOUTS_PER_PAGE = 100


def _new_run_form(data=None) -> PaymentRunForm:
    today = timezone.localdate()
    return PaymentRunForm(
        data, initial={"payment_date": default_payment_date(today), "cutoff_date": default_cutoff_date(today)}
    )


def _list_page(request, form, status=200):
    page = Paginator(payment_run_list_for(user=request.user), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "form": form if is_coordinator(request.user) else None}
    return render(request, "billing/payment_runs/run_list.html", context, status=status)


@payments_required
def run_list(request):
    return _list_page(request, _new_run_form())


class RunCreateView(CoordinatorRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = _new_run_form(request.POST)
        if not form.is_valid():
            return _list_page(request, form, status=400)
        try:
            run = payment_run_create(by=request.user, **form.cleaned_data)
        except DomainError as err:
            form.add_error(None, err.message)
            return _list_page(request, form, status=403 if isinstance(err, ActionNotPermitted) else 400)
        messages.success(
            request,
            _("The payment run is made: %(count)s payments. A person with the paying role approves it next.")
            % {"count": run.payment_count},
        )
        return redirect("payment_runs:detail", pk=run.pk)


def _payout_rows(page, *, full: bool) -> list[dict]:
    return [
        {
            "payout": payout,
            "account": (account if full else mask_iban(account)),
            # The bank's reason in the reader's language (the payment keeps the code).
            "reason": reason_meaning(payout.bank_reason_code) if payout.status == PayoutStatus.REJECTED else "",
        }
        for payout in page.object_list
        for account in [payout_account(payout)]
    ]


@payments_required
def run_detail(request, pk: int):
    run = payment_run_get_for(user=request.user, pk=pk)
    search = PayoutSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    page = Paginator(payment_run_payouts(run=run, search=query), PAYOUTS_PER_PAGE).get_page(request.GET.get("page"))
    full = sees_full_accounts(request.user)
    rows = _payout_rows(page, full=full)
    holds = list(payment_run_holds(run=run))
    shown = [row["payout"].worker_id for row in rows]
    # Each worker's pay and tax on the page is read; the paying role also sees the accounts in full.
    if shown or holds:
        log_access(request, shown + [hold.worker_id for hold in holds if hold.worker_id not in shown], DATA_PAYOUT)
    if full and shown:
        log_access(request, shown, DATA_BANK_DETAILS)
    context = {
        "run": run,
        "page": page,
        "rows": rows,
        "holds": holds,
        "search": search,
        "query": query,
        "full_accounts": full,
        "is_draft": run.status == PaymentRunStatus.DRAFT,
        "is_approved": run.status == PaymentRunStatus.APPROVED,
        "may_approve": is_payer(request.user) and run.created_by_id != request.user.pk,
        "is_payer": is_payer(request.user),
        "statuses": PayoutStatus,
    }
    return render(request, "billing/payment_runs/run_detail.html", context)


class RunApproveView(PayerRequiredMixin, View):
    """GET: the totals to confirm; POST: approve, which makes the bank file and the reports."""

    http_method_names = ["get", "post"]

    def get(self, request, pk: int):
        run = payment_run_get_for(user=request.user, pk=pk)
        return render(
            request,
            "billing/payment_runs/run_approve.html",
            {"run": run, "own_run": run.created_by_id == request.user.pk},
        )

    def post(self, request, pk: int):
        run = payment_run_get_for(user=request.user, pk=pk)
        try:
            run = payment_run_approve(run_id=run.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _(
                    "The payment run is approved: %(count)s payments. Download the bank file and send it "
                    "to the bank; the Incomes Register reports of the payments are made."
                )
                % {"count": run.payment_count},
            )
        return redirect("payment_runs:detail", pk=run.pk)


class RunDiscardView(PaymentsRequiredMixin, View):
    http_method_names = ["get", "post"]

    def get(self, request, pk: int):
        run = payment_run_get_for(user=request.user, pk=pk)
        return render(request, "billing/payment_runs/run_discard.html", {"run": run})

    def post(self, request, pk: int):
        run = payment_run_get_for(user=request.user, pk=pk)
        try:
            payment_run_discard(run_id=run.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
            return redirect("payment_runs:detail", pk=run.pk)
        messages.success(request, _("The payment run is discarded. Its work waits for the next run."))
        return redirect("payment_runs:list")


@payer_required
def bank_file_download(request, pk: int):
    run = payment_run_get_for(user=request.user, pk=pk)
    if run.status != PaymentRunStatus.APPROVED or not run.bank_file:
        raise Http404
    with run.bank_file.open("rb") as stored:
        content = stored.read()
    # The file holds every paid worker's account: one row per worker.
    log_access(request, payment_run_worker_ids(run=run), DATA_BANK_DETAILS, action=ACTION_DOWNLOAD)
    return attachment(
        content,
        content_type="application/xml",
        filename=f"maksuaineisto-{run.payment_date:%Y-%m-%d}-{run.pk}.xml",
    )


class StatusReportUploadView(PayerRequiredMixin, View):
    """The bank's status report (pain.002) of an approved run: each payment paid or rejected."""

    http_method_names = ["get", "post"]

    def _page(self, request, run, form, status=200):
        return render(request, "billing/payment_runs/status_report.html", {"run": run, "form": form}, status=status)

    def _approved_run(self, request, pk: int):
        run = payment_run_get_for(user=request.user, pk=pk)
        if run.status != PaymentRunStatus.APPROVED:
            raise Http404  # only an approved run has a bank file for the bank to report on
        return run

    def get(self, request, pk: int):
        return self._page(request, self._approved_run(request, pk), StatusReportForm())

    def post(self, request, pk: int):
        run = self._approved_run(request, pk)
        form = StatusReportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, run, form, status=400)
        upload = form.cleaned_data["report"]
        try:
            report = bank_status_report_apply(content=upload.read(), by=request.user, filename=upload.name)
        except DomainError as err:
            form.add_error("report", err.message)
            return self._page(request, run, form, status=400)
        messages.success(
            request,
            _("The bank's status report is read: %(paid)s paid, %(rejected)s rejected.")
            % {"paid": report.paid, "rejected": report.rejected},
        )
        return redirect(reverse("payment_runs:detail", kwargs={"pk": report.run_id}))
