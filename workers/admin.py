"""Admin of workers, worker groups, work certificates and the access log.

A worker's support needs are special-category (health) data: never in a list or a search, and
every change page that shows them reads them through `worker_support_needs_for`, which writes an
access-log entry. A user who may not see them gets the page without the field.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from jobcenter.admin import ModelAdmin, ReadOnlyAdminMixin
from jobcenter.errors import ActionNotPermitted
from workers.models import AccessLogEntry, WorkCertificate, Worker, WorkerGroup
from workers.permissions import can_view_support_needs
from workers.selectors import worker_support_needs_for

SUPPORT_NEEDS = "support_needs"


@admin.register(Worker)
class WorkerAdmin(ModelAdmin):
    list_display = ("display_name", "email", "home_unit", "is_active", "created_at")
    list_filter = ("home_unit", "home_unit__service", "is_active", "skills")
    search_fields = ("user__email", "user__first_name", "user__last_name")
    list_select_related = ("user", "home_unit")
    autocomplete_fields = ("user", "home_unit")
    filter_horizontal = ("skills", "interests")
    fields = ("user", "home_unit", "skills", "interests", "interests_note", SUPPORT_NEEDS, "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).defer(SUPPORT_NEEDS)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and not can_view_support_needs(request.user, obj):
            fields.remove(SUPPORT_NEEDS)
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            # Read (and log) the field once per page; the form shows the value it returns.
            try:
                obj.support_needs = worker_support_needs_for(
                    user=request.user, worker=obj, path=request.path, reason="admin"
                )
            except ActionNotPermitted:
                pass
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description=_("name"), ordering="user__last_name")
    def display_name(self, obj: Worker) -> str:
        return obj.display_name

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj: Worker) -> str:
        return obj.user.email


@admin.register(WorkerGroup)
class WorkerGroupAdmin(ModelAdmin):
    list_display = ("name", "unit", "member_count")
    list_filter = ("unit",)
    search_fields = ("name", "unit__name")
    list_select_related = ("unit",)
    filter_horizontal = ("members",)
    fields = ("unit", "name", "members")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj: WorkerGroup) -> int:
        return obj._member_count

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            kwargs["queryset"] = Worker.objects.select_related("user").defer(SUPPORT_NEEDS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(WorkCertificate)
class WorkCertificateAdmin(ModelAdmin):
    """Certificates are issued through the coordinator's pages (a service); here they are read only.

    The PDF is not linked here: downloads go through the coordinator's page, which logs them."""

    list_display = ("worker", "period_start", "period_end", "include_feedback", "issued_by", "issued_at")
    list_filter = ("include_feedback",)
    list_select_related = ("worker__user", "issued_by")
    search_fields = ("worker__user__first_name", "worker__user__last_name")
    fields = ("worker", "period_start", "period_end", "include_feedback", "language", "issued_by", "issued_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdminMixin, ModelAdmin):
    """The access log (käyttöloki): who looked at a worker's personal data. Never edited or deleted."""

    list_display = ("at", "user", "actor_role", "worker", "data", "action", "outcome", "path", "reason")
    list_filter = (
        ("worker", admin.RelatedOnlyFieldListFilter),
        ("user", admin.RelatedOnlyFieldListFilter),
        "at",
        "data",
        "outcome",
    )
    date_hierarchy = "at"
    search_fields = ("user__email", "worker__user__email", "worker__user__last_name", "path", "reason")
    list_select_related = ("user", "worker__user")
    fields = (
        "at",
        "user",
        "actor_role",
        "actor_unit",
        "worker",
        "data",
        "action",
        "outcome",
        "path",
        "reason",
        "request_id",
    )

    def get_actions(self, request):
        return {}  # no bulk delete, no other bulk action


from workers import admin_paths  # noqa: E402, F401  (the kinds of path steps)
