"""The coordinator's outbox page: emails that could not be sent (and why), and those still waiting;
next to them the e-invoices whose dispatch failed or still waits.

A failed email or e-invoice can be sent again after a confirmation page (GET shows, POST does).
Bodies are not shown: the list needs only the recipient, the subject and the error.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from billing.selectors_dispatch import einvoice_dispatch_get_for, einvoice_dispatch_problems_for
from billing.services import einvoice_dispatch_retry
from jobcenter import mail, sms
from jobcenter.errors import DomainError
from jobcenter.gates import CoordinatorRequiredMixin
from jobcenter.models import OutboundEmail, OutboundEmailStatus


def explain(email: OutboundEmail) -> str:
    """What happened to the email, in words the coordinator acts on."""
    if email.status == OutboundEmailStatus.SENDING:
        return _("Being sent now.")
    if email.status == OutboundEmailStatus.QUEUED:
        if email.last_error:
            return _("The mail server had a temporary problem. The email is tried again automatically.")
        return _("Waiting to be sent.")
    if email.last_error == mail.INTERRUPTED:
        return _(
            "The sending was interrupted. The email may have arrived. Check with the recipient before sending it again."
        )
    return _("The email could not be sent. Check the address and the error, then send it again.")


def _dress(emails: list[OutboundEmail]) -> list[OutboundEmail]:
    for email in emails:
        email.explanation = explain(email)
        email.technical_error = "" if email.last_error == mail.INTERRUPTED else email.last_error
    return emails


@method_decorator(never_cache, name="dispatch")
class OutboxView(CoordinatorRequiredMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        found = mail.outbound_email_problems_for(user=request.user)
        einvoices = einvoice_dispatch_problems_for(user=request.user)
        texts = sms.outbound_sms_problems_for(user=request.user)
        return render(
            request,
            "jobcenter/outbox.html",
            {
                "failed": _dress(found["failed"]),
                "pending": _dress(found["pending"]),
                "einvoices_failed": einvoices["failed"],
                "einvoices_pending": einvoices["pending"],
                "sms_failed": texts["failed"],
                "sms_pending": texts["pending"],
            },
        )


@method_decorator(never_cache, name="dispatch")
class ResendView(CoordinatorRequiredMixin, View):
    """Send a failed email again: a confirmation page, then POST."""

    http_method_names = ["get", "post"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        email = mail.outbound_email_get_for(user=request.user, pk=pk)
        _dress([email])
        return render(request, "jobcenter/outbox_resend.html", {"email": email})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        email = mail.outbound_email_get_for(user=request.user, pk=pk)
        try:
            mail.outbound_email_resend(email_id=email.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("The email to %(to)s will be sent again in a moment.") % {"to": email.to})
        return redirect("coordinator:emails")


@method_decorator(never_cache, name="dispatch")
class EInvoiceResendView(CoordinatorRequiredMixin, View):
    """Send a failed e-invoice again, after its cause was fixed: a confirmation page, then POST."""

    http_method_names = ["get", "post"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        dispatch = einvoice_dispatch_get_for(user=request.user, pk=pk)
        return render(request, "jobcenter/einvoice_resend.html", {"dispatch": dispatch})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        dispatch = einvoice_dispatch_get_for(user=request.user, pk=pk)
        try:
            einvoice_dispatch_retry(dispatch_id=dispatch.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _("The e-invoice %(number)s will be sent again in a moment.")
                % {"number": dispatch.invoice.display_number},
            )
        return redirect("coordinator:emails")
