"""The coordinator's results report (`/coordinator/results/`): what the Jobcenter's work came to.

The figures come from `billing.results.results_report`, already suppressed (a group of fewer than
5 people shows the one hidden label, and so do the groups it could be worked out from). Aggregates
only: no names, and the clients' words only where the client allowed quoting, without who said them
or of whom, so nothing here is personal and nothing is access-logged. The charts
(`web.coordinator.results_charts`) are drawn on the server as inline SVG, hidden from screen
readers: the table beside each chart carries the same figures.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from billing.results import ResultsFilter, ResultsReport, results_report
from billing.results.suppression import HIDDEN_LABEL
from jobcenter.forms import HdsForm
from jobcenter.gates import coordinator_required
from units.models import Unit, WorkActivityService
from web.coordinator.results_charts import hours_chart, period_label, share_chart


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ResultsFilterForm(HdsForm):
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput())
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"),
        queryset=WorkActivityService.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("All services"),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("All units"),
    )

    def results_filter(self) -> ResultsFilter:
        """The chosen period (by default this year so far), service and unit."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or today.replace(month=1, day=1)
        end = data.get("end") or today
        if end < start:
            start, end = end, start
        service, unit = data.get("service"), data.get("unit")
        return ResultsFilter(
            start=start, end=end, service_id=service.pk if service else None, unit_id=unit.pk if unit else None
        )


def report_for(request: HttpRequest) -> tuple[ResultsFilterForm, ResultsReport]:
    form = ResultsFilterForm(request.GET or None)
    return form, results_report(form.results_filter())


@coordinator_required
@require_safe
def results(request: HttpRequest) -> HttpResponse:
    form, report = report_for(request)
    return render(
        request,
        "coordinator/results.html",
        {
            "form": form,
            "report": report,
            "query": request.GET.urlencode(),
            "service_chart": hours_chart(report.by_service),
            "unit_chart": hours_chart(report.by_unit),
            "task_type_chart": hours_chart(report.task_types),
            "share_chart": share_chart(report.unit_shares),
            "shares": [(share, period_label(share)) for share in report.unit_shares],
            "any_work": bool(report.by_unit),
            "hidden_label": HIDDEN_LABEL,
        },
    )
