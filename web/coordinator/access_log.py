"""The coordinator's access-log search (käyttölokin haku): `/coordinator/access-log/`.

Filter by worker (whose data), user (who looked), time range, data and outcome; page through the
rows or download them as CSV. Coordinators and administrators only. Looking at the log is itself
a look at the workers' data: the page logs one row per worker it shows, the CSV one per worker it
holds (LOG-1, LOG-2). The filters are ids and dates, never names, so no personal data
ends up in an address.
"""

from __future__ import annotations

import io

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobcenter.access_log import (
    ACTION_EXPORT,
    DATA_ACCESS_LOG,
    DATA_LABELS,
    access_log_entries,
    access_log_workers,
    action_label,
    data_label,
    display_rows,
    entry_role_label,
    log_access,
)
from jobcenter.csv_export import csv_writer
from jobcenter.forms import BidiSafeForm
from jobcenter.gates import coordinator_required
from jobcenter.models import AccessLogOutcome, User
from workers.models import AccessLogEntry, Worker

PER_PAGE = 50
INPUT = "hds-text-input__input"


def _data_choices():
    return [(code, str(label)) for code, label in DATA_LABELS.items()]


class AccessLogFilter(django_filters.FilterSet):
    worker = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Whose data (worker number)"),
        queryset=Worker.objects.select_related("user")
        .defer("support_needs")
        .order_by("user__last_name", "user__first_name", "pk"),
        empty_label=gettext_lazy("All workers"),
        # A number, not a list: a city has thousands of workers. The worker's page and the rows below
        # link here with the number filled in.
        widget=forms.NumberInput(attrs={"class": INPUT, "min": 1}),
        help_text=gettext_lazy("Open the log from the worker's page, or choose a name in the list below."),
    )
    user = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Who looked (user number)"),
        queryset=User.objects.filter(pk__in=AccessLogEntry.objects.values("user_id")).order_by(
            "last_name", "first_name", "pk"
        ),
        empty_label=gettext_lazy("All users"),
        widget=forms.NumberInput(attrs={"class": INPUT, "min": 1}),
        help_text=gettext_lazy("Choose a name in the list below to see only what they looked at."),
    )
    start = django_filters.DateFilter(
        label=gettext_lazy("From"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date", "class": INPUT}, format="%Y-%m-%d"),
    )
    end = django_filters.DateFilter(
        label=gettext_lazy("To"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date", "class": INPUT}, format="%Y-%m-%d"),
    )
    data = django_filters.ChoiceFilter(
        label=gettext_lazy("Data"),
        choices=_data_choices,
        empty_label=gettext_lazy("All data"),
        widget=forms.Select(attrs={"class": INPUT}),
    )
    outcome = django_filters.ChoiceFilter(
        label=gettext_lazy("Outcome"),
        choices=AccessLogOutcome.choices,
        empty_label=gettext_lazy("All"),
        widget=forms.Select(attrs={"class": INPUT}),
    )

    class Meta:
        model = AccessLogEntry
        fields: list[str] = []
        form = BidiSafeForm


def _filtered(request: HttpRequest) -> AccessLogFilter:
    return AccessLogFilter(request.GET or None, queryset=access_log_entries())


@require_safe
@coordinator_required
@never_cache
def access_log_search(request: HttpRequest) -> HttpResponse:
    filters = _filtered(request)
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    shown = access_log_workers(entries)
    if shown:
        log_access(request, shown, DATA_ACCESS_LOG)
    query = request.GET.copy()
    query.pop("page", None)
    chosen = filters.form.cleaned_data if filters.is_bound and filters.form.is_valid() else {}
    return render(
        request,
        "jobcenter/access_log_search.html",
        {
            "filters": filters,
            "page": page,
            "rows": display_rows(entries),
            "query": query.urlencode(),
            "chosen_worker": chosen.get("worker"),
            "chosen_user": chosen.get("user"),
        },
    )


CSV_HEADER = ["time", "user", "role", "unit", "worker", "data", "action", "outcome", "reason", "page", "request"]


@require_safe
@coordinator_required
@never_cache
def access_log_csv(request: HttpRequest) -> HttpResponse:
    """The filtered rows as CSV (semicolons, UTF-8), typed text neutralised against formulas
    (`jobcenter.csv_export`). The export is logged, one row per worker in it."""
    entries = list(_filtered(request).qs)
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(CSV_HEADER)
    for entry in entries:
        writer.writerow(
            [
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                entry.user.email if entry.user_id else "",
                str(entry_role_label(entry)),
                entry.actor_unit.name if entry.actor_unit_id else "",
                entry.worker.display_name,
                str(data_label(entry.data)),
                str(action_label(entry.action)),
                entry.get_outcome_display(),
                entry.reason,
                entry.path,
                entry.request_id,
            ]
        )
    exported = access_log_workers(entries)
    if exported:
        log_access(request, exported, DATA_ACCESS_LOG, action=ACTION_EXPORT)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    response["Cache-Control"] = "no-store, private"
    return response
