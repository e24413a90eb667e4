"""The accepted terms' PDF, downloaded from the coordinator's order page."""

from __future__ import annotations

from jobcenter.downloads import stored_file_attachment
from jobcenter.gates import coordinator_required
from orders.selectors.accepted_terms import accepted_terms_copy_for


@coordinator_required
def accepted_terms_pdf(request, pk: int):
    copy = accepted_terms_copy_for(user=request.user, order_pk=pk)
    return stored_file_attachment(copy.pdf, filename=copy.filename, content_type="application/pdf")
