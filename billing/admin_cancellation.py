"""Admin of the dated cancellation rule (the late window, the client's charge, the worker's minimum)."""

from __future__ import annotations

from django.contrib import admin

from billing.admin import DatedRuleForm
from billing.models import CancellationRule
from jobcenter.admin import ModelAdmin
from jobcenter.forms import NoBidiControlsMixin


class CancellationRuleForm(NoBidiControlsMixin, DatedRuleForm):
    class Meta:
        model = CancellationRule
        fields = (
            "late_window_hours",
            "client_charge_hours",
            "worker_minimum_hours",
            "valid_from",
            "valid_to",
            "source",
            "confirmed",
        )


@admin.register(CancellationRule)
class CancellationRuleAdmin(ModelAdmin):
    form = CancellationRuleForm
    list_display = (
        "late_window_hours",
        "client_charge_hours",
        "worker_minimum_hours",
        "valid_from",
        "valid_to",
        "confirmed",
        "source",
    )
    fields = CancellationRuleForm.Meta.fields
