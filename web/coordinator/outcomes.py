"""The coordinator's outcomes report (`/coordinator/outcomes/`): where workers went next.

Steps of outcome kinds (open labour market, part-time work with a partial pension, hired by the
client...) started in the chosen period, by kind and by home unit, with the small-group rule of
`billing.outcomes`; the same table as a CSV file. Counts only: no names, so nothing is access-logged.
"""

from __future__ import annotations

import datetime as dt
import io

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from billing.outcomes import outcome_report
from jobcenter.csv_export import csv_writer
from jobcenter.forms import HdsForm
from jobcenter.gates import coordinator_required
from units.models import Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OutcomeFilterForm(HdsForm):
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput())
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("All units"),
    )

    def period(self) -> tuple[dt.date, dt.date, int | None]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or today.replace(month=1, day=1)
        end = data.get("end") or today
        if end < start:
            start, end = end, start
        unit = data.get("unit")
        return start, end, unit.pk if unit else None


def _report(request):
    form = OutcomeFilterForm(request.GET or None)
    start, end, unit_id = form.period()
    return form, outcome_report(start=start, end=end, unit_id=unit_id)


@coordinator_required
@require_safe
def outcomes(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    return render(
        request,
        "coordinator/outcomes.html",
        {"form": form, "report": report, "query": request.GET.urlencode()},
    )


@coordinator_required
@require_safe
def outcomes_csv(request: HttpRequest) -> HttpResponse:
    _form, report = _report(request)
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([_("Outcome"), *(name for _pk, name in report.units), _("All")])
    for name, cells, total in report.table():
        writer.writerow([name, *(str(c.shown) for c in cells), str(total.shown)])
    writer.writerow([_("People in all"), *(str(c.shown) for c in report.unit_total_cells()), str(report.total.shown)])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="outcomes-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}.csv"'
    )
    response["Cache-Control"] = "no-store, private"
    return response
