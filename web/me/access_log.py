"""The worker's right to see their access log (käyttöloki): `/me/access-log/`.

Who has looked at my data, when, what and why, in plain language on a phone. The worker's own
looks are left out (they are logged all the same); opening the page is itself logged.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jobcenter.access_log import DATA_ACCESS_LOG, access_log_for_worker, display_rows, log_access
from jobcenter.gates import worker_required

PER_PAGE = 20


@require_safe
@worker_required
def access_log(request: HttpRequest) -> HttpResponse:
    page = Paginator(access_log_for_worker(worker=request.worker), PER_PAGE).get_page(request.GET.get("page"))
    rows = display_rows(page.object_list)
    log_access(request, request.worker, DATA_ACCESS_LOG)
    return render(request, "workers/access_log.html", {"page": page, "rows": rows})
