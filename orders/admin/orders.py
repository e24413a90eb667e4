"""Admin of clients, terms, orders, gigs and assignments.

Order and assignment states, the terms fields and the hours are read-only here: they change only
through the services in `orders.services`, called by the admin actions below. Each refusal is shown
as an error message for that object, and nothing changes for it.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from jobcenter.admin import (
    CoordinatorActionsMixin,
    ReadOnlyAdminMixin,
    ReadOnlyInline,
    ReasonForm,
    form_action,
    n_done,
    run_service,
)
from orders import services
from orders.models import (
    ASSIGNMENT_FILLING_STATES,
    Assignment,
    AssignmentStatusChange,
    ClientContact,
    ClientOrganisation,
    Feedback,
    Gig,
    Order,
    OrderStatus,
    OrderStatusChange,
    OrderTerms,
    OrderUnitNotice,
    TaskType,
)
from units.models import Unit


# --- Reference data and clients -------------------------------------------------------------------
@admin.register(TaskType)
class TaskTypeAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "name_sv", "name_en", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    fields = ("code", "name_fi", "name_sv", "name_en", "is_active")


class ClientContactInline(admin.TabularInline):
    model = ClientContact
    fields = ("name", "email", "phone", "user", "is_active")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(ClientOrganisation)
class ClientOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "business_id", "client_type", "invoicing_mode", "requires_einvoice", "created_at")
    list_filter = ("client_type", "invoicing_mode", "language")
    search_fields = ("name", "business_id", "billing_name")
    fieldsets = (
        (None, {"fields": ("name", "business_id", "client_type", "language")}),
        (
            _("Billing"),
            {
                "fields": (
                    "billing_name",
                    "billing_street",
                    "billing_postal_code",
                    "billing_city",
                    "billing_email",
                    "einvoice_address",
                    "einvoice_operator",
                    "invoicing_mode",
                )
            },
        ),
    )
    inlines = [ClientContactInline]

    @admin.display(description=_("e-invoice"), boolean=True)
    def requires_einvoice(self, obj: ClientOrganisation) -> bool:
        return obj.requires_einvoice


@admin.register(ClientContact)
class ClientContactAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "organisation", "user", "is_active")
    list_filter = ("is_active", "organisation__client_type")
    search_fields = ("name", "email", "organisation__name", "organisation__business_id")
    list_select_related = ("organisation", "user")
    autocomplete_fields = ("organisation", "user")
    fields = ("organisation", "name", "email", "phone", "user", "is_active")


@admin.register(OrderTerms)
class OrderTermsAdmin(admin.ModelAdmin):
    """A terms version is frozen once an order points at it (clients accepted that very text)."""

    list_display = ("version", "valid_from")
    fields = ("version", "valid_from", "text_fi", "text_sv", "text_en")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.orders.exists():
            return self.fields
        return ()

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.orders.exists():
            return False
        return super().has_delete_permission(request, obj)


# --- Orders ---------------------------------------------------------------------------------------
class GigInline(ReadOnlyInline):
    model = Gig
    fields = ("date", "start_time", "planned_hours", "workers_needed", "notes")
    readonly_fields = fields
    show_change_link = True


class OrderUnitNoticeInline(ReadOnlyInline):
    model = OrderUnitNotice
    fields = ("unit", "informed_at", "informed_by")
    readonly_fields = fields


class OrderStatusChangeInline(ReadOnlyInline):
    model = OrderStatusChange
    fields = ("at", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")


class InformUnitsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.active().select_related("service"),
        widget=forms.CheckboxSelectMultiple,
    )


class GigForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    # Text, read by the service (`parse_hours`): "2,5" and "2.5" both work, and its message explains.
    planned_hours = forms.CharField(label=_("Planned hours"), max_length=10, help_text=_("For example 2 or 2,5."))
    workers_needed = forms.IntegerField(label=_("Workers needed"), min_value=1, max_value=50, initial=1)
    notes = forms.CharField(label=_("Notes for the workers"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Order)
class OrderAdmin(CoordinatorActionsMixin, admin.ModelAdmin):
    list_display = ("number", "title", "client", "status", "contract_type", "workers_needed", "created_at")
    list_display_links = ("number", "title")
    list_filter = ("status", "contract_type", "client__client_type", "task_type")
    search_fields = ("title", "client__name", "client__business_id", "contact__name", "contact__email")
    list_select_related = ("client",)
    date_hierarchy = "created_at"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "number",
                    "status",
                    "client",
                    "contact",
                    "task_type",
                    "title",
                    "description",
                    "orientation",
                )
            },
        ),
        (
            _("Place and time"),
            {
                "fields": (
                    "street_address",
                    "postal_code",
                    "city",
                    "preferred_start",
                    "preferred_end",
                    "timing_notes",
                )
            },
        ),
        (
            _("Scope and contract"),
            {
                "fields": (
                    "estimated_hours",
                    "hours_indicative",
                    "workers_needed",
                    "tools_provided",
                    "contract_type",
                    "client_reference",
                    "language",
                )
            },
        ),
        (
            _("Terms"),
            {
                "fields": (
                    "terms",
                    "terms_sent_at",
                    "terms_accepted_at",
                    "terms_accepted_by",
                    "terms_accepted_name",
                )
            },
        ),
        (_("Dates"), {"fields": ("submitted_at", "created_at", "updated_at", "closed_reason")}),
    )
    readonly_fields = (
        "number",
        "status",
        "client",
        "contact",
        "terms",
        "terms_sent_at",
        "terms_accepted_at",
        "terms_accepted_by",
        "terms_accepted_name",
        "submitted_at",
        "created_at",
        "updated_at",
        "closed_reason",
    )
    inlines = [GigInline, OrderUnitNoticeInline, OrderStatusChangeInline]
    actions = ["send_terms", "inform_units", "add_gig", "close", "reject", "cancel"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # The price follows the contract: once the terms are out, only a new order changes it.
        if obj is not None and obj.status != OrderStatus.SUBMITTED:
            fields.append("contract_type")
        return fields

    def has_add_permission(self, request) -> bool:
        return False  # orders come from the public order form (orders.services.order_submit)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # an order's history is kept; cancel or reject it instead

    @admin.display(description=_("number"), ordering="pk")
    def number(self, obj: Order) -> str:
        return obj.number

    # Actions: each calls one service per selected order.
    @admin.action(description=_("Send the terms to the client"), permissions=["coordinate"])
    def send_terms(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda order: services.order_send_terms(order_id=order.pk, by=request.user),
            done=n_done("%(count)d order: terms sent.", "%(count)d orders: terms sent."),
        )

    @admin.action(description=_("Inform units…"), permissions=["coordinate"])
    def inform_units(self, request, queryset):
        return form_action(
            self,
            request,
            queryset,
            action="inform_units",
            form_class=InformUnitsForm,
            title=_("Inform units of the need"),
            intro=_("The chosen units are told about these orders and can propose workers."),
            submit_label=_("Inform the units"),
            call=lambda order, data: services.order_inform_units(
                order_id=order.pk, unit_ids=[u.pk for u in data["units"]], by=request.user
            ),
            done=n_done("%(count)d order: units informed.", "%(count)d orders: units informed."),
        )

    @admin.action(description=_("Add a gig…"), permissions=["coordinate"])
    def add_gig(self, request, queryset):
        return form_action(
            self,
            request,
            queryset,
            action="add_gig",
            form_class=GigForm,
            form_kwargs={"initial": {"start_time": dt.time(9, 0)}},
            title=_("Add a gig"),
            intro=_("A gig with this date, time and hours is added to each order below."),
            submit_label=_("Add the gig"),
            call=lambda order, data: services.gig_create(order_id=order.pk, by=request.user, **data),
            done=n_done("%(count)d gig added.", "%(count)d gigs added."),
        )

    @admin.action(description=_("Close (paid, feedback recorded)"), permissions=["coordinate"])
    def close(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda order: services.order_close(order_id=order.pk, by=request.user),
            done=n_done("%(count)d order closed.", "%(count)d orders closed."),
        )

    @admin.action(description=_("Reject the request…"), permissions=["coordinate"])
    def reject(self, request, queryset):
        return form_action(
            self,
            request,
            queryset,
            action="reject",
            form_class=ReasonForm,
            title=_("Reject the request"),
            intro=_("The requests below are turned down. Write why; the reason is kept in each order's history."),
            submit_label=_("Reject"),
            call=lambda order, data: services.order_reject(order_id=order.pk, by=request.user, reason=data["reason"]),
            done=n_done("%(count)d order rejected.", "%(count)d orders rejected."),
        )

    @admin.action(description=_("Cancel the order…"), permissions=["coordinate"])
    def cancel(self, request, queryset):
        return form_action(
            self,
            request,
            queryset,
            action="cancel",
            form_class=ReasonForm,
            title=_("Cancel the order"),
            intro=_(
                "The orders below are cancelled and their open assignments withdrawn. Write why; the reason "
                "is kept in each order's history."
            ),
            submit_label=_("Cancel the orders"),
            call=lambda order, data: services.order_cancel(order_id=order.pk, by=request.user, reason=data["reason"]),
            done=n_done("%(count)d order cancelled.", "%(count)d orders cancelled."),
        )


@admin.register(OrderStatusChange)
class OrderStatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "order", "from_status", "to_status", "by", "note")
    list_filter = ("to_status", "at")
    search_fields = ("order__title", "note")
    list_select_related = ("order", "by")
    fields = ("order", "from_status", "to_status", "by", "note", "at")


@admin.register(OrderUnitNotice)
class OrderUnitNoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("order", "unit", "informed_at", "informed_by")
    list_filter = ("unit",)
    list_select_related = ("order", "unit", "informed_by")
    fields = ("order", "unit", "informed_at", "informed_by")


# --- Gigs and assignments -------------------------------------------------------------------------
class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ("worker", "unit", "status", "support", "reported_hours", "approved_hours")
    readonly_fields = fields
    show_change_link = True


@admin.register(Gig)
class GigAdmin(admin.ModelAdmin):
    """Gigs are added with the order's "Add a gig…" action (the service checks the order's state);
    here only the notes for the workers can be corrected."""

    list_display = ("__str__", "order", "date", "start_time", "planned_hours", "workers_needed", "filled")
    list_filter = ("date",)
    search_fields = ("order__title", "order__client__name")
    list_select_related = ("order",)
    date_hierarchy = "date"
    fields = ("order", "date", "start_time", "planned_hours", "workers_needed", "notes")
    readonly_fields = ("order", "date", "start_time", "planned_hours", "workers_needed")
    inlines = [AssignmentInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_filled=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES)))
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
    fields = ("at", "from_status", "to_status", "by", "on_behalf", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")


@admin.register(Assignment)
class AssignmentAdmin(CoordinatorActionsMixin, admin.ModelAdmin):
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
            done=n_done("%(count)d gig offered.", "%(count)d gigs offered."),
        )

    @admin.action(description=_("Approve the hours as reported"), permissions=["coordinate"])
    def approve_as_reported(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda a: services.assignment_approve(assignment_id=a.pk, by=request.user),
            done=n_done("%(count)d assignment approved.", "%(count)d assignments approved."),
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
            done=n_done("%(count)d worker taken off a gig.", "%(count)d workers taken off their gigs."),
        )


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Feedback is given through the client's link or recorded on the coordinator's dashboard; here it is read."""

    list_display = ("assignment", "rating", "source", "given_by_name", "created_at")
    list_filter = ("rating", "source")
    search_fields = ("text", "given_by_name", "assignment__gig__order__title")
    list_select_related = ("assignment__worker__user", "assignment__gig__order", "recorded_by")
    fields = ("assignment", "rating", "text", "source", "given_by_name", "recorded_by", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("assignment__worker__support_needs")
