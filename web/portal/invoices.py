"""The client contact's own invoices (`/billing/my/`): the organisation's invoices as PDFs.

A user who is no organisation's contact gets 403; another organisation's invoice is a 404, like
one that does not exist.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from billing.documents import invoice_with_stored_pdf
from billing.models import Invoice
from jobcenter.downloads import stored_file_attachment
from jobcenter.roles import client_organisation_ids


def _client_invoices(user):
    org_ids = client_organisation_ids(user)
    if not org_ids:
        raise PermissionDenied
    return Invoice.objects.filter(client_id__in=org_ids).select_related("series")


@login_required
def client_invoice_list(request):
    invoices = _client_invoices(request.user).order_by("-issue_date", "-number")[:200]
    return render(request, "billing/client_invoice_list.html", {"invoices": invoices})


@login_required
def client_invoice_pdf(request, pk: int):
    """Another organisation's invoice is a 404, like one that does not exist."""
    stored = invoice_with_stored_pdf(get_object_or_404(_client_invoices(request.user), pk=pk))
    if stored is None:
        raise Http404
    return stored_file_attachment(stored.pdf, filename=f"{stored.display_number}.pdf", content_type="application/pdf")
