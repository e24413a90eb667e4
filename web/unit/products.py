"""Unit staff: product sales (tuotemyynti). The unit's products, a new product with its photo, more
made, the compensation agreement and its four parties, the deliveries to the buyer with their
payment state, and the sales review with the reorder decision.

The pages show what a worker made and the compensation due to them, so each look is written to the
access log; products outside the user's units are a 404. The photo is served to the unit's staff
and the coordinator only, never from a public URL."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from billing import selectors_product_sales as selectors
from billing.services import product_sales as services
from billing.services.product_sales import STAFF_PARTY_ROLES, Party
from jobcenter.access_log import ACTION_CHANGE, ACTION_DOWNLOAD, log_access
from jobcenter.errors import DomainError
from jobcenter.gates import staff_required, unit_staff_required
from web.unit.forms_products import AgreementForm, DeliveryForm, MadeMoreForm, PartyForm, ProductForm, ReviewForm

SECTION = "products"
LOG = selectors.LOG_PRODUCT_SALES


def _log(request, product, action=None) -> None:
    if action is None:
        log_access(request, product.maker, LOG)
    else:
        log_access(request, product.maker, LOG, action=action)


@unit_staff_required
@require_safe
def product_list(request: HttpRequest) -> HttpResponse:
    products = list(selectors.products_for(user=request.user))
    if products:
        log_access(request, list({p.maker_id: p.maker for p in products}.values()), LOG)
    return render(request, "units/products/list.html", {"products": products, "unit_section": SECTION})


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def product_create(request: HttpRequest) -> HttpResponse:
    units = selectors.units_for(user=request.user)
    form = ProductForm(
        request.POST or None, request.FILES or None, units=units, makers=selectors.makers_for(user=request.user)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                product = services.product_create(
                    unit_id=data["unit"],
                    maker_id=data["maker"],
                    name=data["name"],
                    description=data["description"],
                    quantity_made=data["quantity_made"],
                    material_cost=data["material_cost"],
                    photo=data["photo"],
                    by=request.user,
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                _log(request, product, ACTION_CHANGE)
                messages.success(request, _("The product is saved. Record its compensation agreement next."))
                return redirect("units:product", pk=product.pk)
        status = 400
    return render(request, "units/products/form.html", {"form": form, "unit_section": SECTION}, status=status)


def _people(product) -> dict[str, list]:
    """The unit's staff who may agree as each staff party (one query for the whole page)."""
    by_role = selectors.staff_by_role(unit_id=product.unit_id, roles=STAFF_PARTY_ROLES.values())
    return {party: by_role[role] for party, role in STAFF_PARTY_ROLES.items()}


def _party_forms(agreement, people: dict, bound: tuple[str, PartyForm] | None = None) -> list[dict]:
    """The forms of the parties still to agree (the coordinator agrees on the coordinator's page)."""
    today = timezone.localdate()
    rows = []
    for party, label, missing in (
        (Party.JOB_COACH, _("Job coach"), agreement.job_coach_id is None),
        (Party.UNIT_MANAGER, _("Unit manager"), agreement.unit_manager_id is None),
        (Party.BUYER, _("Buyer's representative"), agreement.buyer_agreed_on is None),
    ):
        if not missing:
            continue
        if bound is not None and bound[0] == party:
            form = bound[1]
        else:
            form = PartyForm(people=people.get(party), initial={"agreed_on": today}, prefix=f"a{agreement.pk}-{party}")
        rows.append({"party": party, "label": label, "form": form})
    return rows


def _detail(request, product, *, status: int = 200, bound_party=None, **forms) -> HttpResponse:
    agreements = selectors.agreements_of(product)
    people = _people(product)
    for agreement in agreements:
        party = bound_party[1] if bound_party and bound_party[0] == agreement.pk else None
        agreement.party_forms = _party_forms(agreement, people, party)
    today = timezone.localdate()
    context = {
        "product": product,
        "agreements": agreements,
        "deliveries": selectors.deliveries_of(product),
        "delivery_form": forms.get("delivery_form") or DeliveryForm(initial={"date": today}, prefix="delivery"),
        "made_more_form": forms.get("made_more_form") or MadeMoreForm(prefix="made"),
        "unit_section": SECTION,
    }
    _log(request, product)
    return render(request, "units/products/detail.html", context, status=status)


def _product(request, pk: int):
    product = selectors.product_get_for(user=request.user, pk=pk)
    return product


@unit_staff_required
@require_safe
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _product(request, pk))


@staff_required
@require_safe
def product_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The photo, after the permission check (the unit's staff or the coordinator); logged."""
    product = selectors.product_get_for(user=request.user, pk=pk)
    if not product.photo:
        raise Http404
    _log(request, product, ACTION_DOWNLOAD)
    response = FileResponse(product.photo.open("rb"), content_type=product.photo_type or "application/octet-stream")
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@unit_staff_required
@require_POST
def product_made_more(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(request, pk)
    form = MadeMoreForm(request.POST, prefix="made")
    if form.is_valid():
        try:
            services.product_made_more(
                product_id=product.pk,
                quantity=form.cleaned_data["quantity"],
                material_cost=form.cleaned_data["material_cost"],
                by=request.user,
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            _log(request, product, ACTION_CHANGE)
            messages.success(request, _("The quantity made is updated."))
            return redirect("units:product", pk=product.pk)
    return _detail(request, product, status=400, made_more_form=form)


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(request, pk)
    form = AgreementForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.agreement_create(
                    product_id=product.pk,
                    buyer_id=data["buyer"].pk,
                    compensation=data["compensation"],
                    valid_from=data["valid_from"],
                    by=request.user,
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                _log(request, product, ACTION_CHANGE)
                messages.success(request, _("The agreement is saved. Record each party's agreement next."))
                return redirect("units:product", pk=product.pk)
        status = 400
    _log(request, product)
    return render(
        request,
        "units/products/agreement_form.html",
        {"product": product, "form": form, "unit_section": SECTION},
        status=status,
    )


@unit_staff_required
@require_POST
def agreement_party(request: HttpRequest, pk: int, agreement_pk: int, party: str) -> HttpResponse:
    product = _product(request, pk)
    agreement = selectors.agreement_get_for(user=request.user, product=product, pk=agreement_pk)
    if party not in (Party.JOB_COACH, Party.UNIT_MANAGER, Party.BUYER):
        raise Http404
    form = PartyForm(request.POST, people=_people(product).get(party), prefix=f"a{agreement.pk}-{party}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agreement_record_party(
                agreement_id=agreement.pk,
                party=party,
                agreed_on=data["agreed_on"],
                person_id=data.get("person"),
                representative=data.get("representative", ""),
                by=request.user,
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            _log(request, product, ACTION_CHANGE)
            messages.success(request, _("The agreement is recorded."))
            return redirect("units:product", pk=product.pk)
    return _detail(request, product, status=400, bound_party=(agreement.pk, (party, form)))


@unit_staff_required
@require_POST
def delivery_create(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(request, pk)
    form = DeliveryForm(request.POST, prefix="delivery")
    if form.is_valid():
        try:
            delivery = services.delivery_record(
                product_id=product.pk,
                date=form.cleaned_data["date"],
                quantity=form.cleaned_data["quantity"],
                by=request.user,
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            _log(request, product, ACTION_CHANGE)
            messages.success(
                request,
                _("The delivery is saved. The compensation of %(amount)s € is paid in the next payment run.")
                % {"amount": delivery.amount},
            )
            return redirect("units:product", pk=product.pk)
    return _detail(request, product, status=400, delivery_form=form)


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def review_create(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    product = _product(request, pk)
    agreement = selectors.agreement_get_for(user=request.user, product=product, pk=agreement_pk)
    # The review is due at the end of the trial period; it cannot be dated in the future.
    default_day = min(agreement.trial_ends_on or timezone.localdate(), timezone.localdate())
    form = ReviewForm(request.POST or None, initial={"reviewed_on": default_day})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.review_record(
                    agreement_id=agreement.pk,
                    reviewed_on=data["reviewed_on"],
                    sold=data["sold"],
                    reorder=data["reorder"],
                    reorder_quantity=data.get("reorder_quantity") or 0,
                    notes=data["notes"],
                    by=request.user,
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                _log(request, product, ACTION_CHANGE)
                messages.success(request, _("The sales review is saved."))
                return redirect("units:product", pk=product.pk)
        status = 400
    _log(request, product)
    return render(
        request,
        "units/products/review_form.html",
        {"product": product, "agreement": agreement, "form": form, "unit_section": SECTION},
        status=status,
    )
