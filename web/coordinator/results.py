"""The coordinator's results report (`/coordinator/results/`): what the Jobcenter's work came to.

The figures come from `billing.results.results_report`, already suppressed (a group of fewer than
5 people shows "fewer than 5", with the groups it could be worked out from). Aggregates only: no
names, no quotes with names, so nothing here is personal and nothing is access-logged. The charts
are drawn on the server as inline SVG (no scripts under the CSP), hidden from screen readers: the
table beside each chart carries the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from billing.results import GroupFigures, ResultsFilter, ResultsReport, results_report
from jobcenter.forms import HdsForm
from jobcenter.gates import coordinator_required
from units.models import Unit, WorkActivityService

CHART_WIDTH = 320  # px of the longest bar
BAR_HEIGHT = 22
BAR_GAP = 8
FEWER_THAN = gettext_lazy("fewer than 5")


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


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # as shown
    y: int
    width: int
    suppressed: bool


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int = CHART_WIDTH + 180


def hours_chart(groups: list[GroupFigures]) -> Chart:
    """Hours per group as horizontal bars; a suppressed group has no bar, only "fewer than 5"."""
    longest = max((g.hours for g in groups if g.hours), default=0)
    bars = []
    for n, g in enumerate(groups):
        width = int(CHART_WIDTH * g.hours / longest) if g.hours and longest else 0
        shown = str(FEWER_THAN) if g.suppressed else f"{g.hours:n}"
        bars.append(
            Bar(g.label, shown, n * (BAR_HEIGHT + BAR_GAP), max(width, 1 if not g.suppressed else 0), g.suppressed)
        )
    return Chart(bars=bars, height=max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT))


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
            "fewer_than": FEWER_THAN,
        },
    )
