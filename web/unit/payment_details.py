"""Unit staff: the bank account and identity code of a worker of their own unit.

The unit knows the person and sees their papers, so it enters the account a fee goes to and the
identity code the tax report needs. The page shows the current values masked; another unit's
worker is a 404 (as a worker who does not exist), never a 403. Only the paying role may see a value
in full (a staff member who also has that role gets the "Show in full" button); anyone else asking
gets a 403 and a "denied" access-log row. Never cached; the posted values stay out of error reports.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from billing.forms_payment_details import SENSITIVE_FIELDS, PaymentDetailsForm
from billing.selectors_payment_details import (
    REVEALABLE,
    can_enter_payment_details,
    can_see_payment_details_in_full,
    payment_detail_reveal,
    payment_details_summary_for,
)
from billing.services.payment_details import worker_payment_details_set
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.gates import unit_staff_required
from jobcenter.stepup import session_is_strong
from orders.selectors.units import unit_worker_get_for

TEMPLATE = "units/payment_details.html"


def _short_name(worker) -> str:
    user = worker.user
    if user.first_name and user.last_name:
        return f"{user.first_name} {user.last_name[0]}."
    return worker.display_name


def _page(request, worker, *, form=None, revealed=None, status=200) -> HttpResponse:
    summary = payment_details_summary_for(user=request.user, worker=worker)
    can_enter = can_enter_payment_details(request.user, worker)
    if can_enter and form is None:
        form = PaymentDetailsForm(initial={"bic": summary.bic})
    context = {
        "worker": worker,
        "short_name": _short_name(worker),
        "summary": summary,
        "form": form if can_enter else None,
        "can_reveal": can_see_payment_details_in_full(request.user),
        "revealed": revealed or {},
        "unit_section": "workers",
    }
    return render(request, TEMPLATE, context, status=status)


@sensitive_post_parameters(*SENSITIVE_FIELDS)
@unit_staff_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables("value")
def worker_payment_details(request: HttpRequest, pk: int) -> HttpResponse:
    worker = unit_worker_get_for(user=request.user, pk=pk)
    if request.method != "POST":
        return _page(request, worker)
    if "show" in request.POST:
        what = request.POST.get("show", "")
        if what not in REVEALABLE:
            messages.error(request, _("Choose what to show."))
            return redirect("units:worker-payment-details", pk=worker.pk)
        value = payment_detail_reveal(
            user=request.user, worker=worker, what=what, strong=session_is_strong(request), request=request
        )
        return _page(request, worker, revealed={what: value})
    if not can_enter_payment_details(request.user, worker):
        raise ActionNotPermitted()
    summary = payment_details_summary_for(user=request.user, worker=worker)
    form = PaymentDetailsForm(request.POST, current_iban_country=summary.iban[:2])
    if not form.is_valid():
        return _page(request, worker, form=form, status=400)
    try:
        worker_payment_details_set(worker_id=worker.pk, by=request.user, path=request.path, **form.service_values())
    except DomainError as err:
        form.add_error(None, err.message)
        return _page(request, worker, form=form, status=400)
    messages.success(request, _("Saved. The bank details of %(name)s are up to date.") % {"name": _short_name(worker)})
    return redirect("units:worker-payment-details", pk=worker.pk)
