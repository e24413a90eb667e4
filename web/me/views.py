"""The worker's mobile view (a phone, 360 px wide): `/me/`.

One thing per screen. Only users with a Worker profile get in; anyone else logged in gets a plain
403 page, a visitor the login page. Every gig is looked up through the worker's own assignments, so
another worker's gig is a 404. Actions are POST-only and call the same services as the staff pages
(`orders.services`); a refusal's `DomainError.message` is shown as it is. After each action the
worker sees a confirmation screen of its own (post/redirect/get: reloading changes nothing).
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from benefits.selectors import offer_foresight_for
from billing.pricing import with_worker_hourly_pay
from billing.selectors_earnings import earnings_for_worker
from jobcenter.access_log import ACTION_DOWNLOAD, DATA_CV, log_access
from jobcenter.errors import DomainError
from jobcenter.gates import worker_required
from jobcenter.stepup import session_is_strong
from jobcenter.templatetags.plain import plain_number
from orders.models import Assignment, AssignmentStatus
from orders.pdf_certificates import render_cv_pdf
from orders.selectors.certificates import (
    certificate_download_for,
    certificates_viewed_for,
    language_of,
    worker_cv_for,
)
from orders.selectors.insurance import insured_by_sentence
from orders.selectors.reminders import coming_for
from orders.selectors.worker import (
    can_report_today,
    feedback_list_for_worker,
    gig_history_for_worker,
    is_full_for_me,
    my_gigs_for_worker,
    worker_gig_get,
)
from orders.services import assignment_accept, assignment_decline, assignment_report_done
from web.me.forms import DeclineForm, HoursForm
from web.me.money import next_payment_block

HISTORY_PER_PAGE = 10
FEEDBACK_PER_PAGE = 10
DONE_STATES = AssignmentStatus.work_done_states


def _gig(request: HttpRequest, assignment_pk: int):
    """The worker's own gig with the pay of its date (billing's pricing, in the same query)."""
    return worker_gig_get(worker=request.worker, assignment_id=assignment_pk, extend=with_worker_hourly_pay)


def _to_gig(assignment_pk: int) -> HttpResponse:
    return redirect("workers:gig", assignment_pk=assignment_pk)


# --- Screens --------------------------------------------------------------------------------------
@require_safe
@worker_required
def my_gigs(request: HttpRequest) -> HttpResponse:
    """Offers first, then the worker's own coming gigs, then links to money, feedback and history."""
    gigs = my_gigs_for_worker(worker=request.worker)
    pay = next_payment_block(request)
    return render(request, "workers/mobile/my_gigs.html", {"gigs": gigs, "today": timezone.localdate(), "pay": pay})


@require_safe
@worker_required
def gig(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """What, when, where, how long, what I earn, who supports me, and what I can do now."""
    gig = _gig(request, assignment_pk)
    return render(
        request,
        "workers/mobile/gig.html",
        {
            "gig": gig,
            "is_full": is_full_for_me(gig),
            "can_report": can_report_today(gig),
            "insured_by": insured_by_sentence(gig),
            "coming": coming_for(gig),  # "Tulen" (web.me.answer.gig_coming)
            **_offer_foresight(request, gig),
        },
    )


def _offer_foresight(request: HttpRequest, gig) -> dict:
    """On an offer: what the gig does to the worker's benefits. Benefit figures are special-category
    data, so they show only in a strong session (the worker's own second factor, or an instructor's
    confirmation in person, AUTH-5); a session opened with an emailed code alone gets the general
    note and a way to identify."""
    if gig.assignment_status != AssignmentStatus.OFFERED:
        return {}
    strong = session_is_strong(request)
    if not strong:
        return {"figures_need_identification": True}
    assignment = Assignment.objects.select_related("gig__order").get(pk=gig.assignment_id, worker=request.worker)
    foresight = offer_foresight_for(user=request.user, assignment=assignment)
    return {"foresight": foresight}


@require_POST
@worker_required
def gig_accept(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """ "Otan keikan". Taking a gig twice is fine: the second time changes nothing."""
    gig = _gig(request, assignment_pk)
    try:
        assignment_accept(assignment_id=gig.assignment_id, by=request.user)
    except DomainError as err:
        # A full gig: the gig page says it kindly ("Keikka on jo täynnä. Kiitos kiinnostuksesta!").
        if not is_full_for_me(_gig(request, assignment_pk)):
            messages.error(request, err.message)
        return _to_gig(assignment_pk)
    return redirect("workers:gig-accepted", assignment_pk=assignment_pk)


@require_safe
@worker_required
def gig_accepted(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    gig = _gig(request, assignment_pk)
    if gig.assignment_status != AssignmentStatus.ACCEPTED:
        return _to_gig(assignment_pk)
    return render(request, "workers/mobile/accepted.html", {"gig": gig, "can_report": can_report_today(gig)})


@sensitive_post_parameters("reason")  # a reason may tell of the worker's health
@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def gig_decline(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """ "En voi tulla": asks first, on a screen of its own; the reason is optional."""
    gig = _gig(request, assignment_pk)
    if gig.assignment_status == AssignmentStatus.DECLINED:
        return redirect("workers:gig-declined", assignment_pk=assignment_pk)
    if gig.assignment_status != AssignmentStatus.OFFERED:
        return _to_gig(assignment_pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_decline(assignment_id=gig.assignment_id, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as err:
            messages.error(request, err.message)
            return _to_gig(assignment_pk)
        return redirect("workers:gig-declined", assignment_pk=assignment_pk)
    return render(request, "workers/mobile/decline.html", {"gig": gig, "form": form})


@require_safe
@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def gig_declined(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    gig = _gig(request, assignment_pk)
    if gig.assignment_status != AssignmentStatus.DECLINED:
        return _to_gig(assignment_pk)
    return render(request, "workers/mobile/declined.html", {"gig": gig})


@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def report(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """ "Tein työn": the hours as one big number, prefilled with the planned hours.

    Bad input keeps the form and what was typed, with a message that says how to fix it.
    """
    gig = _gig(request, assignment_pk)
    if gig.assignment_status in DONE_STATES:
        return redirect("workers:gig-reported", assignment_pk=assignment_pk)
    if gig.assignment_status != AssignmentStatus.ACCEPTED:
        return _to_gig(assignment_pk)
    if not can_report_today(gig):
        # Before the gig's day there is nothing to report yet: say when it can be done.
        return render(request, "workers/mobile/report_not_yet.html", {"gig": gig})
    if request.method == "POST":
        form = HoursForm(request.POST)
        if form.is_valid():
            try:
                assignment_report_done(
                    assignment_id=gig.assignment_id, by=request.user, hours=form.cleaned_data["hours"]
                )
            except DomainError as err:
                form.add_error("hours", err.message)
            else:
                return redirect("workers:gig-reported", assignment_pk=assignment_pk)
    else:
        form = HoursForm(initial={"hours": plain_number(gig.planned_hours)})
    return render(request, "workers/mobile/report.html", {"gig": gig, "form": form})


@require_safe
@worker_required
def gig_reported(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    gig = _gig(request, assignment_pk)
    if gig.assignment_status not in DONE_STATES:
        return _to_gig(assignment_pk)
    return render(request, "workers/mobile/reported.html", {"gig": gig})


@require_safe
@worker_required
def earnings(request: HttpRequest) -> HttpResponse:
    """Approved work by month, and work that waits for approval, apart."""
    return render(request, "workers/mobile/earnings.html", {"earnings": earnings_for_worker(worker=request.worker)})


@require_safe
@worker_required
def feedback(request: HttpRequest) -> HttpResponse:
    page = Paginator(feedback_list_for_worker(worker=request.worker), FEEDBACK_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "workers/mobile/feedback.html", {"page": page})


@require_safe
@worker_required
def history(request: HttpRequest) -> HttpResponse:
    """The worker's CV of gigs: date, task, client, hours; ten to a page."""
    page = Paginator(gig_history_for_worker(worker=request.worker), HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "workers/mobile/history.html", {"page": page})


# --- The gig CV and work certificates -------------------------------------------------------------
def _pdf_response(content: bytes, filename: str) -> FileResponse:
    response = FileResponse(io.BytesIO(content), as_attachment=True, filename=filename, content_type="application/pdf")
    response["Cache-Control"] = "no-store, private"
    return response


@require_safe
@worker_required
def cv(request: HttpRequest) -> HttpResponse:
    """The gig CV: tasks done (how many times, how many hours), clients, what clients said."""
    return render(request, "workers/cv.html", {"cv": worker_cv_for(worker=request.worker)})


@require_safe
@worker_required
def cv_pdf(request: HttpRequest) -> HttpResponse:
    """The same CV as a PDF for an employer, made now (nothing stored). The workplaces are named
    only when the worker ticked so on the CV page (`?workplaces=1`)."""
    # The task names too in the paper's language (the worker's), not the page's.
    with translation.override(language_of(request.worker)):
        cv = worker_cv_for(worker=request.worker)
    content = render_cv_pdf(cv, show_workplaces=request.GET.get("workplaces") == "1")
    log_access(request, request.worker, DATA_CV, action=ACTION_DOWNLOAD)
    name = slugify(request.worker.display_name) or "cv"
    return _pdf_response(content, f"keikka-cv-{name}.pdf")


@require_safe
@worker_required
def certificates(request: HttpRequest) -> HttpResponse:
    """The worker's work certificates, newest first, each with a download button. The look is logged."""
    items = certificates_viewed_for(user=request.user, worker=request.worker, path=request.path)
    return render(request, "workers/certificates.html", {"certificates": items})


@require_safe
@worker_required
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the worker's own certificates (another worker's is a 404). The download is logged."""
    certificate = certificate_download_for(user=request.user, pk=pk, worker=request.worker, path=request.path)
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=certificate.download_name,
        content_type="application/pdf",
    )
