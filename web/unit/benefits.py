"""Staff and coordinator pages for a worker's benefits, clarifications and consents.

Reached from the unit's worker page and the coordinator's worker page. Every read goes through
`benefits.selectors` (404 for anyone out of scope, an access-log row for every look) and every
write through `benefits.services`. Nothing sensitive goes into a URL; responses are not cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from benefits import selectors, services
from benefits.forms import (
    BenefitNotesForm,
    ClarificationForm,
    CommissionExplanationForm,
    ConsentForm,
    ConsentWithdrawForm,
    ReceivedBenefitForm,
    ScanForm,
)
from benefits.models import Actor, Benefit
from benefits.pdf import consent_form_pdf_bytes
from jobcenter.errors import DomainError
from jobcenter.gates import coordinator_required


def _manager_worker(request, pk: int):
    """The worker, for staff of their unit or the coordinator; 404 for everyone else (the worker too:
    their own page is /me/benefits/)."""
    worker, actor = selectors.benefits_worker_get_for(user=request.user, pk=pk, path=request.path)
    if actor not in {Actor.UNIT, Actor.COORDINATOR}:
        raise Http404
    return worker, actor


def _render_profile(request, pk: int, *, status: int = 200, **forms) -> HttpResponse:
    profile = selectors.benefit_profile_for(user=request.user, pk=pk, path=request.path)
    if profile.actor not in {Actor.UNIT, Actor.COORDINATOR}:
        raise Http404
    received = {row.benefit: row for row in profile.received}
    context = {
        "profile": profile,
        "worker": profile.worker,
        "actor_label": dict(Actor.choices)[profile.actor],
        "consent_form": forms.get("consent_form") or ConsentForm(),
        "received_form": forms.get("received_form") or ReceivedBenefitForm(),
        "notes_form": forms.get("notes_form") or BenefitNotesForm(initial={"text": profile.notes}),
        "clarification_form": forms.get("clarification_form") or ClarificationForm(),
        "scan_form": ScanForm(),
        "benefit_choices": [(code, label, received.get(code)) for code, label in Benefit.choices],
        "today": timezone.localdate(),
        "back_url": _back_url(request, profile.worker, profile.actor),
    }
    return render(request, "benefits/profile.html", context, status=status)


def _back_url(request, worker, actor) -> str:
    from django.urls import reverse

    if actor == Actor.UNIT:
        return reverse("units:worker", args=[worker.pk])
    return reverse("worker_certificates:worker", args=[worker.pk])


def _done(request, pk: int, message: str, anchor: str = "") -> HttpResponse:
    messages.success(request, message)
    from django.urls import reverse

    return redirect(reverse("benefits:worker", args=[pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@never_cache
@require_safe
def worker_benefits(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_profile(request, pk)


@login_required
@never_cache
@require_POST
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    worker, _actor = _manager_worker(request, pk)
    form = ConsentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_record(
                worker_id=worker.pk,
                actors=data["actors"],
                data=data["data"],
                given_on=data["given_on"],
                valid_until=data["valid_until"],
                scan=data.get("scan"),
                by=request.user,
            )
        except DomainError as err:
            form.add_error("scan" if data.get("scan") else None, err.message)
        else:
            return _done(request, pk, _("The consent is recorded."), "consents")
    return _render_profile(request, pk, consent_form=form)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (what stops being shared, from when), then record the withdrawal."""
    consent, actor = selectors.consent_get_for(user=request.user, pk=pk, path=request.path)
    if actor not in {Actor.UNIT, Actor.COORDINATOR}:
        raise Http404
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                consent_id=consent.pk,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            return _done(request, consent.worker_id, _("The consent is withdrawn."), "consents")
    return render(
        request,
        "benefits/consent_withdraw.html",
        {"consent": consent, "worker": consent.worker, "form": form},
    )


@login_required
@never_cache
@require_POST
def consent_scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    consent, actor = selectors.consent_get_for(user=request.user, pk=pk, path=request.path)
    if actor not in {Actor.UNIT, Actor.COORDINATOR}:
        raise Http404
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.consent_attach_scan(consent_id=consent.pk, upload=form.cleaned_data["scan"], by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            return _done(request, consent.worker_id, _("The signed form is saved."), "consents")
    else:
        messages.error(request, " ".join(form.errors.get("scan", [])) or _("Choose a file."))
    return redirect("benefits:worker", pk=consent.worker_id)


def _private_file_response(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def consent_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed form, as an attachment, after the permission check; the download is logged."""
    consent, actor = selectors.consent_get_for(user=request.user, pk=pk, path=request.path)
    if not consent.signed_scan:
        raise Http404
    selectors.log_views(
        user=request.user,
        workers=[consent.worker],
        data=selectors.LOG_CONSENT_SCAN,
        path=request.path,
        action="download",
    )
    suffix = consent.signed_scan.name.rsplit(".", 1)[-1]
    name = f"suostumus-{slugify(consent.worker.display_name)}-{consent.given_on:%Y-%m-%d}.{suffix}"
    response = FileResponse(
        consent.signed_scan.open("rb"), as_attachment=True, filename=name, content_type=consent.signed_scan_type
    )
    return _private_file_response(response)


@login_required
@require_safe
def consent_form_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A consent form to print and sign on paper, with the worker's name filled in. Logged as a print."""
    worker, _actor = _manager_worker(request, pk)
    selectors.log_views(
        user=request.user, workers=[worker], data=selectors.LOG_CONSENTS, path=request.path, action="print"
    )
    # The worker reads and signs it: in her language, not in the language of the staff member's page.
    content = consent_form_pdf_bytes(worker=worker, language=worker.language)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="suostumuslomake-{slugify(worker.display_name)}.pdf"'
    return _private_file_response(response)


def _profile_form_post(request, pk: int, *, form_class, form_key: str, save, done: str, anchor: str) -> HttpResponse:
    """One of the profile page's forms posted: valid → the service (`save(worker, cleaned_data)`) →
    a message and back to the page at `anchor`; invalid or refused → the page again with the form,
    its input kept and the reason shown."""
    worker, _actor = _manager_worker(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(worker, form.cleaned_data)
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            return _done(request, pk, done, anchor)
    return _render_profile(request, pk, **{form_key: form})


@login_required
@never_cache
@require_POST
def received_set(request: HttpRequest, pk: int) -> HttpResponse:
    return _profile_form_post(
        request,
        pk,
        form_class=ReceivedBenefitForm,
        form_key="received_form",
        save=lambda worker, data: services.received_benefit_set(worker_id=worker.pk, by=request.user, **data),
        done=_("The benefit is saved."),
        anchor="benefits",
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def received_remove(request: HttpRequest, pk: int, benefit: str) -> HttpResponse:
    """Ask first; then remove a benefit that was recorded by mistake."""
    worker, _actor = _manager_worker(request, pk)
    if benefit not in Benefit.values:
        raise Http404
    if request.method == "POST":
        try:
            services.received_benefit_remove(worker_id=worker.pk, benefit=benefit, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
            return redirect("benefits:worker", pk=pk)
        return _done(request, pk, _("The benefit is removed."), "benefits")
    return render(
        request,
        "benefits/received_remove.html",
        {"worker": worker, "benefit_label": Benefit(benefit).label, "benefit": benefit},
    )


@login_required
@never_cache
@require_POST
def notes_set(request: HttpRequest, pk: int) -> HttpResponse:
    return _profile_form_post(
        request,
        pk,
        form_class=BenefitNotesForm,
        form_key="notes_form",
        save=lambda worker, data: services.benefit_notes_set(worker_id=worker.pk, text=data["text"], by=request.user),
        done=_("The notes are saved."),
        anchor="notes",
    )


@login_required
@never_cache
@require_POST
def clarification_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _profile_form_post(
        request,
        pk,
        form_class=ClarificationForm,
        form_key="clarification_form",
        save=lambda worker, data: services.clarification_record(worker_id=worker.pk, by=request.user, **data),
        done=_("The clarification is recorded."),
        anchor="clarifications",
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def commission_explanation(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """Record that the consequences of commission work were explained to the worker (unit staff or
    the coordinator), so that the gig can be offered. Only while the gig waits for its offer; every
    look is logged, a refused one too (`selectors.commission_explanation_assignment_for`)."""
    assignment = selectors.commission_explanation_assignment_for(user=request.user, pk=assignment_pk, path=request.path)
    form = CommissionExplanationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.commission_explanation_record(
                assignment_id=assignment.pk, by=request.user, note=form.cleaned_data["note"]
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(
                request,
                _("Recorded. The gig can now be offered to %(name)s.") % {"name": assignment.worker.display_name},
            )
            actor = selectors.viewer_actor(request.user, assignment.worker)
            return redirect(_back_url(request, assignment.worker, actor))
    return render(
        request,
        "benefits/commission_explanation.html",
        {"assignment": assignment, "worker": assignment.worker, "gig": assignment.gig, "form": form},
    )


@coordinator_required
@never_cache
@require_safe
def yel_flags(request: HttpRequest) -> HttpResponse:
    """The coordinator's list of workers whose commission income this year is heading to the YEL
    lower limit (80 % or more), with the year to look at chosen in the query. Other roles get the
    coordinator pages' 403 page."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2020), today.year + 1)
    return render(
        request,
        "benefits/yel.html",
        {"rows": selectors.yel_flags(year=year), "year": year, "years": range(today.year + 1, 2019, -1)},
    )
