"""The invoice PDF, read back as text with pdftotext (poppler-utils)."""

import datetime as dt
import shutil
import subprocess
import time

import pytest
from django.test import override_settings

from billing import services
from billing.pdf import render_invoice_pdf
from billing.tasks import render_invoice_pdf_task
from tests.factories import CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (apt-get install poppler-utils)"),
]


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@override_settings(JOBCENTER_SELLER_IBAN="FI4950009420028730", JOBCENTER_SELLER_BIC="OKOYFIHH")
def test_render_invoice_pdf__has_number_reference_iban_totals_and_due_date(tmp_path):
    order = approved_order({dt.date(2024, 8, 31): ["2"], dt.date(2024, 9, 1): ["1"]}, client_reference="PO-4711")
    invoice = services.invoice_issue_for_order(
        order_id=order.pk, by=CoordinatorFactory(), issue_date=dt.date(2025, 3, 3)
    )
    started = time.perf_counter()
    content = render_invoice_pdf(invoice)
    elapsed = time.perf_counter() - started
    text = pdf_text(content, tmp_path)
    assert content.startswith(b"%PDF")
    assert "LASKU" in text
    assert "JC1001" in text
    assert "10016" in text and "RF0810016" in text  # reference and its RF form
    assert "FI4950009420028730" in text and "OKOYFIHH" in text
    assert "17.03.2025" in text  # due date: 3.3. + 14 days
    # 2 h × 14.50 = 29.00 + 24 % 6.96; 1 h × 14.50 + 25.5 % 3.70 → 43.50 + 10.66 = 54.16
    assert "43,50" in text and "10,66" in text and "54,16" in text
    assert "PO-4711" in text
    assert invoice.virtual_barcode in text
    assert elapsed < 10


def test_render_invoice_pdf__credit_note_says_so(tmp_path):
    by = CoordinatorFactory()
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=by)
    credit = services.credit_note_issue(invoice_id=invoice.pk, by=by, reason="Tunnit väärin")
    text = pdf_text(render_invoice_pdf(credit), tmp_path)
    assert "HYVITYSLASKU" in text and credit.display_number in text and invoice.display_number in text
    assert "-18,20" in text and "Tunnit väärin" in text


def test_render_invoice_pdf_task__stores_once_and_skips_after():
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory())
    assert render_invoice_pdf_task(invoice.pk) == "rendered"
    invoice.refresh_from_db()
    name = invoice.pdf.name
    assert name and invoice.pdf.read(4) == b"%PDF"
    assert render_invoice_pdf_task(invoice.pk) == "skipped"
    invoice.refresh_from_db()
    assert invoice.pdf.name == name
    assert render_invoice_pdf_task(999_999) == "skipped"
