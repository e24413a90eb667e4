"""Admin of the payment schedule (dated rule data, like the price list)."""

from __future__ import annotations

from django.contrib import admin

from billing.admin import DatedRuleForm
from billing.models import PaymentSchedule
from jobcenter.admin import ModelAdmin
from jobcenter.forms import NoBidiControlsMixin


class PaymentScheduleForm(NoBidiControlsMixin, DatedRuleForm):
    needed_for_model_clean = ("valid_from", "days_of_month")

    class Meta:
        model = PaymentSchedule
        fields = ("days_of_month", "last_working_day", "approval_lag_days", "valid_from", "valid_to", "source")


@admin.register(PaymentSchedule)
class PaymentScheduleAdmin(ModelAdmin):
    form = PaymentScheduleForm
    list_display = ("days_of_month", "last_working_day", "approval_lag_days", "valid_from", "valid_to", "source")
    fields = PaymentScheduleForm.Meta.fields
