"""The billing pages: thin views over billing.selectors and billing.services.

The coordinator's pages, and the client contact's own invoices (`/billing/my/`).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from billing import services
from billing.documents import invoice_with_stored_pdf
from billing.finvoice import FinvoiceInvalid, finvoice_xml
from billing.models import Invoice, InvoiceKind, InvoiceStatus
from billing.selectors import invoice_get_for, invoice_list_for, orders_ready_to_invoice
from billing.services.credit_notes import amount_due, credit_note_draft, lines_left
from billing.services.preview import invoice_preview_for_order
from jobcenter.downloads import stored_file_attachment
from jobcenter.errors import DomainError
from jobcenter.forms import NoBidiControlsMixin
from jobcenter.gates import CoordinatorRequiredMixin, coordinator_required
from orders.selectors import order_get_for
from web.coordinator.forms_billing import CreditNoteForm, InvoiceIssueForm, MarkPaidForm


@coordinator_required
def invoice_list(request):
    invoices = invoice_list_for(user=request.user).order_by("-issue_date", "-number")[:200]
    return render(
        request,
        "billing/invoice_list.html",
        {
            "invoices": invoices,
            "ready_orders": orders_ready_to_invoice(user=request.user),
            "today": timezone.localdate(),
        },
    )


@coordinator_required
def invoice_detail(request, pk: int):
    invoice = invoice_get_for(user=request.user, pk=pk)
    due = amount_due(invoice) if invoice.kind == InvoiceKind.INVOICE else invoice.gross
    # Each credit note with the rows it credited (the original row it refers to).
    credit_notes = invoice.credit_notes.select_related("series").prefetch_related("lines__credits_line")
    return render(
        request,
        "billing/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "vat_rows": invoice.vat_breakdown(),
            "events": invoice.events.select_related("by"),
            "paid_form": MarkPaidForm(initial={"amount": due}),
            "amount_due": due,
            "credit_notes": credit_notes,
            "can_pay": invoice.kind == InvoiceKind.INVOICE
            and invoice.status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_CREDITED),
            "can_credit": invoice.kind == InvoiceKind.INVOICE and invoice.status != InvoiceStatus.CREDITED,
            "can_remind": invoice.is_overdue and bool(invoice.buyer_email),
            "last_reminder": services.invoice_last_reminder(invoice),
        },
    )


def _pdf_response(invoice: Invoice):
    """The stored PDF; rendered (and stored) now if the task has not run yet."""
    stored = invoice_with_stored_pdf(invoice)
    if stored is None:
        raise Http404
    return stored_file_attachment(stored.pdf, filename=f"{stored.display_number}.pdf", content_type="application/pdf")


@coordinator_required
def invoice_pdf(request, pk: int):
    return _pdf_response(invoice_get_for(user=request.user, pk=pk))


@coordinator_required
def invoice_finvoice(request, pk: int):
    invoice = invoice_get_for(user=request.user, pk=pk)
    try:
        content = finvoice_xml(invoice)
    except FinvoiceInvalid as err:
        messages.error(request, _("The e-invoice did not pass the Finvoice check: %(error)s") % {"error": err})
        return redirect("billing:invoice-detail", pk=invoice.pk)
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{invoice.display_number}-finvoice.xml"'
    return response


@coordinator_required
def invoice_preview(request, order_pk: int):
    """What "Issue and send" would issue for the order: lines, VAT, totals, recipient, channel."""
    order = order_get_for(user=request.user, pk=order_pk)
    try:
        preview = invoice_preview_for_order(order.pk)
    except DomainError as err:  # e.g. no price or VAT rate in force on a work date
        messages.error(request, err.message)
        return redirect("billing:invoice-list")
    return render(
        request,
        "billing/invoice_preview.html",
        {"preview": preview, "order": order, "form": InvoiceIssueForm(initial={"confirm": True})},
    )


class InvoiceIssueView(CoordinatorRequiredMixin, View):
    """Issues the order's invoice, only with the confirmation posted from its preview."""

    http_method_names = ["post"]

    def post(self, request, order_pk: int):
        order = order_get_for(user=request.user, pk=order_pk)
        form = InvoiceIssueForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("billing:invoice-preview", order_pk=order.pk)
        try:
            invoice = services.invoice_issue_for_order(order_id=order.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
            return redirect("billing:invoice-preview", order_pk=order.pk)
        messages.success(
            request,
            _("Invoice %(number)s issued for order %(order)s.")
            % {"number": invoice.display_number, "order": order.number},
        )
        return redirect("billing:invoice-detail", pk=invoice.pk)


class InvoiceMarkPaidView(CoordinatorRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        invoice = invoice_get_for(user=request.user, pk=pk)
        form = MarkPaidForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("billing:invoice-detail", pk=invoice.pk)
        try:
            services.invoice_mark_paid(
                invoice_id=invoice.pk,
                by=request.user,
                amount=form.cleaned_data["amount"],
                paid_on=form.cleaned_data["paid_on"],
            )
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("Invoice %(number)s is marked paid.") % {"number": invoice.display_number})
        return redirect("billing:invoice-detail", pk=invoice.pk)


class CreditNoteView(CoordinatorRequiredMixin, View):
    """Choose the rows and hours to credit and give the reason (GET); "Preview" (POST) shows the
    credit note's totals; "Issue the credit note" (POST, confirmed) issues it."""

    http_method_names = ["get", "post"]

    def _page(self, request, invoice, form, *, draft=None, status=200):
        return render(
            request,
            "billing/credit_note_confirm.html",
            {"invoice": invoice, "form": form, "draft": draft, "amount_due": amount_due(invoice)},
            status=status,
        )

    def get(self, request, pk: int):
        invoice = invoice_get_for(user=request.user, pk=pk)
        return self._page(request, invoice, CreditNoteForm(lines=lines_left(invoice)))

    def post(self, request, pk: int):
        invoice = invoice_get_for(user=request.user, pk=pk)
        form = CreditNoteForm(request.POST, lines=lines_left(invoice))
        if not form.is_valid():
            return self._page(request, invoice, form, status=400)
        chosen = form.cleaned_data["chosen"]
        try:
            draft = credit_note_draft(invoice, chosen)
        except DomainError as err:
            form.add_error(None, err.message)
            return self._page(request, invoice, form, status=400)
        if "issue" not in request.POST or not form.cleaned_data["confirm"]:
            if "issue" in request.POST:
                form.add_error("confirm", _("Confirm the credit note."))
            return self._page(request, invoice, form, draft=draft, status=400 if form.errors else 200)
        try:
            credit = services.credit_note_issue(
                invoice_id=invoice.pk, by=request.user, reason=form.cleaned_data["reason"], lines=chosen
            )
        except DomainError as err:
            form.add_error(None, err.message)
            return self._page(request, invoice, form, status=400)
        messages.success(
            request,
            _("Credit note %(credit)s issued for invoice %(number)s.")
            % {"credit": credit.display_number, "number": invoice.display_number},
        )
        return redirect(reverse("billing:invoice-detail", kwargs={"pk": credit.pk}))


class InvoiceReminderView(CoordinatorRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        invoice = invoice_get_for(user=request.user, pk=pk)
        try:
            services.invoice_send_reminder(invoice_id=invoice.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _("A payment reminder of invoice %(number)s was sent to %(email)s.")
                % {"number": invoice.display_number, "email": invoice.buyer_email},
            )
        return redirect("billing:invoice-detail", pk=invoice.pk)


# --- The client contact's invoices ----------------------------------------------------------------
# --- The month-end run ----------------------------------------------------------------------------
class MonthEndForm(NoBidiControlsMixin, forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=2020,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "hds-text-input__input"}),
    )
    month = forms.IntegerField(
        label=gettext_lazy("Month"),
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"class": "hds-text-input__input"}),
    )


def _previous_month() -> tuple[int, int]:
    first = timezone.localdate().replace(day=1)
    last_month = first - dt.timedelta(days=1)
    return last_month.year, last_month.month


class MonthEndView(CoordinatorRequiredMixin, View):
    """The form that starts the month-end run, and the progress of the run in `?run=`."""

    http_method_names = ["get", "post"]

    def _page(self, request, form, status=200):
        run_id = request.GET.get("run", "")
        progress = services.month_end_progress(run_id) if run_id else None
        return render(
            request,
            "billing/month_end.html",
            {"form": form, "run_id": run_id if progress else "", "progress": progress},
            status=status,
        )

    def get(self, request):
        year, month = _previous_month()
        return self._page(request, MonthEndForm(initial={"year": year, "month": month}))

    def post(self, request):
        form = MonthEndForm(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        try:
            run_id = services.month_end_run_start(
                year=form.cleaned_data["year"], month=form.cleaned_data["month"], by=request.user
            )
        except DomainError as err:  # e.g. the task queue is down: nothing started, try again later
            messages.error(request, err.message)
            return self._page(request, form, status=503)
        return redirect(f"{reverse('billing:month-end')}?run={run_id}")


@coordinator_required
def month_end_status(request, run_id: str):
    """The progress partial that the page polls (htmx) every 2 seconds until the run is finished."""
    progress = services.month_end_progress(run_id)
    if progress is None:
        raise Http404
    issued = Invoice.objects.filter(pk__in=progress.get("issued") or []).select_related("series")
    return render(
        request,
        "billing/month_end_status.html",
        {"run_id": run_id, "progress": progress, "issued": issued.order_by("number")},
    )
