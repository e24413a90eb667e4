"""Admin of task types, clients, their contacts and the order terms."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from jobcenter.admin import ModelAdmin, TabularInline
from orders.models import ClientContact, ClientOrganisation, OrderTerms, TaskType


# --- Reference data and clients -------------------------------------------------------------------
@admin.register(TaskType)
class TaskTypeAdmin(TranslationAdmin, ModelAdmin):
    """The name in each language (modeltranslation: "name [fi]", "name [sv]", "name [en]"); Finnish is required."""

    list_display = ("name_fi", "name_sv", "name_en", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    fields = ("code", "name", "is_active")


class ClientContactInline(TabularInline):
    model = ClientContact
    fields = ("name", "email", "phone", "user", "is_active")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(ClientOrganisation)
class ClientOrganisationAdmin(ModelAdmin):
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
                    "contract_number",
                    "payment_term_days",
                )
            },
        ),
    )
    inlines = [ClientContactInline]

    @admin.display(description=_("e-invoice"), boolean=True)
    def requires_einvoice(self, obj: ClientOrganisation) -> bool:
        return obj.requires_einvoice


@admin.register(ClientContact)
class ClientContactAdmin(ModelAdmin):
    list_display = ("name", "email", "organisation", "user", "is_active")
    list_filter = ("is_active", "organisation__client_type")
    search_fields = ("name", "email", "organisation__name", "organisation__business_id")
    list_select_related = ("organisation", "user")
    autocomplete_fields = ("organisation", "user")
    fields = ("organisation", "name", "email", "phone", "user", "is_active")


@admin.register(OrderTerms)
class OrderTermsAdmin(TranslationAdmin, ModelAdmin):
    """A terms version is frozen once an order points at it (clients accepted that very text).

    The text in each language is a field of its own (modeltranslation); Finnish is required."""

    list_display = ("version", "valid_from")
    fields = ("version", "valid_from", "text")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.orders.exists():
            return ("version", "valid_from", "text_fi", "text_sv", "text_en")
        return ()

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.orders.exists():
            return False
        return super().has_delete_permission(request, obj)
