"""Admin of the dated price list and VAT rates.

The model's `clean()` refuses a row whose period overlaps another row; the admin form runs it
(ModelForm._post_clean → Model.full_clean → clean), so an overlapping row shows a form error.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from billing.models import (
    Invoice,
    InvoiceLine,
    InvoiceSeries,
    Payout,
    PayoutLine,
    PriceList,
    VatRate,
    WorkerTaxInfo,
    YelLowerLimit,
    mask_iban,
)
from jobcenter.admin import ModelAdmin, TabularInline


class DatedRuleForm(forms.ModelForm):
    """Runs the model's own validation only when the fields it needs are valid.

    `DatedRule.clean()` (and `PriceList.clean()`) compute with the dates and amounts; Django calls
    the model's `clean()` even when a field failed, and an empty field would crash it instead of
    showing "This field is required".
    """

    needed_for_model_clean: tuple[str, ...] = ("valid_from",)

    def _post_clean(self):
        if any(name in self.errors for name in self.needed_for_model_clean):
            return
        super()._post_clean()


class PriceListForm(DatedRuleForm):
    needed_for_model_clean = (
        "valid_from",
        "client_hourly_price",
        "worker_hourly_pay",
        "side_costs_hourly",
        "service_fee_hourly",
    )

    class Meta:
        model = PriceList
        fields = (
            "contract_type",
            "client_hourly_price",
            "worker_hourly_pay",
            "side_costs_hourly",
            "service_fee_hourly",
            "valid_from",
            "valid_to",
            "source",
        )


class VatRateForm(DatedRuleForm):
    class Meta:
        model = VatRate
        fields = ("rate", "valid_from", "valid_to", "source")


@admin.register(PriceList)
class PriceListAdmin(ModelAdmin):
    form = PriceListForm
    list_display = (
        "contract_type",
        "client_hourly_price",
        "worker_hourly_pay",
        "side_costs_hourly",
        "service_fee_hourly",
        "valid_from",
        "valid_to",
        "source",
    )
    list_filter = ("contract_type",)
    fields = PriceListForm.Meta.fields


@admin.register(VatRate)
class VatRateAdmin(ModelAdmin):
    form = VatRateForm
    list_display = ("rate", "valid_from", "valid_to", "source")
    fields = VatRateForm.Meta.fields


# --- Invoices: read-only (issued invoices change only through billing.services) ------------------
class ReadOnlyAdmin(ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = ("position", "date", "task", "worker_count", "hours", "unit_price", "vat_rate", "net", "vat", "gross")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ("display_number", "kind", "buyer_name", "issue_date", "due_date", "gross", "status")
    list_filter = ("kind", "status")
    search_fields = ("number", "buyer_name", "reference")
    inlines = [InvoiceLineInline]


@admin.register(InvoiceSeries)
class InvoiceSeriesAdmin(ReadOnlyAdmin):
    list_display = ("code", "next_number")


# --- Worker payouts: read-only (created only through billing.payouts) -----------------------------
class PayoutLineInline(TabularInline):
    model = PayoutLine
    extra = 0
    can_delete = False
    fields = ("date", "task", "hours", "rate", "amount", "assignment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = (
        "worker_name",
        "payment_date",
        "status",
        "period_start",
        "period_end",
        "hours",
        "gross",
        "withholding_percent",
        "net",
    )
    list_filter = ("status",)
    search_fields = ("worker_name", "worker_email")
    inlines = [PayoutLineInline]
    # The account paid to is shown masked: in full only to the paying role, on the payment run's page.
    exclude = ("iban",)
    readonly_fields = ("masked_iban",)

    @admin.display(description=_("IBAN"))
    def masked_iban(self, obj: Payout) -> str:
        return mask_iban(obj.iban) or "–"


@admin.register(YelLowerLimit)
class YelLowerLimitAdmin(ModelAdmin):
    """Next year's limit is a new row; a year's row is never deleted (the payouts of that year used it)."""

    list_display = ("year", "amount", "confirmation", "source_address", "source")
    list_filter = ("confirmed",)
    fieldsets = (
        (None, {"fields": ("year", "amount")}),
        (
            _("Source and confirmation"),
            {
                "fields": ("source", "source_url", "confirmed", "confirmation_note"),
                "description": _(
                    "Write where the figure was read. Tick “confirmed” only when the source itself states the "
                    "figure for this period; otherwise say in the note what was found."
                ),
            },
        ),
    )

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("figure confirmed"), ordering="confirmed")
    def confirmation(self, obj: YelLowerLimit) -> str:
        if obj.confirmed:
            return format_html('<span class="rule-confirmed">{}</span>', _("confirmed"))
        return format_html('<strong class="rule-not-confirmed">{}</strong>', _("not confirmed"))

    @admin.display(description=_("source address"), ordering="source_url")
    def source_address(self, obj: YelLowerLimit) -> str:
        if not obj.source_url:
            return "–"
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.source_url, obj.source_url)


@admin.register(WorkerTaxInfo)
class WorkerTaxInfoAdmin(ReadOnlyAdmin):
    """Personal data: visible here to administrators only; coordinators edit it on the payouts page."""

    list_display = ("worker", "withholding_percent", "in_prepayment_register", "valid_for_year", "updated_at")


# The payment runs' admin (read-only, accounts and identity codes masked) lives in its own module.
from billing import admin_cancellation, admin_payment_schedule, admin_payments  # noqa: E402, F401
