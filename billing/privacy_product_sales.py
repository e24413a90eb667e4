"""Product sales: a product names its maker (a worker) and may have a photo of the work; the
agreements name the staff who agreed and the buyer's representative; the amounts are the worker's
fees, so financial."""

from jobcenter.privacy import FINANCIAL, PERSONAL, PUBLIC, register_inventory

register_inventory(
    {
        "billing.Product": {
            "id": PUBLIC,
            "unit": PUBLIC,
            "maker": PERSONAL,
            "name": PUBLIC,
            "description": PUBLIC,
            # A photo of the product; it may show the maker's hands or the unit, so it is served to
            # the unit's staff and the coordinator only.
            "photo": PERSONAL,
            "photo_type": PUBLIC,
            "quantity_made": PUBLIC,
            "material_cost": FINANCIAL,
            "created_by": PERSONAL,
            "created_at": PUBLIC,
        },
        "billing.CompensationAgreement": {
            "id": PUBLIC,
            "product": PUBLIC,
            "buyer": PUBLIC,
            "compensation": FINANCIAL,
            "valid_from": PUBLIC,
            "job_coach": PERSONAL,
            "job_coach_agreed_on": PUBLIC,
            "coordinator": PERSONAL,
            "coordinator_agreed_on": PUBLIC,
            "unit_manager": PERSONAL,
            "unit_manager_agreed_on": PUBLIC,
            "buyer_representative": PERSONAL,
            "buyer_agreed_on": PUBLIC,
            "trial_ends_on": PUBLIC,
            "created_by": PERSONAL,
            "created_at": PUBLIC,
        },
        "billing.ProductDelivery": {
            "id": PUBLIC,
            "product": PUBLIC,
            "agreement": PUBLIC,
            "date": PUBLIC,
            "quantity": PUBLIC,
            "compensation": FINANCIAL,
            "amount": FINANCIAL,
            "recorded_by": PERSONAL,
            "recorded_at": PUBLIC,
        },
        "billing.SalesReview": {
            "id": PUBLIC,
            "agreement": PUBLIC,
            "reviewed_on": PUBLIC,
            "sold": PUBLIC,
            "notes": PERSONAL,
            "reorder": PUBLIC,
            "reorder_quantity": PUBLIC,
            "recorded_by": PERSONAL,
            "recorded_at": PUBLIC,
        },
    }
)
