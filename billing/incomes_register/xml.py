"""The earnings payment report file (WageReportsRequestToIR) of one delivery, validated before use.

`wage_reports_xml(delivery)` builds the file of the delivery's reports that have not reached the
register (waiting, or in a delivery whose sending failed) and validates it against the register's
schemas (billing/schemas/incomes-register/); a file that fails raises DomainError, and the caller
stores nothing. Only the root element is in the namespace: the schemas do not set
`elementFormDefault`, so every child element is unqualified.

What goes in, and why:
- one Report per report: ActionCode "new" unless an earlier version of the same report (same
  ReportId) has been sent, which makes it a replacement; ReportId and ReportVersion are ours;
  IRReportId is never written, because we do not read the register's processing feedback and so
  never learn the register's own reference (the register allocates a replacement by our ReportId);
- the earner by personal identity code only (no name or address: the code identifies the person,
  and the file carries no more personal data than the register needs);
- Transactions: the commission fee (336) with its gross amount, and the withholding (402) with
  the tax withheld when any was withheld;
- PaymentPeriod: the payment date, and as start and end the span of the work periods of the
  payouts paid on that date that have reports (the register's "pay period" is the period the pay
  is for; one span per payment date keeps a later replacement on the period of its original);
- the payer (business ID) as the delivery's owner, creator and sender: the City makes and sends
  its own files.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from stdnum.fi import ytunnus

from billing.incomes_register import codes
from billing.models import (
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
    Payout,
)
from jobcenter.errors import DomainError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas" / "incomes-register"
NAMESPACE = "http://www.tulorekisteri.fi/2017/1/WageReportsToIR"
ROOT = f"{{{NAMESPACE}}}WageReportsRequestToIR"
# The reports a delivery file carries: those the register has not received yet.
UNSENT = (IncomesRegisterReportStatus.WAITING, IncomesRegisterReportStatus.FAILED)
FILED_KINDS = (IncomesRegisterReportKind.NEW, IncomesRegisterReportKind.REPLACEMENT)


@cache
def wage_reports_schema() -> etree.XMLSchema:
    # Parsed from the file's path, so the schema's imports resolve next to it.
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "WageReportsToIR.xsd")))


def validate_wage_reports(content: bytes) -> None:
    """Raise DomainError with the schema's messages unless `content` is a valid report file."""
    schema = wage_reports_schema()
    if not schema.validate(etree.fromstring(content)):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5])
        raise DomainError(_("The Incomes Register file is not valid: %(errors)s") % {"errors": errors})


def _sub(parent, tag: str, text=None):
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def _id(parent, tag: str, id_type: int, code: str) -> None:
    element = _sub(parent, tag)
    _sub(element, "Type", id_type)
    _sub(element, "Code", code)


def _amount(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


def payer_business_id() -> str:
    """The payer's business ID from the settings, checked: the register rejects a file without one."""
    value = (settings.JOBCENTER_PAYER_BUSINESS_ID or "").strip()
    if not ytunnus.is_valid(value):
        raise DomainError(
            _("The payer's business ID (JOBCENTER_PAYER_BUSINESS_ID) is missing or not valid: no report can be made.")
        )
    return ytunnus.format(value)


def payment_period(payment_date) -> tuple:
    """(start, end) of the pay period of a payment date: the span of the work periods of the
    payouts paid that day that have Incomes Register reports; the payment date itself if none."""
    span = Payout.objects.filter(payment_date=payment_date, ir_reports__isnull=False).aggregate(
        start=Min("period_start"), end=Max("period_end")
    )
    return span["start"] or payment_date, span["end"] or payment_date


def reports_in_file(delivery: IncomesRegisterDelivery) -> list[IncomesRegisterReport]:
    return list(delivery.reports.filter(status__in=UNSENT, kind__in=FILED_KINDS).order_by("report_id", "version", "pk"))


def sent_report_ids(report_ids) -> set[str]:
    """The ReportIds of which some version has reached the register: their next version replaces."""
    return set(
        IncomesRegisterReport.objects.filter(report_id__in=set(report_ids), status=IncomesRegisterReportStatus.SENT)
        .exclude(kind=IncomesRegisterReportKind.CANCELLATION)
        .values_list("report_id", flat=True)
    )


def wage_reports_xml(delivery: IncomesRegisterDelivery, reports: list | None = None) -> bytes:
    """The validated WageReportsRequestToIR file of the delivery's unsent reports."""
    reports = reports_in_file(delivery) if reports is None else reports
    if not reports:
        raise DomainError(_("There are no reports to send in this delivery."))
    business_id = payer_business_id()
    replacing = sent_report_ids(report.report_id for report in reports)
    start, end = payment_period(delivery.payment_date)

    root = etree.Element(ROOT, nsmap={"wrtir": NAMESPACE})
    data = _sub(root, "DeliveryData")
    _sub(data, "Timestamp", timezone.localtime().isoformat(timespec="seconds"))
    _sub(data, "Source", codes.SOURCE)
    _sub(data, "DeliveryDataType", codes.DELIVERY_DATA_TYPE_EARNINGS_PAYMENT_REPORTS)
    _sub(data, "DeliveryId", delivery.delivery_id)
    _sub(data, "FaultyControl", codes.FAULTY_CONTROL_SAVE_FAULTLESS_REPORTS)
    _sub(data, "ProductionEnvironment", "true" if settings.JOBCENTER_IR_PRODUCTION else "false")
    for tag in ("DeliveryDataOwner", "DeliveryDataCreator", "DeliveryDataSender"):
        _id(data, tag, codes.ID_TYPE_BUSINESS_ID, business_id)
    period = _sub(data, "PaymentPeriod")
    _sub(period, "PaymentDate", delivery.payment_date.isoformat())
    _sub(period, "StartDate", start.isoformat())
    _sub(period, "EndDate", end.isoformat())
    contact = _sub(_sub(data, "ContactPersons"), "ContactPerson")
    _sub(contact, "Name", settings.JOBCENTER_IR_CONTACT_NAME)
    _sub(contact, "Telephone", settings.JOBCENTER_IR_CONTACT_PHONE)
    _id(_sub(_sub(data, "Payer"), "PayerIds"), "Id", codes.ID_TYPE_BUSINESS_ID, business_id)

    container = _sub(data, "Reports")
    for report in reports:
        if report.payment_date != delivery.payment_date:
            raise DomainError(_("A delivery holds the reports of one payment date only."))
        element = _sub(container, "Report")
        report_data = _sub(element, "ReportData")
        action = codes.ACTION_REPLACEMENT_REPORT if report.report_id in replacing else codes.ACTION_NEW_REPORT
        _sub(report_data, "ActionCode", action)
        _sub(report_data, "ReportId", report.report_id)
        _sub(report_data, "ReportVersion", report.version)
        earner = _sub(_sub(element, "IncomeEarner"), "IncomeEarnerIds")
        _id(earner, "Id", codes.ID_TYPE_PERSONAL_IDENTITY_CODE, report.earner_identity_code)
        transactions = _sub(element, "Transactions")
        _transaction(transactions, report.income_type, report.amount)
        if report.tax_withheld > 0:
            _transaction(transactions, codes.INCOME_TYPE_WITHHOLDING, report.tax_withheld)

    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validate_wage_reports(content)
    return content


def _transaction(parent, income_type: int, amount: Decimal) -> None:
    basic = _sub(_sub(parent, "Transaction"), "TransactionBasic")
    _sub(basic, "TransactionCode", income_type)
    _sub(basic, "Amount", _amount(amount))
