"""Unit staff: before and after a gig. The start page lists the open items ("Go through the gig with
Aino"); an item's page takes the short note that marks it done; the worker's page lists her done
items with their notes. Notes are special-category data: every page that shows one is access-logged.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.access_log import log_access
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.gates import unit_staff_required
from orders.models import FollowUpKind
from orders.privacy_follow_ups import LOG_FOLLOW_UPS
from orders.selectors import units as unit_selectors
from orders.selectors.follow_ups import follow_up_get_for, follow_ups_done_for_worker, follow_ups_open_for
from orders.services.follow_ups import follow_up_record_note
from web.unit.forms_paths import FollowUpNoteForm


def follow_up_title(item) -> str:
    name = item.assignment.worker.user.first_name or item.assignment.worker.display_name
    if item.kind == FollowUpKind.PREPARE:
        return _("Prepare %(name)s for the gig") % {"name": name}
    return _("Go through the gig with %(name)s") % {"name": name}


def follow_ups_for_start_page(request, *, unit_id=None) -> list:
    """The open items for the unit's start page, each with its title and a note form (no notes shown)."""
    items = follow_ups_open_for(user=request.user, unit_id=unit_id)
    for item in items:
        item.title = follow_up_title(item)
        item.form = FollowUpNoteForm(auto_id=f"follow-up-{item.pk}-%s")
    return items


@sensitive_post_parameters("note")
@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    item = follow_up_get_for(user=request.user, pk=pk)
    worker = item.assignment.worker
    form = FollowUpNoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_record_note(follow_up_id=item.pk, by=request.user, note=form.cleaned_data["note"])
        except ActionNotPermitted:
            raise Http404 from None
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, _("Done. The note was saved."))
            return redirect("units:needs")
    if item.done_at is not None:
        log_access(request, worker, LOG_FOLLOW_UPS)  # the page shows the note
    item.title = follow_up_title(item)
    return render(
        request,
        "units/follow_up.html",
        {"item": item, "worker": worker, "form": form, "unit_section": "needs"},
        status=400 if form.is_bound and form.errors else 200,
    )


@unit_staff_required
@require_safe
def worker_follow_ups(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker's done items with their notes. Looking is written to the access log."""
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    items = follow_ups_done_for_worker(user=request.user, worker=worker)
    log_access(request, worker, LOG_FOLLOW_UPS)
    for item in items:
        item.title = follow_up_title(item)
    return render(
        request, "units/worker_follow_ups.html", {"worker": worker, "items": items, "unit_section": "workers"}
    )
