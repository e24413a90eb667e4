"""The fee statement (palkkiolaskelma) of a run's payment: the payment date, the payer frozen with the
run (name and business ID), the account masked, gross, withholding %, tax and net, and the rows;
never the full account number or the identity code. A payout from before the runs names the
payer of the settings. Read in English (the Finnish comes with the catalogues)."""

import datetime as dt
import shutil
import subprocess

import pytest

from billing.models import IncomesRegisterReport, IncomesRegisterReportKind, IncomesRegisterReportStatus, PayoutStatus
from billing.payout_pdf import render_payout_pdf
from tests.factories import WorkerFactory
from tests.support.worker_payments import TEST_IBAN, approved_run, worker_payout

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (apt-get install poppler-utils)"),
]

IDENTITY_CODE = "131052-308T"


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text line by line as laid out, white space collapsed within each line."""
    path = tmp_path / "statement.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


@pytest.fixture
def worker():
    return WorkerFactory(user__first_name="Aino", user__last_name="Virtanen", user__email="aino@example.org")


def english(payout):
    payout.language = "en"
    payout.save(update_fields=["language"])
    return payout


def test_statement__payment_date_payer_masked_account_sums_and_rows(worker, tmp_path, settings):
    settings.JOBCENTER_PAYER_NAME = "Someone else today"
    run = approved_run(dt.date(2027, 1, 15), payer_name="Helsingin kaupunki", payer_business_id="0201256-6")
    payout = english(worker_payout(worker, run=run, payment_date=run.payment_date, work_day=dt.date(2026, 12, 21)))

    text = pdf_text(render_payout_pdf(payout), tmp_path)

    assert "Payment date 15.1.2027" in text
    assert "Helsingin kaupunki" in text and "Business ID 0201256-6" in text
    assert "Someone else today" not in text  # the payer frozen with the run, not today's setting
    assert "Recipient of the fee Paid to the account" in text
    assert "Aino Virtanen FI" + "•" * 14 + "85" in text
    assert "21.12.2026 Siivous 4.00 10.00 €/h 40.00 €" in text
    assert "Gross pay 40.00 €" in text and "Tax withheld (40 %) 16.00 €" in text and "Net pay 24.00 €" in text
    assert TEST_IBAN not in text and TEST_IBAN[4:] not in text


def test_statement__never_the_identity_code_and_the_incomes_register_note(worker, tmp_path):
    payout = english(worker_payout(worker, status=PayoutStatus.PAID))
    without = pdf_text(render_payout_pdf(payout), tmp_path)
    IncomesRegisterReport.objects.create(
        payout=payout,
        kind=IncomesRegisterReportKind.NEW,
        report_id="R1",
        payment_date=payout.payment_date,
        due_date=payout.payment_date + dt.timedelta(days=5),
        amount=payout.gross,
        tax_withheld=payout.tax_withheld,
        earner_identity_code=IDENTITY_CODE,
        earner_name=payout.worker_name,
        status=IncomesRegisterReportStatus.SENT,
    )

    text = pdf_text(render_payout_pdf(payout), tmp_path)

    assert "Incomes Register" not in without
    assert "reported to the Incomes Register as a fee for work (income type 336)" in " ".join(text.split())
    assert IDENTITY_CODE not in text and IDENTITY_CODE[:6] not in text


def test_statement__from_before_the_runs_names_todays_payer_and_no_account(worker, tmp_path, settings):
    settings.JOBCENTER_PAYER_NAME = "Espoon kaupunki"
    settings.JOBCENTER_PAYER_BUSINESS_ID = "0101263-6"
    payout = english(worker_payout(worker, status=PayoutStatus.PAID, payment_date=None, work_day=dt.date(2025, 1, 31)))

    text = pdf_text(render_payout_pdf(payout), tmp_path)

    assert "Espoon kaupunki" in text and "Business ID 0101263-6" in text
    assert "Pay period 01.01.2025–31.01.2025" in text
    assert "Payment date" not in text and "Paid to the account" not in text
