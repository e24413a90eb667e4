"""Changing an order after it was sent: cancel one gig (with a reason), change a gig, change the
order's task and place. Each is a page (GET) that shows who will be told, and a POST that calls the
service, says what happened and goes back to the order."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import services
from orders.selectors import order_get_for
from orders.selectors.changes import gig_cancel_recipients, gig_change_recipients, gig_get_for, order_change_recipients
from web.coordinator.forms import GigForm
from web.coordinator.forms_changes import GigCancelForm, OrderEditForm
from web.coordinator.views.base import CoordinatorView, _order_url


def _when(gig) -> str:
    return formats.date_format(gig.date, "SHORT_DATE_FORMAT")


class GigCancelView(CoordinatorView):
    http_method_names = ["get", "post"]

    def page(self, request, gig, form, status=200):
        context = {"gig": gig, "order": gig.order, "form": form, "told": gig_cancel_recipients(gig=gig)}
        return render(request, "coordinator/gig_cancel.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = gig_get_for(user=request.user, pk=pk)
        return self.page(request, gig, GigCancelForm(auto_id="cancel-gig-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = gig_get_for(user=request.user, pk=pk)
        form = GigCancelForm(request.POST, auto_id="cancel-gig-%s")
        if not form.is_valid():
            return self.page(request, gig, form)
        try:
            services.gig_cancel(gig_id=gig.pk, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as err:
            messages.error(request, err.message)
            return redirect(_order_url(gig.order, f"gig-{gig.pk}"))
        messages.success(
            request,
            _("The gig on %(date)s of order %(number)s is cancelled. The people on it were told.")
            % {"date": _when(gig), "number": gig.order.number},
        )
        return redirect(_order_url(gig.order, f"gig-{gig.pk}"))


class GigEditView(CoordinatorView):
    http_method_names = ["get", "post"]

    def page(self, request, gig, form):
        context = {"gig": gig, "order": gig.order, "gig_form": form, "told": gig_change_recipients(gig=gig)}
        return render(request, "coordinator/gig_edit.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = gig_get_for(user=request.user, pk=pk)
        return self.page(request, gig, GigForm(instance=gig, auto_id="gig-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = gig_get_for(user=request.user, pk=pk)
        # The form's `instance` is a copy: the service, not the form, changes the gig.
        form = GigForm(request.POST, auto_id="gig-%s")
        if not form.is_valid():
            return self.page(request, gig, form)
        try:
            services.gig_change(gig_id=gig.pk, by=request.user, **form.cleaned_data)
        except DomainError as err:
            messages.error(request, err.message)
            return self.page(request, gig, form)
        messages.success(request, _("The gig of order %(number)s is saved.") % {"number": gig.order.number})
        return redirect(_order_url(gig.order, f"gig-{gig.pk}"))


class OrderEditView(CoordinatorView):
    http_method_names = ["get", "post"]

    def page(self, request, order, form):
        context = {"order": order, "form": form, "told": order_change_recipients(order=order)}
        return render(request, "coordinator/order_edit.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        return self.page(request, order, OrderEditForm(order=order, auto_id="edit-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        form = OrderEditForm(request.POST, order=order, auto_id="edit-%s")
        if not form.is_valid():
            return self.page(request, order, form)
        data = form.cleaned_data
        try:
            services.order_change(
                order_id=order.pk,
                by=request.user,
                task_type_id=data["task_type"].pk if data["task_type"] else None,
                description=data["description"],
                street_address=data["street_address"],
                postal_code=data["postal_code"],
                city=data["city"],
            )
        except DomainError as err:
            messages.error(request, err.message)
            return self.page(request, order, form)
        messages.success(request, _("Order %(number)s is saved.") % {"number": order.number})
        return redirect(_order_url(order, "request"))
