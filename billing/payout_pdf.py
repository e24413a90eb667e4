"""The fee statement (palkkiolaskelma) PDF: one pure function from a frozen payout to bytes."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from billing.models import IncomesRegisterReportKind, IncomesRegisterReportStatus, Payout, mask_iban
from jobcenter.pdf import render_pdf


def _payer(payout: Payout) -> tuple[str, str]:
    """The payer's name and business ID: as the run froze them at approval; a payout from before the
    runs (or a draft's) has none frozen, so the settings of today name the payer."""
    run = payout.run if payout.run_id else None
    if run is not None and run.payer_name:
        return run.payer_name, run.payer_business_id
    return settings.JOBCENTER_PAYER_NAME, settings.JOBCENTER_PAYER_BUSINESS_ID


def render_payout_pdf(payout: Payout) -> bytes:
    """The payout statement in the worker's language. Reads only the frozen copy. The account is
    masked (the statement may be printed or passed on); the identity code is not on it."""
    payer_name, payer_business_id = _payer(payout)
    # Reported when a report of the payment was made (none for the prepayment register).
    reported = (
        payout.ir_reports.filter(kind=IncomesRegisterReportKind.NEW)
        .exclude(status=IncomesRegisterReportStatus.WITHDRAWN)
        .exists()
    )
    with translation.override(payout.language):
        return render_pdf(
            "billing/payout_pdf.html",
            {
                "payout": payout,
                "lines": payout.lines.all(),
                "payer": payer_name,
                "payer_business_id": payer_business_id,
                "masked_iban": mask_iban(payout.iban),
                "reported": reported,
                # The service that makes the statement, in the page footer.
                "issuer": settings.JOBCENTER_SELLER_NAME,
            },
        )
