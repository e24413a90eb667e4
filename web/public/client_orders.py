"""The client's own view of an order and its gigs, with "Cancel this gig": logged in as a contact
person of the order's organisation (`orders:client-order`), or through the order's signed client link
(`orders:client-link`). The confirmation page says before anything is done whether the cancellation
is late under the terms and what it costs; the service (`orders.services.gig_cancel_by_client`)
decides again under its lock.

Another organisation's order is a 404 (as one that does not exist); a tampered, expired or
replaced link shows a clear page and changes nothing."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.forms import NoBidiControlsMixin
from jobcenter.roles import client_organisation_ids
from orders import services
from orders.client_links import read_client_order_token
from orders.models import Gig, Order, OrderStatus
from orders.selectors import order_get_for
from orders.services.gig_changes import REASON_MAX_LENGTH
from web.public.client_hired import client_hired_context


class ClientGigCancelForm(NoBidiControlsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the gig cancelled? (optional)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "hds-text-input__input"}),
    )


def _order_page(request, order: Order, *, cancel_url) -> HttpResponse:
    """The order's gigs, each that the client may still cancel with its `cancel_url`."""
    gigs = list(order.gigs.order_by("date", "start_time", "pk"))
    for gig in gigs:
        may = not gig.is_cancelled and order.status in OrderStatus.gig_editable_states
        gig.cancel_url = cancel_url(gig) if may else ""
    cancelled = request.GET.get("cancelled", "")
    context = {"order": order, "gigs": gigs, "just_cancelled": cancelled, "hired": client_hired_context(request, order)}
    return render(request, "orders/client_order.html", context)


def _cancel_page(request, order: Order, gig: Gig, *, by, token_order_id, back_url: str) -> HttpResponse:
    form = ClientGigCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gig_cancel_by_client(
                gig_id=gig.pk, by=by, token_order_id=token_order_id, reason=form.cleaned_data["reason"]
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            return redirect(f"{back_url}?cancelled={gig.pk}#gig-{gig.pk}")
    try:
        quote = services.gig_cancellation_quote(gig_id=gig.pk, by=by, token_order_id=token_order_id)
    except DomainError as err:
        quote, problem = None, err.message
    else:
        problem = ""
    return render(
        request,
        "orders/client_gig_cancel.html",
        {"order": order, "gig": gig, "form": form, "quote": quote, "problem": problem, "back_url": back_url},
    )


# --- Logged in ------------------------------------------------------------------------------------
def _own_order(user, pk: int) -> Order:
    org_ids = client_organisation_ids(user)
    if not org_ids:
        raise PermissionDenied
    return order_get_for(user=user, pk=pk)


@login_required
@never_cache
def client_order(request: HttpRequest, pk: int) -> HttpResponse:
    order = _own_order(request.user, pk)
    return _order_page(request, order, cancel_url=lambda gig: reverse("orders:client-gig-cancel", args=[pk, gig.pk]))


@login_required
@never_cache
def client_gig_cancel(request: HttpRequest, pk: int, gig_pk: int) -> HttpResponse:
    order = _own_order(request.user, pk)
    gig = get_object_or_404(order.gigs, pk=gig_pk)
    return _cancel_page(
        request, order, gig, by=request.user, token_order_id=None, back_url=reverse("orders:client-order", args=[pk])
    )


# --- The signed link ------------------------------------------------------------------------------
def _linked_order(request, token: str) -> Order | HttpResponse:
    try:
        order_id, accepted_stamp = read_client_order_token(token)
    except signing.SignatureExpired:
        return render(request, "orders/terms_link_problem.html", {"problem": "expired"}, status=410)
    except signing.BadSignature:
        return render(request, "orders/terms_link_problem.html", {"problem": "invalid"}, status=404)
    order = Order.objects.select_related("client").filter(pk=order_id).first()  # the signed link's id
    if order is None or order.terms_accepted_at is None or int(order.terms_accepted_at.timestamp()) != accepted_stamp:
        return render(request, "orders/terms_link_problem.html", {"problem": "invalid"}, status=404)
    # The page speaks the language of its address: the link is made in the order's language (on
    # the terms-accepted page), and the contact may switch it like any other page.
    return order


@never_cache
def client_link(request: HttpRequest, token: str) -> HttpResponse:
    order = _linked_order(request, token)
    if isinstance(order, HttpResponse):
        return order
    return _order_page(
        request, order, cancel_url=lambda gig: reverse("orders:client-link-gig-cancel", args=[token, gig.pk])
    )


@never_cache
def client_link_gig_cancel(request: HttpRequest, token: str, gig_pk: int) -> HttpResponse:
    order = _linked_order(request, token)
    if isinstance(order, HttpResponse):
        return order
    gig = get_object_or_404(order.gigs, pk=gig_pk)
    try:
        return _cancel_page(
            request,
            order,
            gig,
            by=None,
            token_order_id=order.pk,
            back_url=reverse("orders:client-link", args=[token]),
        )
    except ActionNotPermitted:
        raise Http404 from None
