"""Admin of payment runs, the bank's status reports, the Incomes Register and workers' payment details:
read-only, because each of these changes only through its service (a run is approved with four
eyes, a report is made with its payment). Bank accounts and identity codes show masked: the admin
is no way around the paying role's access-logged pages.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from billing.models import (
    BankStatusReport,
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    PaymentRun,
    PaymentRunHold,
    WorkerPaymentDetails,
    mask_iban,
    mask_identity_code,
)
from jobcenter.admin import ModelAdmin, TabularInline


class ReadOnlyPaymentsAdmin(ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PaymentRunHoldInline(TabularInline):
    model = PaymentRunHold
    extra = 0
    can_delete = False
    fields = ("worker", "reason", "assignments", "hours", "gross")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PaymentRun)
class PaymentRunAdmin(ReadOnlyPaymentsAdmin):
    list_display = ("payment_date", "status", "cutoff_date", "payment_count", "gross", "net", "created_by")
    list_select_related = ("created_by",)
    list_filter = ("status",)
    fields = (
        "payment_date",
        "cutoff_date",
        "status",
        "created_by",
        "created_at",
        "approved_by",
        "approved_at",
        "discarded_by",
        "discarded_at",
        "payment_count",
        "gross",
        "tax_withheld",
        "net",
        "message_id",
        "payer_name",
        "payer_business_id",
        "masked_payer_iban",
        "payer_bic",
        "bank_file_sha256",
    )
    readonly_fields = fields
    inlines = [PaymentRunHoldInline]

    @admin.display(description=_("payer's IBAN"))
    def masked_payer_iban(self, obj):
        return mask_iban(obj.payer_iban)


@admin.register(PaymentRunHold)
class PaymentRunHoldAdmin(ReadOnlyPaymentsAdmin):
    list_display = ("run", "worker", "reason", "assignments", "hours", "gross")
    list_filter = ("reason",)
    list_select_related = ("run", "worker__user")


@admin.register(BankStatusReport)
class BankStatusReportAdmin(ReadOnlyPaymentsAdmin):
    list_display = ("message_id", "run", "uploaded_by", "uploaded_at", "paid", "rejected")
    fields = ("run", "message_id", "created_at_bank", "uploaded_by", "uploaded_at", "sha256", "paid", "rejected")
    readonly_fields = fields


@admin.register(IncomesRegisterDelivery)
class IncomesRegisterDeliveryAdmin(ReadOnlyPaymentsAdmin):
    list_display = ("delivery_id", "payment_date", "created_at", "sent_at")
    fields = ("delivery_id", "payment_date", "created_at", "created_by", "sha256", "sent_at", "location", "last_error")
    readonly_fields = fields


@admin.register(IncomesRegisterReport)
class IncomesRegisterReportAdmin(ReadOnlyPaymentsAdmin):
    list_display = ("report_id", "version", "kind", "earner_name", "payment_date", "due_date", "status")
    list_filter = ("kind", "status")
    fields = (
        "payout",
        "kind",
        "corrects",
        "report_id",
        "version",
        "payment_date",
        "due_date",
        "income_type",
        "amount",
        "tax_withheld",
        "masked_identity_code",
        "earner_name",
        "reason",
        "status",
        "delivery",
        "created_at",
        "created_by",
    )
    readonly_fields = fields

    @admin.display(description=_("personal identity code"))
    def masked_identity_code(self, obj):
        return mask_identity_code(obj.earner_identity_code)


@admin.register(WorkerPaymentDetails)
class WorkerPaymentDetailsAdmin(ReadOnlyPaymentsAdmin):
    """Masked only; the worker's unit or the coordinator enter the details on their pages."""

    list_display = ("worker", "masked_iban", "masked_identity_code", "updated_at")
    list_select_related = ("worker__user",)
    fields = ("worker", "masked_iban", "bic", "masked_identity_code", "updated_at", "updated_by")
    readonly_fields = fields

    @admin.display(description=_("IBAN"))
    def masked_iban(self, obj):
        return mask_iban(obj.iban)

    @admin.display(description=_("personal identity code"))
    def masked_identity_code(self, obj):
        return mask_identity_code(obj.personal_identity_code)
