"""A message to everyone on a gig (`/coordinator/gigs/<pk>/message/`): the page shows who gets it and
by which channel (the same list the service sends to), the coordinator writes the text and ticks
whether the client's contact gets it too; POST sends and goes back to the order."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from jobcenter.errors import DomainError
from orders.selectors.changes import gig_get_for
from orders.selectors.gig_messages import gig_message_recipients
from orders.services.gig_messages import gig_message_refusal, gig_message_send
from web.coordinator.forms_gig_messages import GigMessageForm
from web.coordinator.views.base import CoordinatorView, _order_url


class GigMessageView(CoordinatorView):
    http_method_names = ["get", "post"]

    def page(self, request, gig, form, status=200):
        told = gig_message_recipients(gig=gig, include_client=True)
        context = {
            "gig": gig,
            "order": gig.order,
            "form": form,
            "told": [r for r in told if r.role != "client"],
            "client": next((r for r in told if r.role == "client"), None),
            "refusal": gig_message_refusal(gig),
        }
        return render(request, "coordinator/gig_message.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = gig_get_for(user=request.user, pk=pk)
        return self.page(request, gig, GigMessageForm(auto_id="message-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = gig_get_for(user=request.user, pk=pk)
        form = GigMessageForm(request.POST, auto_id="message-%s")
        if not form.is_valid():
            return self.page(request, gig, form, status=400)
        try:
            told = gig_message_send(
                gig_id=gig.pk,
                by=request.user,
                text=form.cleaned_data["text"],
                include_client=form.cleaned_data["include_client"],
            )
        except DomainError as err:
            form.add_error(None, err.message)
            return self.page(request, gig, form, status=400)
        messages.success(
            request,
            ngettext(
                "The message was sent to %(count)s person.", "The message was sent to %(count)s people.", len(told)
            )
            % {"count": len(told)},
        )
        return redirect(_order_url(gig.order, f"gig-{gig.pk}"))
