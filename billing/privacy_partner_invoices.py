"""The employer partners' invoices to clients: organisation data, no worker's data in them; the
user fields name the coordinator who recorded each state."""

from jobcenter.privacy import FINANCIAL, PERSONAL, PUBLIC, register_inventory

register_inventory(
    {
        "billing.PartnerInvoice": {
            "id": PUBLIC,
            "created_at": PUBLIC,
            "updated_at": PUBLIC,
            "partner": PUBLIC,
            "client": PUBLIC,
            "period_month": PUBLIC,
            "invoice_number": FINANCIAL,
            "amount": FINANCIAL,
            "status": FINANCIAL,
            "received_on": FINANCIAL,
            "received_recorded_by": PERSONAL,
            "received_recorded_at": PUBLIC,
            "paid_on": FINANCIAL,
            "paid_recorded_by": PERSONAL,
            "paid_recorded_at": PUBLIC,
        }
    }
)
