"""Admin of the insurance policies: the dated rows that say who insures the gigs of each contract type.

The administrator keeps them: a gig that no row covers on its date is not offered or taken. The
model's `clean()` refuses a row that overlaps another for the same contract type and partner.
"""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from jobcenter.admin import ModelAdmin
from orders.models import InsurancePolicy


@admin.register(InsurancePolicy)
class InsurancePolicyAdmin(TranslationAdmin, ModelAdmin):
    list_display = ("contract_type", "cover", "partner", "name", "insurer", "policy_holder", "valid_from", "valid_to")
    list_filter = ("contract_type", "cover", "partner", "valid_from")
    search_fields = ("name_fi", "name_sv", "name_en", "insurer", "policy_holder", "policy_number")
    fields = (
        "contract_type",
        "cover",
        "partner",
        "name",
        "insurer",
        "policy_holder",
        "policy_number",
        "valid_from",
        "valid_to",
        "source",
        "notes",
    )
