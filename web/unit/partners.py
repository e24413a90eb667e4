"""Unit staff: a worker's employment contracts of the partner model (with an employer partner such
as Väylä ry): record a contract agreed with the worker and the partner, record the income
clarification done with the worker before the start, and activate the contract.

The pages show the worker's contracts and what was gone through about their income and benefits,
so each look is written to the access log; workers outside the user's units are a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.access_log import ACTION_CHANGE, log_access
from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders.apps import LOG_EMPLOYMENT_CONTRACTS
from orders.models import ContractStatus
from orders.selectors import partners as partner_selectors
from orders.selectors import units as unit_selectors
from orders.services import partners as partner_services
from units.selectors import unit_staff_choices
from web.unit.forms_partners import ClarificationForm, ContractForm


def _contract(request, pk: int, contract_pk: int):
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    contract = partner_selectors.contract_get_for(user=request.user, pk=contract_pk)
    if contract is None or contract.worker_id != worker.pk:
        raise Http404
    return worker, contract


@unit_staff_required
@require_safe
def worker_contracts(request: HttpRequest, pk: int) -> HttpResponse:
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    contracts = partner_selectors.contracts_for_worker(user=request.user, worker=worker)
    log_access(request, worker, LOG_EMPLOYMENT_CONTRACTS)
    return render(
        request,
        "units/partners/contracts.html",
        {"worker": worker, "contracts": contracts, "statuses": ContractStatus, "unit_section": "workers"},
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def contract_create(request: HttpRequest, pk: int) -> HttpResponse:
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    partners = partner_selectors.active_partners()
    form = ContractForm(request.POST or None, partners=partners)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                contract = partner_services.contract_create(
                    worker_id=worker.pk,
                    partner_id=data["partner"].pk,
                    by=request.user,
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    hours_per_occurrence=data["hours_per_occurrence"],
                    every_n_weeks=data["every_n_weeks"],
                    weekdays=data["weekdays"],
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                log_access(request, worker, LOG_EMPLOYMENT_CONTRACTS, action=ACTION_CHANGE)
                messages.success(
                    request,
                    _("The contract with %(partner)s is saved as a draft. Record the income clarification next.")
                    % {"partner": contract.partner.name},
                )
                return redirect("units:contract-clarification", pk=worker.pk, contract_pk=contract.pk)
        status = 400
    return render(
        request,
        "units/partners/contract_form.html",
        {"worker": worker, "form": form, "no_partners": not partners.exists(), "unit_section": "workers"},
        status=status,
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def clarification_record(request: HttpRequest, pk: int, contract_pk: int) -> HttpResponse:
    worker, contract = _contract(request, pk, contract_pk)
    staff = [(c.user_id, c.name) for c in unit_staff_choices(unit_ids=[worker.home_unit_id])[worker.home_unit_id]]
    initial = {"done_on": timezone.localdate(), "done_by": request.user.pk}
    form = ClarificationForm(request.POST or None, staff_choices=staff, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                partner_services.income_clarification_record(
                    contract_id=contract.pk,
                    by=request.user,
                    done_on=data["done_on"],
                    done_by_id=data["done_by"],
                    benefits_checked=data["benefits_checked"],
                    note=data["note"],
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                log_access(request, worker, LOG_EMPLOYMENT_CONTRACTS, action=ACTION_CHANGE)
                messages.success(request, _("The income clarification is recorded."))
                return redirect("units:worker-contracts", pk=worker.pk)
        status = 400
    log_access(request, worker, LOG_EMPLOYMENT_CONTRACTS)
    return render(
        request,
        "units/partners/clarification_form.html",
        {"worker": worker, "contract": contract, "form": form, "unit_section": "workers"},
        status=status,
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def contract_activate(request: HttpRequest, pk: int, contract_pk: int) -> HttpResponse:
    """A confirmation page; the POST activates (refused without a clarification before the start)."""
    worker, contract = _contract(request, pk, contract_pk)
    error = ""
    if request.method == "POST":
        try:
            partner_services.contract_activate(contract_id=contract.pk, by=request.user)
        except DomainError as err:
            error = err.message
        else:
            log_access(request, worker, LOG_EMPLOYMENT_CONTRACTS, action=ACTION_CHANGE)
            messages.success(
                request,
                _("The contract with %(partner)s is active. %(worker)s can now be proposed for its gigs.")
                % {"partner": contract.partner.name, "worker": worker.display_name},
            )
            return redirect("units:worker-contracts", pk=worker.pk)
    log_access(request, worker, LOG_EMPLOYMENT_CONTRACTS)
    return render(
        request,
        "units/partners/contract_activate.html",
        {"worker": worker, "contract": contract, "error": error, "unit_section": "workers"},
        status=400 if error else 200,
    )
