"""The coordinator's page of a worker's bank account and identity code (`payouts:payment-details`).

For the payment pages' users (the coordinator and the paying role). The page shows the values
masked; the coordinator enters them (the form), the paying role alone can show one in full
("Show in full": a POST, so the value is never in a URL or a cache, each look one access-log row).
Anyone else who asks to see one in full gets a 403 and a "denied" access-log row. The responses are
never cached and Django's error reports never show the posted values.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from billing.forms_payment_details import SENSITIVE_FIELDS, PaymentDetailsForm
from billing.selectors_payment_details import (
    REVEALABLE,
    can_enter_payment_details,
    can_see_payment_details_in_full,
    payment_detail_reveal,
    payment_details_summary_for,
    payment_details_worker_get_for,
)
from billing.services.payment_details import worker_payment_details_set
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.gates import PaymentsRequiredMixin
from jobcenter.stepup import session_is_strong

TEMPLATE = "billing/payment_details/coordinator.html"


@method_decorator([never_cache, sensitive_post_parameters(*SENSITIVE_FIELDS)], name="dispatch")
class PaymentDetailsView(PaymentsRequiredMixin, View):
    http_method_names = ["get", "head", "post"]

    def _page(self, request, worker, *, form=None, revealed=None, status=200) -> HttpResponse:
        summary = payment_details_summary_for(user=request.user, worker=worker)
        can_enter = can_enter_payment_details(request.user, worker)
        if can_enter and form is None:
            form = PaymentDetailsForm(initial={"bic": summary.bic})
        context = {
            "worker": worker,
            "summary": summary,
            "form": form if can_enter else None,
            "can_reveal": can_see_payment_details_in_full(request.user),
            "revealed": revealed or {},
        }
        return render(request, TEMPLATE, context, status=status)

    def get(self, request: HttpRequest, worker_pk: int) -> HttpResponse:
        worker = payment_details_worker_get_for(user=request.user, pk=worker_pk)
        return self._page(request, worker)

    def post(self, request: HttpRequest, worker_pk: int) -> HttpResponse:
        worker = payment_details_worker_get_for(user=request.user, pk=worker_pk)
        if "show" in request.POST:
            return self._show(request, worker)
        if not can_enter_payment_details(request.user, worker):
            raise ActionNotPermitted()
        summary = payment_details_summary_for(user=request.user, worker=worker)
        form = PaymentDetailsForm(request.POST, current_iban_country=summary.iban[:2])
        if not form.is_valid():
            return self._page(request, worker, form=form, status=400)
        try:
            worker_payment_details_set(worker_id=worker.pk, by=request.user, path=request.path, **form.service_values())
        except DomainError as err:
            form.add_error(None, err.message)
            return self._page(request, worker, form=form, status=400)
        messages.success(
            request, _("Saved. The bank details of %(name)s are up to date.") % {"name": worker.display_name}
        )
        return redirect("payouts:payment-details", worker_pk=worker.pk)

    @method_decorator(sensitive_variables("value"))
    def _show(self, request, worker) -> HttpResponse:
        what = request.POST.get("show", "")
        if what not in REVEALABLE:
            messages.error(request, _("Choose what to show."))
            return redirect("payouts:payment-details", worker_pk=worker.pk)
        value = payment_detail_reveal(
            user=request.user, worker=worker, what=what, strong=session_is_strong(request), request=request
        )
        return self._page(request, worker, revealed={what: value})
