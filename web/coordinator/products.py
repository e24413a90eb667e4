"""The coordinator's page of product sales: every unit's products, the agreements waiting for the
coordinator's agreement (agreed here, with a button), the deliveries whose compensation has not
been paid yet, and the sales reviews that are due.

The page shows what workers made and the compensation due to them, so each look is written to the
access log (one row per worker shown)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from billing import selectors_product_sales as selectors
from billing.services import product_sales as services
from jobcenter.access_log import ACTION_CHANGE, log_access
from jobcenter.errors import DomainError
from jobcenter.gates import coordinator_required


@coordinator_required
@require_safe
def product_sales(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    products = list(selectors.products_for(user=request.user))
    waiting = list(selectors.agreements_waiting_for_coordinator())
    unpaid = selectors.deliveries_not_paid()
    due = list(selectors.reviews_due(today=today))
    makers = {p.maker_id: p.maker for p in products}
    makers.update({a.product.maker_id: a.product.maker for a in waiting + due})
    makers.update({d.product.maker_id: d.product.maker for d in unpaid})
    if makers:
        log_access(request, list(makers.values()), selectors.LOG_PRODUCT_SALES)
    return render(
        request,
        "coordinator/products/overview.html",
        {"products": products, "waiting": waiting, "unpaid": unpaid, "due": due, "today": today},
    )


@coordinator_required
@require_POST
def agreement_agree(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator records their own agreement to the compensation, dated today."""
    try:
        agreement = services.agreement_record_party(
            agreement_id=pk, party=services.Party.COORDINATOR, agreed_on=timezone.localdate(), by=request.user
        )
    except DomainError as err:
        messages.error(request, err.message)
    else:
        product = agreement.product
        log_access(request, product.maker, selectors.LOG_PRODUCT_SALES, action=ACTION_CHANGE)
        messages.success(
            request, _("Your agreement to the compensation of %(product)s is recorded.") % {"product": product.name}
        )
    return redirect("coordinator:product-sales")
