"""Admin of the kinds of path steps: the list the administrator keeps (names per language, which kinds
are outcomes, their order, whether they are offered). The steps themselves are recorded on the unit's
pages (special-category data: not listed in the admin)."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from jobcenter.admin import ModelAdmin
from workers.models_paths import PathStepKind


@admin.register(PathStepKind)
class PathStepKindAdmin(TranslationAdmin, ModelAdmin):
    list_display = ("name_fi", "name_sv", "name_en", "code", "is_outcome", "ordering", "is_active")
    list_filter = ("is_outcome", "is_active")
    list_editable = ("ordering", "is_active")
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    fields = ("code", "name", "is_outcome", "ordering", "is_active")

    def has_delete_permission(self, request, obj=None):
        # A kind in use keeps the steps' meaning: retire it (not active) instead.
        return bool(obj is None or not obj.steps.exists()) and super().has_delete_permission(request, obj)
