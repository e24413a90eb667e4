"""The coordinator's downloads of any worker's data export (`/coordinator/workers/<pk>/export/...`).

A coordinator's export has everything, special-category data included (staff log in with a second
factor); every download writes one access-log entry.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobcenter.downloads import attachment
from jobcenter.gates import coordinator_required
from jobcenter.privacy import export_filename, export_json, render_export_pdf
from workers.privacy import worker_export_for

FORMATS = {
    "json": ("application/json; charset=utf-8", "json"),
    "pdf": ("application/pdf", "pdf"),
}


def _download(request: HttpRequest, *, worker_id: int, fmt: str) -> HttpResponse:
    export = worker_export_for(user=request.user, worker_id=worker_id, fmt=fmt, include_special=True, path=request.path)
    content = export_json(export) if fmt == "json" else render_export_pdf(export)
    content_type, extension = FORMATS[fmt]
    return attachment(content, content_type=content_type, filename=export_filename(worker_id, extension))


@require_safe
@coordinator_required
@never_cache
def worker_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, worker_id=pk, fmt="json")


@require_safe
@coordinator_required
@never_cache
def worker_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, worker_id=pk, fmt="pdf")
