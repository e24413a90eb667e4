from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")

    def ready(self):
        # Only an issued invoice moves an order to invoiced: the order flow asks billing through its hook.
        from billing.coverage import order_has_issued_invoice
        from orders import hooks as order_hooks

        if order_has_issued_invoice not in order_hooks.invoice_covers_order:
            order_hooks.invoice_covers_order.append(order_has_issued_invoice)
        from billing.cancellation import register as register_cancellation_quote

        register_cancellation_quote()
        from billing.selectors_estimate import register as register_order_estimate

        register_order_estimate()
        from billing import privacy, privacy_partner_invoices, privacy_payments, privacy_product_sales  # noqa: F401  (register the app's personal data)
        from billing.selectors_product_sales import LOG_PRODUCT_SALES
        from jobcenter.access_log import register_data_label

        register_data_label(LOG_PRODUCT_SALES, _("Product sales and their compensation"))
