"""Unit staff: the needs announced to their units, entering an agreed date, and proposing workers."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from benefits.selectors import foresight_for_viewer
from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders import services
from orders.models import ContractType
from orders.selectors import units as selectors
from orders.selectors.worker_again import open_wishes_for_units
from orders.states import AssignmentStatus, order_allows_assignment_move
from units.models import SupportMode
from units.selectors import staff_units_for, unit_staff_choices
from web.unit.follow_ups import follow_ups_for_start_page
from web.unit.forms import GigForm, GroupProposalForm, ProposalForm, UnitFilterForm

CHOSEN_KEY = re.compile(r"w(\d+)-selected")
CANDIDATES_PER_PAGE = 25
DETAILS_PARAM = "details"  # ?details=<worker pk>: that candidate's support fields (htmx)


def _names(workers) -> str:
    return ", ".join(worker.display_name for worker in workers)


# --- Needs announced to my units ------------------------------------------------------------------
@unit_staff_required
@require_safe
def needs(request: HttpRequest) -> HttpResponse:
    units = staff_units_for(user=request.user)
    filters = UnitFilterForm(request.GET or None, units=units)
    orders = list(selectors.unit_needs_for(user=request.user, unit_id=filters.value("unit")))
    return render(
        request,
        "units/needs.html",
        {
            "orders": orders,
            "units": units,
            "filters": filters,
            "several_units": len(units) > 1,
            "follow_ups": follow_ups_for_start_page(request, unit_id=filters.value("unit")),
            "unit_section": "needs",
            "wishes": open_wishes_for_units(user=request.user),  # clients' wishes for a worker again
        },
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def gig_add(request: HttpRequest, order_pk: int) -> HttpResponse:
    """Enter a date agreed with the client (staff of an informed unit may, like the coordinator)."""
    order = selectors.unit_order_get_for(user=request.user, pk=order_pk)
    form = GigForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.gig_create(
                order_id=order.pk,
                by=request.user,
                date=data["date"],
                start_time=data["start_time"],
                planned_hours=data["planned_hours"],
                workers_needed=data["workers_needed"],
                notes=data["notes"],
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, _("The date was added. Now propose workers for it."))
            return redirect(f"{reverse('units:needs')}#order-{order.pk}")
    return render(request, "units/gig_add.html", {"order": order, "form": form, "unit_section": "needs"})


# --- Propose workers ------------------------------------------------------------------------------
def _default_person(user, unit_staff, support: str) -> int | None:
    """The proposer comes along by default when the unit's service sends staff along."""
    if support == SupportMode.STAFF_ALONG and any(person.user_id == user.pk for person in unit_staff):
        return user.pk
    return None


def _support_defaults(user, unit, staff) -> dict:
    unit_staff = staff.get(unit.pk, [])
    support = unit.service.default_support
    return {
        "unit": unit,
        "staff": unit_staff,
        "default_support": support,
        "default_person": _default_person(user, unit_staff, support),
    }


def _proposal_form(request, *, worker, staff, data=None, opened=False) -> ProposalForm:
    """One candidate's form. Its support fields are rendered only once the candidate is ticked (a page
    of 25 candidates would otherwise render some 200 widgets that nobody looks at): loaded with htmx
    on the tick, and without JavaScript shown after the first submit (see `_open_details`).

    `details_shown` tells the template to render them; the hidden `<prefix>-details` field they
    carry tells the POST that the user saw them."""
    form = ProposalForm(
        data,
        prefix=f"w{worker.pk}",
        worker=worker,
        initial={"selected": True} if opened else {},
        **_support_defaults(request.user, worker.home_unit, staff),
    )
    # One already on the gig has no fields to check: the service's answer shows next to them.
    seen = form.is_selected and (f"{form.prefix}-details" in data or bool(getattr(worker, "gig_status", None)))
    form.details_shown = opened or seen
    if not form.details_shown:
        form.fields["selected"].widget.attrs.update(
            {
                "data-hx-get": f"{request.path}?{DETAILS_PARAM}={worker.pk}",
                "data-hx-trigger": "change once",
                "data-hx-target": f"#details-{worker.pk}",
                "data-hx-swap": "innerHTML",
                "aria-controls": f"details-{worker.pk}",
            }
        )
    return form


def _proposal_forms(request, *, candidates, staff, data) -> dict[int, ProposalForm]:
    """A form per candidate, also for those already on the gig: a stale page may still choose them,
    and the service's answer must show next to them."""
    return {worker.pk: _proposal_form(request, worker=worker, staff=staff, data=data) for worker in candidates}


def _open_details(request, *, forms, staff) -> int:
    """Ticked candidates whose support fields were not on the page (no JavaScript, or submitted before
    they loaded) are not proposed yet: their fields open with the defaults, to be checked first."""
    opened = 0
    for pk, form in list(forms.items()):
        if form.is_selected and not form.details_shown:
            forms[pk] = _proposal_form(request, worker=form.worker, staff=staff, opened=True)
            opened += 1
    return opened


def _candidate_details(request, *, order, gig, unit_ids, worker_pk: str) -> HttpResponse:
    """The support fields of one ticked candidate (the htmx request of the candidate's checkbox)."""
    worker = (
        selectors.propose_candidates_qs(user=request.user, order=order, gig=gig, unit_ids=unit_ids)
        .filter(pk=int(worker_pk) if worker_pk.isdigit() else None)
        .first()
    )
    if worker is None:
        raise Http404
    staff = unit_staff_choices(unit_ids={worker.home_unit_id})
    form = _proposal_form(request, worker=worker, staff=staff, opened=True)
    response = render(
        request,
        "units/_candidate_details.html",
        {"form": form, "is_commission": order.contract_type == ContractType.COMMISSION},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _group_forms(request, *, groups, staff, data, posted_group: int | None) -> list[GroupProposalForm]:
    return [
        GroupProposalForm(
            data if group.pk == posted_group else None,
            prefix=f"g{group.pk}",
            group=group,
            **_support_defaults(request.user, group.unit, staff),
        )
        for group in groups
    ]


def _chosen_elsewhere(post, forms) -> int:
    """Workers ticked on the page who are no longer candidates (e.g. made inactive meanwhile)."""
    found = 0
    for key in post:
        match = CHOSEN_KEY.fullmatch(key)
        if match and int(match.group(1)) not in forms and post.get(key):
            found += 1
    return found


def _propose_workers(request, *, gig, forms) -> tuple[list, int]:
    """One service call per chosen worker. A refusal stays next to that worker; the others are saved."""
    saved, failed = [], 0
    for form in forms.values():
        if not (form.is_selected and form.details_shown):
            continue
        if not form.is_valid():
            failed += 1
            continue
        try:
            services.assignment_propose(
                gig_id=gig.pk, worker_id=form.worker.pk, by=request.user, **form.service_kwargs()
            )
        except DomainError as err:
            # On the worker's own checkbox, so the reason shows (and is announced) next to them.
            form.add_error("selected", err.message)
            failed += 1
        else:
            saved.append(form.worker)
    return saved, failed


@sensitive_post_parameters()  # the worker's interest notes and the support arranged
def _candidates_page(request, *, order, gig, unit_ids):
    """One page of candidates, those matching the task first. A big unit has hundreds of workers:
    a page keeps the list readable and the benefit headroom is worked out for the page only."""
    qs = selectors.propose_candidates_qs(user=request.user, order=order, gig=gig, unit_ids=unit_ids)
    return Paginator(qs, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))


def _page_links(request, page) -> list[dict]:
    """Links to the other pages of candidates, keeping the unit filter."""
    if not page.has_other_pages():
        return []
    query = request.GET.copy()
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if not isinstance(number, int):
            links.append({"ellipsis": True})
            continue
        query["page"] = number
        links.append({"number": number, "url": f"?{query.urlencode()}", "current": number == page.number})
    return links


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request: HttpRequest, order_pk: int, gig_pk: int) -> HttpResponse:
    """Candidates of the user's units informed of the order; propose one or several, or a group."""
    order = selectors.unit_order_get_for(user=request.user, pk=order_pk)
    gig = selectors.unit_gig_get_for(order=order, pk=gig_pk)
    gig.order = order  # the foresight reads the contract type: not a query of its own
    units = [unit for unit in staff_units_for(user=request.user) if unit.pk in order.my_unit_ids]
    filters = UnitFilterForm(request.GET or None, units=units)
    unit_ids = ({filters.value("unit")} & order.my_unit_ids) or order.my_unit_ids
    if request.method != "POST" and request.htmx and DETAILS_PARAM in request.GET:
        return _candidate_details(
            request, order=order, gig=gig, unit_ids=unit_ids, worker_pk=request.GET[DETAILS_PARAM]
        )
    candidates_page = _candidates_page(request, order=order, gig=gig, unit_ids=unit_ids)
    candidates = selectors.dress_candidates(candidates_page.object_list)
    groups = selectors.worker_groups_for(user=request.user, unit_ids=unit_ids)
    staff = unit_staff_choices(unit_ids=unit_ids)

    action = request.POST.get("action") if request.method == "POST" else None
    if action not in (None, "workers", "group"):
        raise Http404
    posted_group = None
    if action == "group":
        posted_group = next((g.pk for g in groups if str(g.pk) == request.POST.get("group")), None)
        if posted_group is None:
            raise Http404  # not a group of the user's units informed of this order
    data = request.POST if action == "workers" else None
    forms = _proposal_forms(request, candidates=candidates, staff=staff, data=data)
    group_forms = _group_forms(request, groups=groups, staff=staff, data=request.POST, posted_group=posted_group)
    page_errors: list[str] = []
    page_notices: list[str] = []

    if action == "workers":
        saved, failed = _propose_workers(request, gig=gig, forms=forms)
        gone = _chosen_elsewhere(request.POST, forms)
        opened = _open_details(request, forms=forms, staff=staff)
        if opened:
            page_notices.append(
                _(
                    "Check the support of each worker you chose, then press “Propose the chosen workers” again. "
                    "They are not proposed yet."
                )
            )
        if saved:
            messages.success(request, _("Proposed for the gig: %(names)s.") % {"names": _names(saved)})
        if gone:
            page_errors.append(
                _("Some of the workers you chose are no longer active in your unit, so they were not proposed.")
            )
        if failed:
            page_errors.append(
                _(
                    "Some workers could not be proposed. The reason is shown next to each of them. "
                    "What you typed is kept."
                )
            )
        if not saved and not failed and not gone and not opened:
            page_errors.append(_("Choose at least one worker to propose."))
        if not page_errors and not page_notices:
            return redirect(request.get_full_path())
        if saved:
            # The saved workers now show as being on the gig; the others keep what was typed.
            candidates_page = _candidates_page(request, order=order, gig=gig, unit_ids=unit_ids)
            candidates = selectors.dress_candidates(candidates_page.object_list)
    elif action == "group":
        form = next(form for form in group_forms if form.group.pk == posted_group)
        if form.is_valid():
            try:
                proposed = services.assignment_propose_group(
                    gig_id=gig.pk, group_id=posted_group, by=request.user, **form.service_kwargs()
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(
                    request,
                    _("Group %(group)s proposed for the gig: %(names)s.")
                    % {"group": form.group.name, "names": _names(a.worker for a in proposed)},
                )
                return redirect(request.get_full_path())

    # Benefit headroom next to each candidate, as far as each worker's consent lets the unit see it.
    benefit_info = foresight_for_viewer(user=request.user, workers=candidates, gig=gig, path=request.path)
    return render(
        request,
        "units/propose.html",
        {
            "order": order,
            "gig": gig,
            "rows": [
                (worker, forms[worker.pk], benefit_info.get(worker.pk)) for worker in candidates if worker.pk in forms
            ],
            "is_commission": order.contract_type == ContractType.COMMISSION,
            "candidates_page": candidates_page,
            "page_links": _page_links(request, candidates_page),
            "group_forms": group_forms,
            "filters": filters,
            "several_units": len(units) > 1,
            "can_propose": order_allows_assignment_move(order.status, AssignmentStatus.PROPOSED),
            "page_errors": page_errors,
            "page_notices": page_notices,
            "unit_section": "needs",
        },
    )
