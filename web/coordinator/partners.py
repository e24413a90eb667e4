"""The coordinator's pages of the partner model: the employer partners, a partner's contracts and
gigs by month, its monthly hours report (PDF and CSV), and its invoices to clients, recorded as
received and then paid (each behind a confirmation). The employment orders that name no partner yet
are listed with the partner list, to be given one."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from billing.models import PartnerInvoiceStatus
from billing.partner_reports import partner_hours_csv, partner_hours_pdf, partner_hours_report
from billing.selectors_partner_invoices import partner_invoice_get_for, partner_invoices_of
from billing.services import partner_invoices as invoice_services
from jobcenter.access_log import ACTION_DOWNLOAD, ACTION_EXPORT, DATA_PAYOUT, DATA_PROFILE, log_access
from jobcenter.downloads import attachment
from jobcenter.errors import DomainError
from jobcenter.gates import coordinator_required
from orders.apps import LOG_EMPLOYMENT_CONTRACTS
from orders.models import ClientOrganisation
from orders.selectors import partners as selectors
from orders.services import partners as services
from web.coordinator.forms_partners import MonthForm, OrderPartnerForm, PaidForm, PartnerForm, PartnerInvoiceForm


def _previous_month(today: dt.date) -> str:
    return f"{(today.replace(day=1) - dt.timedelta(days=1)):%Y-%m}"


def _month(request) -> tuple[MonthForm, int, int]:
    form = MonthForm(request.GET or None, initial={"month": _previous_month(timezone.localdate())})
    if form.is_bound and form.is_valid():
        year, month = form.year_month()
    else:
        year, month = (int(part) for part in _previous_month(timezone.localdate()).split("-"))
    return form, year, month


@coordinator_required
@require_safe
def partner_list(request):
    partners = list(selectors.partner_list())
    orders = list(selectors.employment_orders_without_partner())
    active = list(selectors.active_partners())
    return render(
        request,
        "coordinator/partners/list.html",
        {
            "partners": partners,
            "orders": [(order, OrderPartnerForm(partners=active, prefix=f"o{order.pk}")) for order in orders],
        },
    )


@coordinator_required
@require_POST
def order_partner(request, order_pk: int):
    form = OrderPartnerForm(request.POST, partners=list(selectors.active_partners()), prefix=f"o{order_pk}")
    if not form.is_valid():
        messages.error(request, _("Choose an active employer partner."))
        return redirect("coordinator:partner-list")
    try:
        order = services.order_set_employer_partner(
            order_id=order_pk, partner_id=form.cleaned_data["partner"], by=request.user
        )
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request,
            _("%(partner)s employs the workers of order %(number)s.")
            % {"partner": order.employer_partner.name, "number": order.number},
        )
    return redirect("coordinator:partner-list")


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def partner_edit(request, pk: int | None = None):
    partner = selectors.partner_get_for(user=request.user, pk=pk) if pk else None
    form = PartnerForm(request.POST or None, instance=partner)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if partner is None:
                    partner = services.partner_create(by=request.user, **data)
                else:
                    partner = services.partner_update(partner_id=partner.pk, by=request.user, **data)
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(request, _("The employer partner %(name)s is saved.") % {"name": partner.name})
                return redirect("coordinator:partner", pk=partner.pk)
        status = 400
    return render(request, "coordinator/partners/edit.html", {"partner": partner, "form": form}, status=status)


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def partner_detail(request, pk: int):
    partner = selectors.partner_get_for(user=request.user, pk=pk)
    month_form, year, month = _month(request)
    contracts = list(selectors.partner_contracts(partner=partner))
    gigs = list(selectors.partner_gigs_in_month(partner=partner, year=year, month=month))
    clients = ClientOrganisation.objects.filter(orders__employer_partner=partner).distinct().order_by("name")
    invoice_form = PartnerInvoiceForm(request.POST or None, clients=clients, prefix="invoice")
    if request.method == "POST":
        if invoice_form.is_valid() and request.POST.get("confirm") != "yes":
            # The details once more, to be confirmed: a wrong number or amount is not undone.
            return render(
                request, "coordinator/partners/invoice_received.html", {"partner": partner, "form": invoice_form}
            )
        if invoice_form.is_valid():
            data = invoice_form.cleaned_data
            inv_year, inv_month = invoice_form.year_month()
            try:
                invoice = invoice_services.partner_invoice_record_received(
                    partner_id=partner.pk,
                    client_id=data["client"].pk,
                    year=inv_year,
                    month=inv_month,
                    invoice_number=data["invoice_number"],
                    amount=data["amount"],
                    received_on=data["received_on"],
                    by=request.user,
                )
            except DomainError as err:
                invoice_form.add_error(None, err.message)
            else:
                messages.success(
                    request, _("Invoice %(number)s is recorded as received.") % {"number": invoice.invoice_number}
                )
                return redirect(reverse("coordinator:partner", args=[partner.pk]) + "#invoices")
    invoices = partner_invoices_of(user=request.user, partner=partner)
    if contracts:
        log_access(request, list(dict.fromkeys(c.worker_id for c in contracts)), LOG_EMPLOYMENT_CONTRACTS)
    if gigs:
        log_access(request, list(dict.fromkeys(a.worker_id for a in gigs)), DATA_PROFILE)
    return render(
        request,
        "coordinator/partners/detail.html",
        {
            "partner": partner,
            "contracts": contracts,
            "gigs": gigs,
            "month_form": month_form,
            "month_value": f"{year:04d}-{month:02d}",
            "month_first": dt.date(year, month, 1),
            "invoices": invoices,
            "invoice_form": invoice_form,
            "statuses": PartnerInvoiceStatus,
        },
        status=400 if request.method == "POST" else 200,
    )


def _report(request, pk: int):
    partner = selectors.partner_get_for(user=request.user, pk=pk)
    _form, year, month = _month(request)
    return partner_hours_report(partner=partner, year=year, month=month)


@coordinator_required
@require_safe
def hours_pdf(request, pk: int):
    report = _report(request, pk)
    if report.worker_ids:
        log_access(request, report.worker_ids, DATA_PAYOUT, action=ACTION_DOWNLOAD)
    return attachment(
        partner_hours_pdf(report),
        content_type="application/pdf",
        filename=f"tuntiraportti-{report.partner.pk}-{report.year}-{report.month:02d}.pdf",
    )


@coordinator_required
@require_safe
def hours_csv(request, pk: int):
    report = _report(request, pk)
    if report.worker_ids:
        log_access(request, report.worker_ids, DATA_PAYOUT, action=ACTION_EXPORT)
    response: HttpResponse = attachment(
        partner_hours_csv(report),
        content_type="text/csv; charset=utf-8",
        filename=f"tuntiraportti-{report.partner.pk}-{report.year}-{report.month:02d}.csv",
    )
    return response


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def invoice_paid(request, pk: int):
    """Confirm that the client paid the partner's invoice (with the payment date)."""
    invoice = partner_invoice_get_for(user=request.user, pk=pk)
    form = PaidForm(request.POST or None, initial={"paid_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                invoice_services.partner_invoice_mark_paid(
                    invoice_id=invoice.pk, paid_on=form.cleaned_data["paid_on"], by=request.user
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(request, _("Invoice %(number)s is marked paid.") % {"number": invoice.invoice_number})
                return redirect(reverse("coordinator:partner", args=[invoice.partner_id]) + "#invoices")
        status = 400
    return render(request, "coordinator/partners/invoice_paid.html", {"invoice": invoice, "form": form}, status=status)
