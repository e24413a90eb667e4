"""The coordinator's actions on an order. Changes are POST-only; the ones that cannot be undone
(cancel, reject) first show a page that asks for the reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.errors import DomainError
from orders import services
from orders.models import Order
from orders.selectors import order_get_for
from web.coordinator.forms import GigForm, InformUnitsForm, ReasonForm
from web.coordinator.views.base import CoordinatorView, _back, _order_url


# --- Order actions --------------------------------------------------------------------------------
class OrderPostAction(CoordinatorView):
    """A one-click change of the order: POST → service → message → back where the user was."""

    http_method_names = ["post"]

    def call(self, request: HttpRequest, order: Order) -> str:
        """Run the service; return the success message."""
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        try:
            done = self.call(request, order)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, done)
        return redirect(_back(request, _order_url(order)))


class SendTermsView(OrderPostAction):
    def call(self, request, order):
        services.order_send_terms(order_id=order.pk, by=request.user)
        return _("Order %(number)s: the terms were sent to %(email)s.") % {
            "number": order.number,
            "email": order.contact.email,
        }


class RequestFeedbackView(OrderPostAction):
    def call(self, request, order):
        services.order_request_feedback(order_id=order.pk, by=request.user)
        return _("Order %(number)s: feedback was asked for from %(email)s.") % {
            "number": order.number,
            "email": order.contact.email,
        }


class CloseView(OrderPostAction):
    def call(self, request, order):
        services.order_close(order_id=order.pk, by=request.user)
        return _("Order %(number)s is closed.") % {"number": order.number}


class ReasonConfirmView(CoordinatorView):
    """A confirmation page that asks for the reason, then calls the service (GET shows, POST does)."""

    http_method_names = ["get", "post"]
    title = ""
    intro = ""
    submit_label = ""

    def get_object(self, request, pk):
        raise NotImplementedError

    def order_of(self, obj) -> Order:
        return obj

    def call(self, request, obj, reason: str) -> str:
        raise NotImplementedError

    def render_page(self, request, obj, form, status=200):
        order = self.order_of(obj)
        context = {
            "obj": obj,
            "order": order,
            "form": form,
            "title": self.title,
            "intro": self.intro,
            "submit_label": self.submit_label,
            "back_url": _back(request, _order_url(order)),
            "next": request.POST.get("next") or request.GET.get("next") or "",
        }
        return render(request, "coordinator/confirm.html", context, status=status)

    def get(self, request, pk):
        obj = self.get_object(request, pk)
        return self.render_page(request, obj, ReasonForm(auto_id="confirm-%s"))

    def post(self, request, pk):
        obj = self.get_object(request, pk)
        form = ReasonForm(request.POST, auto_id="confirm-%s")
        if not form.is_valid():
            return self.render_page(request, obj, form)
        order = self.order_of(obj)
        try:
            done = self.call(request, obj, form.cleaned_data["reason"])
        except DomainError as err:
            messages.error(request, err.message)
            return redirect(_order_url(order))
        messages.success(request, done)
        return redirect(_back(request, _order_url(order)))


class RejectView(ReasonConfirmView):
    title = gettext_lazy("Reject the request")
    intro = gettext_lazy(
        "The request is turned down and nobody works on it. Write why; the reason is kept in the history."
    )
    submit_label = gettext_lazy("Reject the request")

    def get_object(self, request, pk):
        return order_get_for(user=request.user, pk=pk)

    def call(self, request, order, reason):
        services.order_reject(order_id=order.pk, by=request.user, reason=reason)
        return _("Order %(number)s was rejected.") % {"number": order.number}


class CancelView(ReasonConfirmView):
    title = gettext_lazy("Cancel the order")
    intro = gettext_lazy(
        "The order is cancelled and the workers proposed, offered or accepted for it are taken off its gigs. "
        "Write why; the reason is kept in the history."
    )
    submit_label = gettext_lazy("Cancel the order")

    def get_object(self, request, pk):
        return order_get_for(user=request.user, pk=pk)

    def call(self, request, order, reason):
        services.order_cancel(order_id=order.pk, by=request.user, reason=reason)
        return _("Order %(number)s was cancelled.") % {"number": order.number}


class InformUnitsView(CoordinatorView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        form = InformUnitsForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(_order_url(order, "inform-units"))
        units = list(form.cleaned_data["units"])
        try:
            services.order_inform_units(order_id=order.pk, unit_ids=[u.pk for u in units], by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _("Units informed of order %(number)s: %(units)s.")
                % {"number": order.number, "units": ", ".join(u.name for u in units)},
            )
        return redirect(_order_url(order, "inform-units"))


class GigAddView(CoordinatorView):
    """The gig form: on the order's page, and on a page of its own when it needs correcting."""

    http_method_names = ["get", "post"]

    def page(self, request, order, form):
        return render(request, "coordinator/gig_add.html", {"order": order, "gig_form": form})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        return self.page(request, order, GigForm(auto_id="gig-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        form = GigForm(request.POST, auto_id="gig-%s")
        if not form.is_valid():
            return self.page(request, order, form)
        try:
            gig = services.gig_create(order_id=order.pk, by=request.user, **form.cleaned_data)
        except DomainError as err:
            messages.error(request, err.message)
            return self.page(request, order, form)
        except ValidationError as err:
            for message in err.messages:
                messages.error(request, message)
            return self.page(request, order, form)
        messages.success(
            request,
            _("A gig on %(date)s was added to order %(number)s.")
            % {"date": gig.date.strftime("%d.%m.%Y"), "number": order.number},
        )
        return redirect(_order_url(order, "gigs"))
