"""The earnings payment report file (WageReportsRequestToIR): every file made here is validated
against the register's schemas, and its codes and amounts are what the reports say."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from freezegun import freeze_time
from lxml import etree

from billing.incomes_register.deliveries import ir_delivery_create
from billing.incomes_register.reports import ir_report_replace, ir_reports_for_run
from billing.incomes_register.xml import NAMESPACE, SCHEMA_DIR, wage_reports_schema
from billing.models import (
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    IncomesRegisterReportStatus,
    PaymentRun,
    PaymentRunStatus,
    Payout,
    PayoutStatus,
)
from jobcenter.errors import DomainError
from tests.factories import CoordinatorFactory, PayerFactory, WorkerFactory
from tests.factories.payments import payment_details

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English (Finnish is the site's default language)."""
    with translation.override("en"):
        yield


PAYMENT_DATE = dt.date(2027, 1, 15)


def approved_run(payment_date=PAYMENT_DATE) -> PaymentRun:
    return PaymentRun.objects.create(
        payment_date=payment_date,
        cutoff_date=payment_date,
        created_by=CoordinatorFactory(),
        status=PaymentRunStatus.APPROVED,
        approved_by=PayerFactory(),
        approved_at=timezone.now(),
    )


def payout(run, *, gross="100.00", tax="25.00", start=None, end=None) -> Payout:
    worker = WorkerFactory()
    payment_details(worker)
    gross, tax = Decimal(gross), Decimal(tax)
    return Payout.objects.create(
        worker=worker,
        worker_name=worker.display_name,
        period_start=start or dt.date(2027, 1, 1),
        period_end=end or dt.date(2027, 1, 10),
        hours=Decimal("3.00"),
        gross=gross,
        withholding_percent=Decimal("25.00"),
        tax_withheld=tax,
        net=gross - tax,
        created_by=run.created_by,
        run=run,
        status=PayoutStatus.IN_PAYMENT,
        payment_date=run.payment_date,
    )


def parsed(delivery: IncomesRegisterDelivery):
    with delivery.file.open("rb") as stream:
        content = stream.read()
    document = etree.fromstring(content)
    wage_reports_schema().assertValid(document)
    return document


def text(element, path: str) -> str:
    return element.findtext(path)


def test_example_file__validates():
    wage_reports_schema().assertValid(etree.parse(str(SCHEMA_DIR / "example-earnings-payment-report.xml")))


@freeze_time("2027-01-16 08:30:00")  # 10.30 in Helsinki (UTC+2 in winter)
@override_settings(
    JOBCENTER_PAYER_BUSINESS_ID="0201256-6",
    JOBCENTER_IR_CONTACT_NAME="Maksatus Koordinaattori",
    JOBCENTER_IR_CONTACT_PHONE="+358 9 310 1691",
    JOBCENTER_IR_PRODUCTION=False,
)
def test_file__codes_parties_period_and_amounts():
    run = approved_run()
    first = payout(run, gross="240.00", tax="60.00", start=dt.date(2027, 1, 2), end=dt.date(2027, 1, 9))
    second = payout(run, gross="50.00", tax="0.00", start=dt.date(2026, 12, 28), end=dt.date(2027, 1, 12))
    ir_reports_for_run(run=run, by=run.approved_by)

    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    root = parsed(delivery)

    assert root.tag == f"{{{NAMESPACE}}}WageReportsRequestToIR"
    data = root.find("DeliveryData")
    assert data is not None and data.tag == "DeliveryData"  # children unqualified
    assert text(data, "Timestamp") == "2027-01-16T10:30:00+02:00"
    assert text(data, "Source") == "Jobcenter"
    assert text(data, "DeliveryDataType") == "100"
    assert text(data, "DeliveryId") == delivery.delivery_id and len(delivery.delivery_id) <= 40
    assert text(data, "FaultyControl") == "1"
    assert text(data, "ProductionEnvironment") == "false"
    for party in ("DeliveryDataOwner", "DeliveryDataCreator", "DeliveryDataSender"):
        assert (text(data, f"{party}/Type"), text(data, f"{party}/Code")) == ("1", "0201256-6")
    assert (text(data, "Payer/PayerIds/Id/Type"), text(data, "Payer/PayerIds/Id/Code")) == ("1", "0201256-6")
    assert text(data, "PaymentPeriod/PaymentDate") == "2027-01-15"
    assert (text(data, "PaymentPeriod/StartDate"), text(data, "PaymentPeriod/EndDate")) == ("2026-12-28", "2027-01-12")
    assert text(data, "ContactPersons/ContactPerson/Name") == "Maksatus Koordinaattori"
    assert text(data, "ContactPersons/ContactPerson/Telephone") == "+358 9 310 1691"

    reports = {text(r, "ReportData/ReportId"): r for r in data.findall("Reports/Report")}
    assert set(reports) == {f"JC-{first.pk}", f"JC-{second.pk}"}
    one = reports[f"JC-{first.pk}"]
    assert text(one, "ReportData/ActionCode") == "1"
    assert text(one, "ReportData/ReportVersion") == "1"
    assert one.find("ReportData/IRReportId") is None
    assert text(one, "IncomeEarner/IncomeEarnerIds/Id/Type") == "2"
    assert text(one, "IncomeEarner/IncomeEarnerIds/Id/Code") == first.worker.payment_details.personal_identity_code
    assert one.find("IncomeEarner/IncomeEarnerBasic") is None  # no name: the code identifies the earner
    transactions = [
        (text(t, "TransactionBasic/TransactionCode"), text(t, "TransactionBasic/Amount"))
        for t in one.findall("Transactions/Transaction")
    ]
    assert transactions == [("336", "240.00"), ("402", "60.00")]
    # No tax withheld: the withholding is not reported as a zero.
    two = reports[f"JC-{second.pk}"]
    assert [text(t, "TransactionBasic/TransactionCode") for t in two.findall("Transactions/Transaction")] == ["336"]


@override_settings(JOBCENTER_IR_PRODUCTION=True)
def test_file__production_flag_from_the_settings():
    run = approved_run()
    payout(run)
    ir_reports_for_run(run=run, by=run.approved_by)
    assert text(parsed(ir_delivery_create(payment_date=PAYMENT_DATE)), "DeliveryData/ProductionEnvironment") == "true"


@freeze_time("2027-07-01 09:00:00")
def test_file__summer_time_offset():
    run = approved_run(dt.date(2027, 7, 1))
    payout(run, start=dt.date(2027, 6, 1), end=dt.date(2027, 6, 30))
    ir_reports_for_run(run=run, by=run.approved_by)
    stamp = text(parsed(ir_delivery_create(payment_date=dt.date(2027, 7, 1))), "DeliveryData/Timestamp")
    assert stamp == "2027-07-01T12:00:00+03:00"


def test_file__a_replacement_of_a_sent_report_is_action_2_with_the_same_report_id_and_the_next_version():
    run = approved_run()
    payout(run, gross="100.00", tax="25.00")
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    first_delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    IncomesRegisterReport.objects.filter(pk=report.pk).update(status=IncomesRegisterReportStatus.SENT)
    IncomesRegisterDelivery.objects.filter(pk=first_delivery.pk).update(sent_at=timezone.now())
    ir_report_replace(report_id=report.pk, amount="120.00", tax_withheld="30.00", reason="Hours", by=run.approved_by)

    second = parsed(ir_delivery_create(payment_date=PAYMENT_DATE))

    [element] = second.findall("DeliveryData/Reports/Report")
    assert text(element, "ReportData/ActionCode") == "2"
    assert text(element, "ReportData/ReportId") == report.report_id
    assert text(element, "ReportData/ReportVersion") == "2"
    amounts = [text(t, "TransactionBasic/Amount") for t in element.findall("Transactions/Transaction")]
    assert amounts == ["120.00", "30.00"]


def test_file__a_replacement_of_a_report_never_sent_goes_as_a_new_report():
    run = approved_run()
    payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    ir_report_replace(report_id=report.pk, amount="90.00", tax_withheld="20.00", reason="Hours", by=run.approved_by)

    [element] = parsed(ir_delivery_create(payment_date=PAYMENT_DATE)).findall("DeliveryData/Reports/Report")

    assert text(element, "ReportData/ActionCode") == "1"
    assert text(element, "ReportData/ReportVersion") == "2"


@override_settings(JOBCENTER_IR_CONTACT_PHONE="+358 " + "9" * 60)  # longer than the schema's 40
def test_file__invalid_for_the_schema_raises_and_nothing_is_written(settings):
    run = approved_run()
    payout(run)
    ir_reports_for_run(run=run, by=run.approved_by)

    with pytest.raises(DomainError, match="not valid"):
        ir_delivery_create(payment_date=PAYMENT_DATE)

    assert not IncomesRegisterDelivery.objects.exists()
    assert IncomesRegisterReport.objects.get().delivery_id is None
    folder = Path(settings.MEDIA_ROOT) / "incomes-register"
    assert not folder.exists() or not any(folder.iterdir())


@override_settings(JOBCENTER_PAYER_BUSINESS_ID="1234567-8")
def test_file__a_bad_payer_business_id_is_refused():
    run = approved_run()
    payout(run)
    ir_reports_for_run(run=run, by=run.approved_by)
    with pytest.raises(DomainError, match="business ID"):
        ir_delivery_create(payment_date=PAYMENT_DATE)
    assert not IncomesRegisterDelivery.objects.exists()
