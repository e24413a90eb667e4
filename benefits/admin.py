"""The benefit rules are edited in the admin: next year's figures are a new row, not a code change.

A worker's benefits, clarifications and consents are deliberately not in the admin: they are read
only through pages that check the worker's consent and write the access log."""

from django.contrib import admin

from benefits.models import BenefitRule
from jobcenter.admin import ModelAdmin


@admin.register(BenefitRule)
class BenefitRuleAdmin(ModelAdmin):
    list_display = ("benefit", "kind", "period", "amount", "reduction_rate", "valid_from", "valid_to", "source")
    list_filter = ("benefit", "kind", "period")
    ordering = ("benefit", "kind", "period", "-valid_from")
    fields = ("benefit", "kind", "period", "amount", "reduction_rate", "valid_from", "valid_to", "source", "note")
