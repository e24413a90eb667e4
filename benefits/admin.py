"""The benefit rules are edited in the admin: next year's figures are a new row, not a code change.

The list shows, for each rule, whether its figure was confirmed from its source ("not confirmed"
stands out), how it counts income and a link to the source; the rules health warning (a benefit a
worker receives with no figure soon) is shown above the list (templates/admin/benefits/benefitrule/).
The model's `clean()` refuses a row whose period overlaps another row of the same benefit, rule and
period; the admin form runs it, so an overlap shows as a form error.

A worker's benefits, clarifications and consents are deliberately not in the admin: they are read
only through pages that check the worker's consent and write the access log."""

from urllib.parse import urlsplit

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from benefits.models import BenefitRule
from jobcenter.admin import ModelAdmin


def confirmed_badge(confirmed: bool) -> str:
    if confirmed:
        return format_html('<span class="rule-confirmed">{}</span>', _("confirmed"))
    return format_html('<strong class="rule-not-confirmed">{}</strong>', _("not confirmed"))


def source_link(url: str) -> str:
    if not url:
        return "–"
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', url, urlsplit(url).netloc or url)


@admin.register(BenefitRule)
class BenefitRuleAdmin(ModelAdmin):
    list_display = (
        "benefit",
        "kind",
        "period",
        "amount",
        "reduction_rate",
        "valid_from",
        "valid_to",
        "confirmation",
        "counts_income_by",
        "source_address",
    )
    list_filter = ("benefit", "confirmed", "kind", "period", "counts_income_by")
    ordering = ("benefit", "kind", "period", "-valid_from")
    fieldsets = (
        (None, {"fields": ("benefit", "kind", "period", "amount", "reduction_rate", "valid_from", "valid_to")}),
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
        (
            _("How income counts and reporting"),
            {
                "fields": ("counts_income_by", "report_to", "report_within_days"),
                "description": _(
                    "Unemployment benefits and social assistance count pay by the day it is paid. Leave the "
                    "reporting fields empty when the benefit has no reporting duty or deadline."
                ),
            },
        ),
        (None, {"fields": ("note",)}),
    )

    @admin.display(description=_("figure confirmed"), ordering="confirmed")
    def confirmation(self, obj: BenefitRule) -> str:
        return confirmed_badge(obj.confirmed)

    @admin.display(description=_("source address"), ordering="source_url")
    def source_address(self, obj: BenefitRule) -> str:
        return source_link(obj.source_url)
