"""The seller's VAT number (ALV-numero) from its business ID, as printed on invoices."""

from __future__ import annotations

from stdnum.fi import ytunnus


def vat_number(business_id: str) -> str:
    """The Finnish VAT number of a business ID: "FI" and the ID's eight digits (0201256-6 → FI02012566).

    An ID that fails its check digit gives an empty string rather than a number no register knows.
    """
    try:
        return "FI" + ytunnus.validate(business_id)
    except ValueError:
        return ""
