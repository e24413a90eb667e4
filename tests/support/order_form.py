"""A complete, valid public order form (/order/): the fields a client fills in, as posted."""

VALID = {
    "organisation_name": "Kahvila Kulma Oy",
    "client_type": "company",
    "business_id": "1572860-0",
    "contact_name": "Liisa Laine",
    "contact_email": "liisa.laine@example.org",
    "contact_phone": "040 111 2222",
    "task_type": "",
    "title": "Ikkunanpesu",
    "description": "Kahvilan ikkunat sisältä ja ulkoa.",
    "orientation": "Talonmies näyttää paikat, 15 minuuttia.",
    "tools_provided": "on",
    "street_address": "Hämeentie 10",
    "postal_code": "00530",
    "city": "Helsinki",
    "preferred_start": "",
    "preferred_end": "",
    "timing_notes": "Arkisin klo 9–15.",
    "estimated_hours": "6,5",
    "hours_indicative": "on",
    "workers_needed": "2",
    "contract_type": "commission",
    "client_reference": "PO-4711",
    "billing_name": "",
    "billing_street": "Hämeentie 10",
    "billing_postal_code": "00530",
    "billing_city": "Helsinki",
    "billing_email": "laskut@kulma.example.org",
    "einvoice_address": "",
    "einvoice_operator": "",
    "website": "",
}

# The same order with the optional free-text fields left empty.
MINIMAL = {**VALID, "orientation": "", "timing_notes": "", "client_reference": ""}
