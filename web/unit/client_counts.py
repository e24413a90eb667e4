"""Unit staff: the unit's number of work-activity clients per period (`/unit/client-counts/`).

The results report divides the unit's workers who did paid work by this figure, so the unit keeps
it here: the list of its counts, newest first, a form to add one, and editing and removing. A count
is an aggregate (no person in it), so nothing is access-logged. Writes go through `units.services`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.forms import HdsForm
from jobcenter.gates import unit_staff_required
from units.selectors import staff_units_for
from units.selectors_client_counts import client_count_get_for, client_count_unit_for, client_counts_of
from units.services import unit_client_count_create, unit_client_count_delete, unit_client_count_update

PER_PAGE = 20


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ClientCountForm(HdsForm):
    period_start = forms.DateField(label=gettext_lazy("Period start"), widget=DateInput())
    period_end = forms.DateField(label=gettext_lazy("Period end"), widget=DateInput())
    clients = forms.IntegerField(label=gettext_lazy("Number of clients"), min_value=0)
    source = forms.CharField(
        label=gettext_lazy("Source (optional)"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Where the figure comes from, e.g. the client register."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", gettext_lazy("The period ends before it starts."))
        return data


def _unit_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


def _list_url(unit_id: int | None) -> str:
    url = reverse("units:client-counts")
    return f"{url}?unit={unit_id}" if unit_id is not None else url


def _saved(form: ClientCountForm, write) -> bool:
    """Run the service with the form's data; a refusal becomes the form's error."""
    data = form.cleaned_data
    try:
        write(
            period_start=data["period_start"],
            period_end=data["period_end"],
            clients=data["clients"],
            source=data["source"],
        )
    except ActionNotPermitted:
        raise Http404 from None
    except DomainError as err:
        form.add_error(None, err.message)
        return False
    return True


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def client_counts(request: HttpRequest) -> HttpResponse:
    """The unit's counts, newest first, and the form to add one."""
    unit = client_count_unit_for(user=request.user, unit_id=_unit_id(request))
    units = staff_units_for(user=request.user)
    chosen = unit.pk if len(units) > 1 else None
    form = ClientCountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _saved(form, lambda **data: unit_client_count_create(unit=unit, by=request.user, **data)):
            messages.success(request, _("The client count was saved."))
            return redirect(_list_url(chosen))
    page = Paginator(client_counts_of(user=request.user, unit=unit), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "units/client_counts.html",
        {
            "unit": unit,
            "units": units,
            "several_units": len(units) > 1,
            "unit_query": f"unit={chosen}&" if chosen is not None else "",
            "page": page,
            "form": form,
            "unit_section": "client-counts",
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def client_count_edit(request: HttpRequest, pk: int) -> HttpResponse:
    count = client_count_get_for(user=request.user, pk=pk)
    back = _list_url(count.unit_id if len(staff_units_for(user=request.user)) > 1 else None)
    initial = {
        "period_start": count.period_start,
        "period_end": count.period_end,
        "clients": count.clients,
        "source": count.source,
    }
    form = ClientCountForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _saved(form, lambda **data: unit_client_count_update(count_id=count.pk, by=request.user, **data)):
            messages.success(request, _("The client count was saved."))
            return redirect(back)
    return render(
        request,
        "units/client_counts_edit.html",
        {"count": count, "form": form, "back_url": back, "unit_section": "client-counts"},
        status=400 if form.is_bound and form.errors else 200,
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def client_count_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page; the POST removes the count."""
    count = client_count_get_for(user=request.user, pk=pk)
    back = _list_url(count.unit_id if len(staff_units_for(user=request.user)) > 1 else None)
    if request.method == "POST":
        try:
            unit_client_count_delete(count_id=count.pk, by=request.user)
        except ActionNotPermitted:
            raise Http404 from None
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("The client count was removed."))
        return redirect(back)
    return render(
        request,
        "units/client_counts_delete.html",
        {"count": count, "back_url": back, "unit_section": "client-counts"},
    )
