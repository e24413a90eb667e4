"""The client contact's own account (`/order/my-orders/`): the organisation's orders, newest first,
with their gigs and who is coming (first names and counts only), the accepted terms' PDF, the
invoices and their state, the feedback asked for, "Order again", and wishes for a worker again.

Only the contact's own organisations: another organisation's order is a 404, as one that does not
exist. A user who is no organisation's contact gets 403, as on the other client pages.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from billing.models import Invoice
from jobcenter.downloads import stored_file_attachment
from jobcenter.errors import DomainError
from jobcenter.forms import BidiSafeForm, NoBidiControlsMixin
from jobcenter.roles import client_organisation_ids
from orders.models import AcceptedTermsCopy, OrderStatus
from orders.models.worker_again import NOTE_MAX_LENGTH
from orders.selectors.client_account import (
    client_order_get_for,
    client_orders_for,
    dress_client_orders,
    workers_who_worked_for,
)
from orders.services.worker_again import WISH_STATES, worker_again_request
from orders.states import AssignmentStatus
from orders.tokens import make_feedback_token
from web.public.order_again import AGAIN_PARAM

ORDERS_PER_PAGE = 10
NO_PROMISE = gettext_lazy("We pass your wish to the unit; the unit decides.")


class AccountFilterForm(BidiSafeForm):
    bidi_strip_fields = ("q",)

    status = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All states")), *OrderStatus.choices],
    )
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


class WorkerAgainForm(NoBidiControlsMixin, forms.Form):
    worker = forms.TypedChoiceField(
        label=gettext_lazy("Who would you like again?"), coerce=int, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("A note to the unit (optional)"),
        help_text=gettext_lazy(
            "For example: the worker already knows our kitchen. Do not write about anyone's health."
        ),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = workers


def _contact_only(user) -> None:
    if not client_organisation_ids(user):
        raise PermissionDenied


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


def _dress(orders) -> None:
    """What each order's card needs beyond the selector: links, its invoices, the feedback asked."""
    prefetch_related_objects(
        orders, Prefetch("invoices", queryset=Invoice.objects.select_related("series").order_by("issue_date", "pk"))
    )
    for order in orders:
        approved = any(
            a.status in AssignmentStatus.billable_states for gig in order.gig_rows for a in gig.assignments.all()
        )
        waiting = (
            order.status in OrderStatus.feedback_states
            and order.feedback_requested_at is not None
            and not order.feedback_given
            and approved
        )
        order.feedback_url = reverse("orders:feedback", args=[make_feedback_token(order)]) if waiting else ""
        order.again_url = f"{reverse('orders:request')}?{AGAIN_PARAM}={order.pk}"
        order.may_wish = order.status in WISH_STATES


@login_required
@never_cache
@require_safe
def client_account(request: HttpRequest) -> HttpResponse:
    _contact_only(request.user)
    filters = AccountFilterForm(request.GET or None)
    qs = client_orders_for(user=request.user, status=filters.value("status"), q=filters.value("q"))
    page = Paginator(qs, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    orders = dress_client_orders(page.object_list)
    _dress(orders)
    had_workers = bool(workers_who_worked_for(user=request.user)) if any(o.may_wish for o in orders) else False
    return render(
        request,
        "orders/client_account.html",
        {
            "orders": orders,
            "page": page,
            "previous_url": _page_url(request, page.previous_page_number()) if page.has_previous() else "",
            "next_url": _page_url(request, page.next_page_number()) if page.has_next() else "",
            "filters": filters,
            "filtered": bool(filters.value("status") or filters.value("q")),
            "had_workers": had_workers,
            "no_promise": NO_PROMISE,
        },
    )


@login_required
@never_cache
@require_safe
def client_accepted_terms_pdf(request: HttpRequest, pk: int):
    """The accepted terms' PDF of an order of the contact's own organisation; 404 otherwise."""
    _contact_only(request.user)
    order = client_order_get_for(user=request.user, pk=pk)
    copy = AcceptedTermsCopy.objects.filter(order=order).first()
    if copy is None:
        raise Http404
    return stored_file_attachment(copy.pdf, filename=copy.filename, content_type="application/pdf")


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def client_worker_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask that a worker who worked for the organisation before be considered for this order."""
    _contact_only(request.user)
    order = client_order_get_for(user=request.user, pk=pk)
    workers = workers_who_worked_for(user=request.user)
    initial = {"worker": request.GET.get("worker", "")}
    form = WorkerAgainForm(request.POST or None, workers=workers, initial=initial)
    open_for_wishes = order.status in WISH_STATES
    if request.method == "POST" and open_for_wishes and form.is_valid():
        try:
            worker_again_request(
                order_id=order.pk,
                worker_id=form.cleaned_data["worker"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, _("Your wish was sent. %(no_promise)s") % {"no_promise": NO_PROMISE})
            return redirect(f"{reverse('orders:client-account')}#order-{order.pk}")
    return render(
        request,
        "orders/client_worker_again.html",
        {
            "order": order,
            "form": form,
            "workers": workers,
            "open_for_wishes": open_for_wishes,
            "no_promise": NO_PROMISE,
        },
    )
