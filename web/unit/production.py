"""Unit staff: the production orders their unit makes, and recording the prototype steps done in
the unit (designed, sewn and test-made, shown to the client). The other steps are the
coordinator's. Another unit's production order is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders.models.production import UNIT_RECORDED_STEPS
from orders.selectors import production as selectors
from orders.services import production as services
from units.selectors import unit_staff_choices
from web.unit.forms_production import UnitStepForm


def _owners(production_order, user) -> list[tuple[int, str]]:
    rows = [(user.pk, user.get_full_name() or user.email)]
    for choice in unit_staff_choices(unit_ids=[production_order.unit_id]).get(production_order.unit_id, []):
        if choice.user_id != user.pk:
            rows.append((choice.user_id, choice.name))
    return rows


@unit_staff_required
@require_safe
def production_list(request: HttpRequest) -> HttpResponse:
    orders = list(selectors.production_orders_for_unit(user=request.user))
    return render(request, "units/production/list.html", {"orders": orders, "unit_section": "production"})


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def production_detail(request: HttpRequest, pk: int) -> HttpResponse:
    production_order = selectors.production_order_get_for_unit(user=request.user, pk=pk)
    next_step = production_order.next_step
    may_record = not production_order.stopped and next_step in UNIT_RECORDED_STEPS
    form = UnitStepForm(request.POST or None, owners=_owners(production_order, request.user)) if may_record else None
    status = 200
    if request.method == "POST":
        if form is not None and form.is_valid():
            try:
                services.production_step_record(
                    production_order_id=production_order.pk,
                    step=request.POST.get("step", ""),
                    by=request.user,
                    done_on=form.cleaned_data["done_on"],
                    owner_user_id=int(form.cleaned_data["owner"]),
                    note=form.cleaned_data["note"],
                )
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(request, _("The step “%(step)s” is recorded.") % {"step": next_step.label})
                return redirect("units:production", pk=production_order.pk)
        elif form is None:
            messages.error(request, _("The next step of this order is recorded by the coordinator."))
            return redirect("units:production", pk=production_order.pk)
        status = 400
    return render(
        request,
        "units/production/detail.html",
        {
            "po": production_order,
            "timeline": selectors.production_timeline(production_order),
            "next_step": next_step,
            "form": form,
            "unit_section": "production",
        },
        status=status,
    )
