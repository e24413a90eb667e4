"""The coordinator's pages of production orders (tuotantotilaus): the list with its filters, a new
order, an order's page with its timeline, and the forms of its steps: the next step, the timing and
price (the hourly price of the day read from billing's price list), the order of the gigs, the gigs
themselves (a preview, then confirm), stopping (a page of its own, to confirm) and reopening.

Production orders hold no personal data beyond the client's contact person, so the pages write no
access-log entries; the gigs' workers are seen on the order's own page, which logs them."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from billing.pricing import RateBook, hourly_price_quote, round_cents
from jobcenter.errors import DomainError
from jobcenter.gates import coordinator_required
from orders.models import ContractType, ProductionStepKind
from orders.selectors import production as selectors
from orders.services import production as services
from orders.services import production_gigs as gig_services
from units.selectors import unit_staff_choices
from web.coordinator.forms_production import (
    ItemFormSet,
    PriceForm,
    ProduceForm,
    ProductionFilterForm,
    ProductionOrderForm,
    ReopenForm,
    StepForm,
    StopForm,
)

PAGE_SIZE = 25
# The steps recorded on a page of their own, by the name of that page.
OWN_PAGES = {
    ProductionStepKind.PRICED: "coordinator:production-price",
    ProductionStepKind.PRODUCED: "coordinator:production-produce",
}


def _detail_url(pk: int, anchor: str = "") -> str:
    url = reverse("coordinator:production", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def _user_name(user) -> str:
    return user.get_full_name() or user.email


def owner_choices(production_order, user) -> list[tuple[int, str]]:
    """For a step: the acting user first, then the producing unit's staff; for the acceptance: the
    client's active contacts, the order's contact first."""
    if production_order.next_step == ProductionStepKind.CLIENT_ACCEPTED:
        contacts = production_order.client.contacts.filter(is_active=True).order_by("name")
        rows = [(production_order.contact_id, production_order.contact.name)]
        return rows + [(c.pk, c.name) for c in contacts if c.pk != production_order.contact_id]
    rows = [(user.pk, _user_name(user))]
    for choice in unit_staff_choices(unit_ids=[production_order.unit_id]).get(production_order.unit_id, []):
        if choice.user_id != user.pk:
            rows.append((choice.user_id, choice.name))
    return rows


def price_quotes(day) -> dict[str, object]:
    """The client's hourly price of each contract on `day` (None where no price is in force)."""
    rates = RateBook()
    quotes = {}
    for contract in ContractType.values:
        try:
            quotes[contract] = hourly_price_quote(contract_type=contract, day=day, rates=rates)
        except DomainError:
            quotes[contract] = None
    return quotes


def _facts(production_order) -> dict[str, object]:
    hours = gig_services.production_total_hours(production_order.items.all())
    price = production_order.agreed_hourly_price
    return {
        "total_hours": hours,
        "estimated_price": round_cents(hours * price) if hours is not None and price is not None else None,
    }


# --- The list and a new order ---------------------------------------------------------------------
@coordinator_required
@require_safe
def production_list(request):
    filters = ProductionFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    qs = selectors.production_order_list(
        step=data.get("step") or "",
        stopped=filters.stopped_value() if data else None,
        unit_id=data["unit"].pk if data.get("unit") else None,
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "coordinator/production/list.html",
        {"filters": filters, "page": page, "filtered": bool(data and any(data.values()))},
    )


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def production_create(request):
    form = ProductionOrderForm(request.POST or None)
    items = ItemFormSet(request.POST or None, prefix="items")
    status = 200
    if request.method == "POST":
        if form.is_valid() and items.is_valid():
            rows = [
                services.ItemRow(row["name"], row["quantity"], row.get("unit_label") or "kpl")
                for row in items.cleaned_data
                if row.get("name")
            ]
            data = form.cleaned_data
            try:
                production_order = services.production_order_create(
                    by=request.user,
                    contact_id=data["contact"].pk,
                    unit_id=data["unit"].pk,
                    title=data["title"],
                    description=data["description"],
                    note=data["note"],
                    items=rows,
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(
                    request, _("Production order %(number)s is saved.") % {"number": production_order.number}
                )
                return redirect("coordinator:production", pk=production_order.pk)
        status = 400
    return render(request, "coordinator/production/create.html", {"form": form, "items": items}, status=status)


# --- An order's page ------------------------------------------------------------------------------
@coordinator_required
@require_safe
def production_detail(request, pk: int):
    production_order = selectors.production_order_get(pk=pk)
    next_step = production_order.next_step
    step_form = None
    waits_for_gigs = next_step == ProductionStepKind.DELIVERED and not services.delivery_ready(production_order)
    if next_step and not production_order.stopped and next_step not in OWN_PAGES and not waits_for_gigs:
        step_form = StepForm(owners=owner_choices(production_order, request.user))
    return render(
        request,
        "coordinator/production/detail.html",
        {
            "po": production_order,
            "timeline": selectors.production_timeline(production_order),
            "gigs": selectors.production_gigs(production_order),
            "open_stop": selectors.open_stop(production_order),
            "next_step": next_step,
            "step_form": step_form,
            "own_page": OWN_PAGES.get(next_step),
            "waits_for_gigs": waits_for_gigs,
            "can_stop": not production_order.stopped
            and production_order.current_step not in (ProductionStepKind.PRODUCED, ProductionStepKind.DELIVERED),
            **_facts(production_order),
        },
    )


@coordinator_required
@require_POST
def production_step(request, pk: int):
    production_order = selectors.production_order_get(pk=pk)
    form = StepForm(request.POST, owners=owner_choices(production_order, request.user))
    step = production_order.next_step
    if form.is_valid() and step is not None:
        owner = int(form.cleaned_data["owner"])
        accepted = step == ProductionStepKind.CLIENT_ACCEPTED
        try:
            services.production_step_record(
                production_order_id=production_order.pk,
                step=request.POST.get("step", ""),
                by=request.user,
                done_on=form.cleaned_data["done_on"],
                owner_user_id=None if accepted else owner,
                owner_contact_id=owner if accepted else None,
                note=form.cleaned_data["note"],
            )
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("The step “%(step)s” is recorded.") % {"step": step.label})
    else:
        messages.error(request, _("Check the date and the responsible person of the step."))
    return redirect(_detail_url(production_order.pk, "timeline"))


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def production_price(request, pk: int):
    production_order = selectors.production_order_get(pk=pk)
    today = timezone.localdate()
    quotes = price_quotes(today)
    default = quotes.get(ContractType.COMMISSION)
    form = PriceForm(
        request.POST or None,
        owners=owner_choices(production_order, request.user),
        items=list(production_order.items.all()),
        initial={"contract_type": ContractType.COMMISSION, "hourly_price": default.net if default else None},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services_price = gig_services.production_price(
                    production_order_id=production_order.pk,
                    by=request.user,
                    done_on=data["done_on"],
                    minutes=form.minutes(),
                    contract_type=data["contract_type"],
                    hourly_price=data["hourly_price"],
                    owner_user_id=int(data["owner"]),
                    note=data["note"],
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(
                    request, _("The step “%(step)s” is recorded.") % {"step": services_price.get_step_display()}
                )
                return redirect(_detail_url(production_order.pk, "timeline"))
        status = 400
    return render(
        request,
        "coordinator/production/price.html",
        {
            "po": production_order,
            "form": form,
            "quotes": [(ContractType(contract).label, quote) for contract, quote in quotes.items()],
            "today": today,
        },
        status=status,
    )


@coordinator_required
@require_POST
def production_make_order(request, pk: int):
    """Make the order of the gigs and send its terms to the client (a button on the order's page)."""
    try:
        order = gig_services.production_create_order(production_order_id=pk, by=request.user)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request,
            _("Order %(number)s is made and its terms are sent to %(email)s.")
            % {"number": order.number, "email": order.contact.email},
        )
    return redirect(_detail_url(pk, "gigs"))


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def production_produce(request, pk: int):
    """The gig plan: the form, then a preview of the gigs, then confirm (`confirm=yes`)."""
    production_order = selectors.production_order_get(pk=pk)
    form = ProduceForm(request.POST or None, initial={"start_time": "09:00", "hours_per_gig": "4"})
    context = {"po": production_order, "form": form, **_facts(production_order)}
    if request.method != "POST":
        return render(request, "coordinator/production/produce.html", context)
    if form.is_valid():
        data = form.cleaned_data
        plan_args = {
            "first_date": data["first_date"],
            "start_time": data["start_time"],
            "hours_per_gig": data["hours_per_gig"],
            "workers_per_gig": data["workers_per_gig"],
        }
        try:
            if request.POST.get("confirm") != "yes":
                plan = gig_services.production_gig_plan(total_hours=context["total_hours"], **plan_args)
                return render(request, "coordinator/production/produce_preview.html", {**context, "plan": plan})
            gigs = gig_services.production_produce(
                production_order_id=production_order.pk, by=request.user, note=data["note"], **plan_args
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(
                request, _("%(count)s gigs are entered. The unit can now propose workers.") % {"count": len(gigs)}
            )
            return redirect(_detail_url(production_order.pk, "gigs"))
    return render(request, "coordinator/production/produce.html", context, status=400)


# --- Stopping and reopening -----------------------------------------------------------------------
@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def production_stop(request, pk: int):
    production_order = selectors.production_order_get(pk=pk)
    form = StopForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.production_stop(
                    production_order_id=production_order.pk,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(
                    request, _("Production order %(number)s is stopped.") % {"number": production_order.number}
                )
                return redirect(_detail_url(production_order.pk))
        status = 400
    return render(request, "coordinator/production/stop.html", {"po": production_order, "form": form}, status=status)


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def production_reopen(request, pk: int):
    production_order = selectors.production_order_get(pk=pk)
    form = ReopenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.production_reopen(
                    production_order_id=production_order.pk, by=request.user, note=form.cleaned_data["note"]
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(
                    request, _("Production order %(number)s is reopened.") % {"number": production_order.number}
                )
                return redirect(_detail_url(production_order.pk))
        status = 400
    return render(
        request,
        "coordinator/production/reopen.html",
        {"po": production_order, "form": form, "open_stop": selectors.open_stop(production_order)},
        status=status,
    )
