"""The invoice PDF carries what a Finnish invoice must (arvonlisäverolaki 209 e §) and what a Finnish
paper invoice has: read back with pdftotext, and its bank barcode decoded from the rendered page."""

import datetime as dt
import importlib
import shutil
import subprocess
from decimal import Decimal

import pytest
import zxingcpp
from django.apps import apps
from django.test import override_settings
from PIL import Image

from billing import services
from billing.models import Invoice
from billing.pdf import render_invoice_html, render_invoice_pdf
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (apt-get install poppler-utils)"),
]

# 31.8.2024 is at 24 % VAT, 1.9.2024 at 25.5 %: a two-rate invoice.
WORK = {dt.date(2024, 8, 31): ["2", "3"], dt.date(2024, 9, 1): ["1"]}
ISSUED = dt.date(2025, 3, 3)


def issue(language: str = "fi", **client):
    client = ClientOrganisationFactory(
        language=language,
        name="Kahvila Kulma Oy",
        billing_name="Kahvila Kulma Oy",
        billing_street="Mannerheimintie 5 B 12",
        billing_postal_code="00100",
        billing_city="Helsinki",
        **client,
    )
    order = approved_order(WORK, client=client, client_reference="PO-4711")
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory(), issue_date=ISSUED)
    return invoice, order


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text twice, runs of white space as one space: as laid out on the page (a label and
    its value read as a phrase) and in reading order (a table header wrapped over two lines reads as one)."""
    path = tmp_path / "invoice.pdf"
    path.write_bytes(content)
    texts = []
    for mode in (["-layout"], []):
        out = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, text=True, check=True).stdout
        texts.append(" ".join(out.split()))
    return " | ".join(texts)


def page_image(content: bytes, tmp_path, dpi: int = 300) -> Image.Image:
    path = tmp_path / "page.pdf"
    path.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    return Image.open(tmp_path / "page.png").convert("L")


def euros(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def test_finnish_invoice__carries_every_marking(tmp_path):
    invoice, order = issue("fi")
    text = pdf_text(render_invoice_pdf(invoice), tmp_path)

    assert "LASKU" in text
    # The seller: name, address, business ID and VAT number.
    assert "Helsingin kaupunki / Jobcenter" in text
    assert "PL 1" in text and "00099 Helsingin kaupunki" in text
    assert "Y-tunnus 0201256-6" in text
    assert "ALV-numero FI02012566" in text
    # The buyer's name and address.
    assert "Kahvila Kulma Oy" in text and "Mannerheimintie 5 B 12" in text and "00100 Helsinki" in text
    # Number, dates, terms, penalty interest.
    assert f"Laskun numero {invoice.display_number}" in text
    assert "Laskun päivämäärä 03.03.2025" in text
    assert "Toimituspäivä 31.08.2024–01.09.2024" in text
    assert "Maksuehto 14 päivää netto" in text
    assert "Eräpäivä 17.03.2025" in text
    assert text.count("Viivästyskorko") >= 2 * 2 and "korkolain mukaan" in text  # the label and the note
    # The lines: quantity and unit, unit price marked excluding VAT, the VAT rate, the amount excl. VAT.
    for label in ("Määrä", "Yksikkö", "à-hinta (alv 0 %)", "ALV %", "Summa (alv 0 %)"):
        assert label in text
    assert "31.08.2024" in text and "5,00 h 14,50 € 24 % 72,50 €" in text
    assert "1,00 h 14,50 € 25,5 % 14,50 €" in text  # a rate as it is written: 25,5 %, not 25,50 %
    # VAT per rate and the totals, as the invoice holds them.
    assert "ALV-erittely" in text
    rows = invoice.vat_breakdown()
    assert len(rows) == 2
    for row in rows:
        rate = {Decimal("24.00"): "24", Decimal("25.50"): "25,5"}[row.rate]
        assert f"{rate} % {euros(row.net)} € {euros(row.vat)} € {euros(row.gross)} €" in text
    assert f"Veroton yhteensä {euros(invoice.net)} €" in text
    assert f"ALV yhteensä {euros(invoice.vat)} €" in text
    assert f"Maksettava yhteensä {euros(invoice.gross)} €" in text
    # The order and the client's reference.
    assert f"Tilausnumero {order.number}" in text
    assert "Oma tilausviitteesi PO-4711" in text
    # Payment: IBAN, BIC, the reference grouped and as RF, the slip's fields, the virtual barcode.
    assert "FI4950009420028730" in text and "OKOYFIHH" in text
    assert f"Viitenumero {invoice.reference_grouped}" in text and invoice.reference_rf in text
    for label in (
        "Saajan tilinumero",
        "Mottagarens kontonummer",
        "Saaja",
        "Maksajan nimi ja osoite",
        "Viitenro",
        "Euro",
    ):
        assert label in text
    assert f"Virtuaaliviivakoodi {invoice.virtual_barcode}" in text


def test_seller_address_is_frozen_on_the_invoice(tmp_path):
    with override_settings(
        JOBCENTER_SELLER_STREET="Työpajankatu 8", JOBCENTER_SELLER_POSTAL_CODE="00580", JOBCENTER_SELLER_CITY="Helsinki"
    ):
        invoice, _order = issue("fi")
    assert (invoice.seller_street, invoice.seller_postal_code, invoice.seller_city) == (
        "Työpajankatu 8",
        "00580",
        "Helsinki",
    )
    assert invoice.seller_vat_number == "FI02012566"
    # A later change of the settings does not rewrite an issued invoice.
    text = pdf_text(render_invoice_pdf(Invoice.objects.get(pk=invoice.pk)), tmp_path)
    assert "Työpajankatu 8" in text and "00580 Helsinki" in text and "PL 1" not in text


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "sv",
            [
                "FAKTURA",
                "Momsnummer FI02012566",
                "FO-nummer 0201256-6",
                "Leveransdag 31.08.2024–01.09.2024",
                "Förfallodag 17.03.2025",
                "Dröjsmålsränta",
                "á-pris (exkl. moms)",
                "Belopp (exkl. moms)",
                "Antal",
                "Ordernummer",
                "Momsspecifikation",
                "Att betala totalt",
                "Virtuell streckkod",
            ],
        ),
        (
            "en",
            [
                "INVOICE",
                "VAT number FI02012566",
                "Business ID 0201256-6",
                "Delivery date 31.08.2024–01.09.2024",
                "Due date 17.03.2025",
                "Penalty interest",
                "Unit price (excl. VAT)",
                "Amount excl. VAT",
                "Quantity",
                "Order number",
                "VAT breakdown",
                "Total to pay",
                "Virtual barcode",
                # The slip keeps the standard slip's Finnish and Swedish labels, and adds English.
                "Recipient's account number",
                "Saajan tilinumero",
                "Mottagarens kontonummer",
            ],
        ),
    ],
)
def test_invoice_in_the_clients_language(tmp_path, language, labels):
    invoice, _order = issue(language)
    text = pdf_text(render_invoice_pdf(invoice), tmp_path)
    for label in labels:
        assert label in text, label
    assert "LASKU " not in text and "à-hinta" not in text


def test_bank_barcode_is_drawn_and_decodes_to_the_virtual_barcode(tmp_path):
    invoice, _order = issue("fi")
    html = render_invoice_html(invoice)
    assert html.count('fill="black"') > 50  # the bars, as vector rectangles

    image = page_image(render_invoice_pdf(invoice), tmp_path)
    found = zxingcpp.read_barcodes(image)
    codes = [code for code in found if code.format == zxingcpp.BarcodeFormat.Code128]
    assert [code.text for code in codes] == [invoice.virtual_barcode]
    # Code set C (two digits a symbol) at 0.25 mm a module is 332 modules = 83 mm; set B would be
    # more than 150 mm and no longer fit the slip.
    position = codes[0].position
    width_mm = (position.top_right.x - position.top_left.x) / 300 * 25.4
    assert 80 < width_mm < 86


def test_credit_note__names_the_invoice_it_credits_and_has_no_barcode(tmp_path):
    invoice, _order = issue("fi")
    credit = services.credit_note_issue(invoice_id=invoice.pk, by=CoordinatorFactory(), reason="Tunnit väärin")
    content = render_invoice_pdf(credit)
    text = pdf_text(content, tmp_path)

    assert "HYVITYSLASKU" in text and credit.display_number in text
    assert f"Hyvitettävä lasku {invoice.display_number} (03.03.2025)" in text
    assert f"hyvittää laskun {invoice.display_number}, päivätty 03.03.2025" in text
    assert "Hyvityksen syy: Tunnit väärin" in text
    assert f"Hyvitetään yhteensä -{euros(invoice.gross)} €" in text
    assert f"-{euros(invoice.net)} €" in text
    # Nothing to pay: no slip, no barcode, no due date.
    assert "Virtuaaliviivakoodi" not in text and "Saajan tilinumero" not in text and "Eräpäivä" not in text
    assert "<svg" not in render_invoice_html(credit)
    assert zxingcpp.read_barcodes(page_image(content, tmp_path)) == []


def test_migration_fills_the_seller_address_of_earlier_invoices():
    invoice, _order = issue("fi")
    Invoice.objects.filter(pk=invoice.pk).update(
        seller_street="", seller_postal_code="", seller_city="", seller_vat_number=""
    )
    migration = importlib.import_module("billing.migrations.0006_invoice_seller_address_and_vat_number")
    migration.fill_seller_address(apps, None)
    invoice.refresh_from_db()
    assert (invoice.seller_street, invoice.seller_postal_code, invoice.seller_city, invoice.seller_vat_number) == (
        "PL 1",
        "00099",
        "Helsingin kaupunki",
        "FI02012566",
    )
