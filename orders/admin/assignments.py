"""Admin of gigs, assignments and feedback. States and hours are read-only: the actions call the services."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from jobcenter.admin import (
    CoordinatorActionsMixin,
    ModelAdmin,
    ReadOnlyAdminMixin,
    ReadOnlyInline,
    ReasonForm,
    form_action,
    n_done,
    run_service,
)
from orders import services
from orders.forms import GigForm
from orders.models import Assignment, AssignmentStatusChange, Feedback, Gig
from orders.states import AssignmentStatus


# --- Gigs and assignments -------------------------------------------------------------------------
class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ("worker", "unit", "status", "support", "reported_hours", "approved_hours")
    readonly_fields = fields
    show_change_link = True


@admin.register(Gig)
class GigAdmin(ModelAdmin):
    """Gigs are added with the order's "Add a gig…" action (the service checks the order's state);
    here only the notes for the workers can be corrected."""

    list_display = ("__str__", "order", "date", "start_time", "planned_hours", "workers_needed", "filled")
    list_filter = ("date",)
    search_fields = ("order__title", "order__client__name")
    list_select_related = ("order",)
    date_hierarchy = "date"
    fields = ("order", "date", "start_time", "planned_hours", "workers_needed", "notes")
    readonly_fields = ("order", "date", "start_time", "planned_hours", "workers_needed")
    form = GigForm
    inlines = [AssignmentInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_filled=Count("assignments", filter=Q(assignments__status__in=AssignmentStatus.filling_states)))
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("filled"), ordering="_filled")
    def filled(self, obj: Gig) -> int:
        return obj._filled


class AssignmentStatusChangeInline(ReadOnlyInline):
    model = AssignmentStatusChange
    fields = ("at", "from_status", "to_status", "by", "on_behalf", "event", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")

    @admin.display(description=_("event"))
    def event(self, obj: AssignmentStatusChange) -> str:
        """What happened, in the admin user's language (the row stores a code and its facts)."""
        return obj.describe()


@admin.register(Assignment)
class AssignmentAdmin(CoordinatorActionsMixin, ModelAdmin):
    list_display = ("worker", "gig", "unit", "status", "support", "reported_hours", "approved_hours")
    list_filter = ("status", "unit", "support", "gig__date")
    search_fields = ("worker__user__first_name", "worker__user__last_name", "gig__order__title")
    list_select_related = ("worker__user", "gig__order", "unit")
    fieldsets = (
        (None, {"fields": ("gig", "worker", "unit", "proposed_by", "status")}),
        (_("Support"), {"fields": ("support", "support_person", "skills_checked", "interest_note")}),
        (
            _("Hours"),
            {
                "fields": (
                    "reported_hours",
                    "reported_at",
                    "approved_hours",
                    "hours_correction_reason",
                    "approved_at",
                    "approved_by",
                )
            },
        ),
    )
    readonly_fields = (
        "gig",
        "worker",
        "unit",
        "proposed_by",
        "status",
        "reported_hours",
        "reported_at",
        "approved_hours",
        "hours_correction_reason",
        "approved_at",
        "approved_by",
    )
    autocomplete_fields = ("support_person",)
    inlines = [AssignmentStatusChangeInline]
    actions = ["offer", "approve_as_reported", "withdraw"]

    def has_add_permission(self, request) -> bool:
        return False  # unit staff propose workers (orders.services.assignment_propose)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("worker__support_needs")

    @admin.action(description=_("Offer the gig to the worker"), permissions=["coordinate"])
    def offer(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda a: services.assignment_offer(assignment_id=a.pk, by=request.user),
            done=n_done(ngettext_lazy("%(count)d gig offered.", "%(count)d gigs offered.", "count")),
        )

    @admin.action(description=_("Approve the hours as reported"), permissions=["coordinate"])
    def approve_as_reported(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda a: services.assignment_approve(assignment_id=a.pk, by=request.user),
            done=n_done(ngettext_lazy("%(count)d assignment approved.", "%(count)d assignments approved.", "count")),
        )

    @admin.action(description=_("Take the worker off the gig…"), permissions=["coordinate"])
    def withdraw(self, request, queryset):
        return form_action(
            self,
            request,
            queryset,
            action="withdraw",
            form_class=ReasonForm,
            title=_("Take the worker off the gig"),
            intro=_("The workers below are taken off their gigs. Write why; the reason is kept in the history."),
            submit_label=_("Take off the gig"),
            call=lambda a, data: services.assignment_withdraw(
                assignment_id=a.pk, by=request.user, reason=data["reason"]
            ),
            done=n_done(
                ngettext_lazy("%(count)d worker taken off a gig.", "%(count)d workers taken off their gigs.", "count")
            ),
        )


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdminMixin, ModelAdmin):
    """Feedback is given through the client's link or recorded on the coordinator's dashboard; here it is read."""

    list_display = ("assignment", "rating", "source", "given_by_name", "created_at")
    list_filter = ("rating", "source")
    search_fields = ("text", "given_by_name", "assignment__gig__order__title")
    list_select_related = ("assignment__worker__user", "assignment__gig__order", "recorded_by")
    fields = ("assignment", "rating", "text", "source", "given_by_name", "recorded_by", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("assignment__worker__support_needs")
