"""The worker's own "My data" page (`/me/my-data/`) and its downloads.

The data comes from the privacy registry (`jobcenter.privacy`, each app's sections); every
download writes one access-log entry (`workers.privacy.worker_export_for`).
A worker's own export leaves out special-category data unless the session is strong
(`jobcenter.stepup.session_is_strong`); a coordinator's export has everything (staff log in with
a second factor). Downloads are attachments, never cached, never sniffed.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jobcenter.downloads import attachment
from jobcenter.gates import worker_required
from jobcenter.privacy import export_filename, export_json, render_export_pdf
from jobcenter.stepup import session_is_strong
from workers.privacy import worker_export_for

FORMATS = {
    "json": ("application/json; charset=utf-8", "json"),
    "pdf": ("application/pdf", "pdf"),
}


def _download(request: HttpRequest, *, worker_id: int, fmt: str, include_special: bool) -> HttpResponse:
    export = worker_export_for(
        user=request.user, worker_id=worker_id, fmt=fmt, include_special=include_special, path=request.path
    )
    content = export_json(export) if fmt == "json" else render_export_pdf(export)
    content_type, extension = FORMATS[fmt]
    return attachment(content, content_type=content_type, filename=export_filename(worker_id, extension))


@require_safe
@worker_required
def my_data(request: HttpRequest) -> HttpResponse:
    """What we keep about you, and two buttons to download it."""
    context = {
        "is_strong": session_is_strong(request),
        "worker_years": settings.JOBCENTER_RETENTION_WORKER_YEARS,
        "accounting_years": settings.JOBCENTER_RETENTION_ACCOUNTING_YEARS,
    }
    return render(request, "workers/my_data.html", context)


@require_safe
@worker_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    return _download(request, worker_id=request.worker.pk, fmt="json", include_special=session_is_strong(request))


@require_safe
@worker_required
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, worker_id=request.worker.pk, fmt="pdf", include_special=session_is_strong(request))
