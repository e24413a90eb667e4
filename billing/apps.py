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
        from billing import privacy, privacy_payments  # noqa: F401  (register the app's personal data)
