"""The coordinator's two decisions on a matched client: the same client, or a new one. POST only;
each is one service call (`orders.services.client_match`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import services
from orders.selectors import order_detail_for, order_get_for
from web.coordinator.forms_clients import NewClientForm, SameClientForm
from web.coordinator.views.base import CoordinatorView, _order_url
from web.coordinator.views.order_page import order_page_context


class SameClientView(CoordinatorView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        form = SameClientForm(request.POST)
        form.is_valid()
        try:
            matched = services.client_match_confirm_same(
                order_id=order.pk, by=request.user, update_billing=form.cleaned_data.get("update_billing", False)
            )
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _("Order %(number)s is now an order of %(name)s.") % {"number": order.number, "name": matched.name},
            )
        return redirect(_order_url(order))


class NewClientView(CoordinatorView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        if not order.client.awaits_client_check:
            messages.error(request, _("The client of this order has already been checked. Nothing was changed."))
            return redirect(_order_url(order))
        form = NewClientForm(request.POST, auto_id="new-client-%s")
        if form.is_valid():
            try:
                client = services.client_match_confirm_new(order_id=order.pk, by=request.user, **form.cleaned_data)
            except DomainError as err:
                form.add_error("business_id", err.message)
            else:
                messages.success(
                    request,
                    _("%(name)s is a new client. Order %(number)s stays with it.")
                    % {"name": client.name, "number": order.number},
                )
                return redirect(_order_url(order))
        # Shown again, with the errors next to the fields.
        order = order_detail_for(user=request.user, pk=pk)
        context = order_page_context(request, order, new_client_form=form)
        return render(request, "coordinator/order_detail.html", context, status=200)
