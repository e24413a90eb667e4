"""Admin of orders, their history and the units informed.

An order's state, its terms fields and its gigs change only through `orders.services`, called by the
admin actions below; each refusal is shown as an error message for that object, and nothing
changes for it. No action moves an order to invoiced: only billing's issued invoice does."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin
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
from orders.models import Gig, Order, OrderStatus, OrderStatusChange, OrderUnitNotice
from units.models import Unit


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
    fields = ("at", "from_status", "to_status", "by", "event", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")

    @admin.display(description=_("event"))
    def event(self, obj: OrderStatusChange) -> str:
        """What happened, in the admin user's language (the row stores a code and its facts)."""
        return obj.describe()


class InformUnitsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.active().select_related("service"),
        widget=forms.CheckboxSelectMultiple,
    )


@admin.register(Order)
class OrderAdmin(CoordinatorActionsMixin, ModelAdmin):
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
            done=n_done(ngettext_lazy("%(count)d order: terms sent.", "%(count)d orders: terms sent.", "count")),
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
            done=n_done(
                ngettext_lazy("%(count)d order: units informed.", "%(count)d orders: units informed.", "count")
            ),
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
            done=n_done(ngettext_lazy("%(count)d gig added.", "%(count)d gigs added.", "count")),
        )

    @admin.action(description=_("Close (paid, feedback recorded)"), permissions=["coordinate"])
    def close(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda order: services.order_close(order_id=order.pk, by=request.user),
            done=n_done(ngettext_lazy("%(count)d order closed.", "%(count)d orders closed.", "count")),
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
            done=n_done(ngettext_lazy("%(count)d order rejected.", "%(count)d orders rejected.", "count")),
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
            done=n_done(ngettext_lazy("%(count)d order cancelled.", "%(count)d orders cancelled.", "count")),
        )


@admin.register(OrderStatusChange)
class OrderStatusChangeAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("at", "order", "from_status", "to_status", "by", "event", "note")
    list_filter = ("to_status", "kind", "at")
    search_fields = ("order__title", "note")
    list_select_related = ("order", "by")
    fields = ("order", "from_status", "to_status", "by", "event", "note", "at")
    readonly_fields = ("event",)

    @admin.display(description=_("event"))
    def event(self, obj: OrderStatusChange) -> str:
        return obj.describe()


@admin.register(OrderUnitNotice)
class OrderUnitNoticeAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ("order", "unit", "informed_at", "informed_by")
    list_filter = ("unit",)
    list_select_related = ("order", "unit", "informed_by")
    fields = ("order", "unit", "informed_at", "informed_by")
