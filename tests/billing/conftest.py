import pytest

from billing.incomes_register import reports as ir_reports
from tests.factories.payments import payer_user
from tests.support.bank import Payment, approved_run


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Rendered PDFs go to a temporary directory, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


# --- The bank status tests (test_bank_status*.py) ---------------------------------------------------
@pytest.fixture
def ir_cancellations(monkeypatch):
    """The Incomes Register's own cancellation, each call recorded on its way through."""
    calls = []
    cancel = ir_reports.ir_report_cancel_for_payout

    def recorded(*, payout, reason, by):
        calls.append((payout.end_to_end_id, reason, by))
        return cancel(payout=payout, reason=reason, by=by)

    monkeypatch.setattr(ir_reports, "ir_report_cancel_for_payout", recorded)
    return calls


@pytest.fixture
def payer():
    return payer_user(first_name="Paula", last_name="Maksaja")


@pytest.fixture
def run():
    return approved_run(
        Payment(first_name="Aino", last_name="Virtanen", net="40.00"),
        Payment(first_name="Bea", last_name="Korhonen", net="75.55", tax="0.00"),
        Payment(first_name="Cecilia", last_name="Nieminen", net="12.00"),
    )
