"""Admin of the work-activity services, units and staff memberships."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from jobcenter.admin import ModelAdmin, TabularInline
from units.models import Unit, UnitClientCount, UnitMembership, WorkActivityService


@admin.register(WorkActivityService)
class WorkActivityServiceAdmin(ModelAdmin):
    list_display = ("name", "kind", "default_support", "time_limited")
    fields = ("kind", "name", "default_support", "time_limited")


class UnitMembershipInline(TabularInline):
    model = UnitMembership
    fields = ("user", "role", "is_active")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Unit)
class UnitAdmin(ModelAdmin):
    list_display = ("name", "service", "phone", "email", "staff_count", "is_active")
    list_filter = ("service", "is_active")
    search_fields = ("name",)
    list_select_related = ("service",)
    fields = ("service", "name", "street_address", "postal_code", "city", "phone", "email", "is_active")
    inlines = [UnitMembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_staff_count=Count("memberships", filter=Q(memberships__is_active=True)))
        )

    @admin.display(description=_("staff"), ordering="_staff_count")
    def staff_count(self, obj: Unit) -> int:
        return obj._staff_count


@admin.register(UnitMembership)
class UnitMembershipAdmin(ModelAdmin):
    list_display = ("user", "unit", "role", "is_active")
    list_filter = ("unit", "role", "is_active")
    search_fields = ("user__email", "user__first_name", "user__last_name", "unit__name")
    list_select_related = ("user", "unit")
    autocomplete_fields = ("user", "unit")
    fields = ("user", "unit", "role", "is_active")


@admin.register(UnitClientCount)
class UnitClientCountAdmin(ModelAdmin):
    """The unit's number of work-activity clients per period (the results report's unit shares)."""

    list_display = ("unit", "period_start", "period_end", "clients", "source")
    list_filter = ("unit",)
    fields = ("unit", "period_start", "period_end", "clients", "source", "recorded_by")
    readonly_fields = fields

    # Read-only here: the unit records its counts on its own page (/unit/client-counts/), through
    # the services that refuse an overlapping period (a period counted twice would halve the share).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
