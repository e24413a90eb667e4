"""The client organisations of the demo: the fields of the public order form that describe them."""

from __future__ import annotations

from orders.models import ClientType

CLIENTS = {
    "puhdas": dict(
        organisation_name="Puhdas Pinta Oy",
        business_id="1572860-0",
        client_type=ClientType.COMPANY,
        contact_name="Tiina Lehtonen",
        contact_email="tiina.lehtonen@puhdaspinta.example",
        contact_phone="040 555 0101",
        billing_name="Puhdas Pinta Oy",
        billing_street="Teollisuuskatu 21",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="laskut@puhdaspinta.example",
    ),
    "vayla": dict(
        organisation_name="Väylä ry",
        business_id="0737546-2",
        client_type=ClientType.ASSOCIATION,
        contact_name="Heikki Aaltonen",
        contact_email="heikki.aaltonen@vayla.example",
        contact_phone="050 555 0202",
        billing_name="Väylä ry",
        billing_street="Sturenkatu 8",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="talous@vayla.example",
    ),
    "kasko": dict(
        organisation_name="Helsingin kaupunki, Kasvatuksen ja koulutuksen toimiala",
        business_id="0201256-6",
        client_type=ClientType.CITY_UNIT,
        contact_name="Sanna Hakala",
        contact_email="sanna.hakala@hel.example",
        contact_phone="09 310 55030",
        billing_name="Helsingin kaupunki / Kasvatuksen ja koulutuksen toimiala",
        billing_street="PL 51000",
        billing_postal_code="00099",
        billing_city="Helsingin kaupunki",
        einvoice_address="003702012566",
        einvoice_operator="003721291126",
    ),
    "helmi": dict(
        organisation_name="Asunto Oy Vallilan Helmi",
        business_id="2846311-1",
        client_type=ClientType.OTHER,
        contact_name="Erkki Miettinen",
        contact_email="isannoitsija@vallilanhelmi.example",
        contact_phone="045 555 0404",
        billing_name="Asunto Oy Vallilan Helmi",
        billing_street="Vallilantie 12",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="laskut@vallilanhelmi.example",
    ),
    "kotikallio": dict(
        organisation_name="Kotikallion palvelusäätiö sr",
        business_id="1907364-8",
        client_type=ClientType.OTHER,
        contact_name="Leena Salo",
        contact_email="leena.salo@kotikallio.example",
        contact_phone="040 555 0505",
        billing_name="Kotikallion palvelusäätiö sr",
        billing_street="Kalliolanrinne 4",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="ostolaskut@kotikallio.example",
    ),
}
# Contacts who get a login; the city unit is invoiced monthly (one collective e-invoice a month).
CLIENT_LOGINS = ("puhdas", "vayla")
MONTHLY_INVOICING = ("kasko",)
