"""The insurance policies in the data inventory: reference data about who insures the gigs, with no
person in it (a policy names the City, the Jobcenter or an employer partner, never a worker), so
every field is public."""

from __future__ import annotations

from jobcenter.privacy import PUBLIC, register_inventory

register_inventory(
    {
        "orders.InsurancePolicy": {
            field: PUBLIC
            for field in (
                "id",
                "contract_type",
                "cover",
                "partner",
                "name",
                "name_fi",
                "name_sv",
                "name_en",
                "insurer",
                "policy_holder",
                "policy_number",
                "valid_from",
                "valid_to",
                "source",
                "notes",
            )
        }
    }
)
