"""Deliveries of Incomes Register reports and their transports: the folder for the upload service,
a failing transport that loses nothing, the register's web service up to the wire."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from django.test import override_settings
from django.utils import timezone, translation
from lxml import etree

from billing.incomes_register import transports
from billing.incomes_register.deliveries import (
    FAILED,
    SENT,
    SKIPPED,
    TEMPORARY_FAILURE,
    ir_cancellation_mark_done,
    ir_delivery_create,
    ir_delivery_resend,
    ir_delivery_send,
)
from billing.incomes_register.reports import ir_report_cancel_for_payout, ir_report_replace, ir_reports_for_run
from billing.incomes_register.tasks import ir_deliveries_after_approval
from billing.incomes_register.xml import wage_reports_schema
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


Status = IncomesRegisterReportStatus
PAYMENT_DATE = dt.date(2027, 1, 15)
FOLDER = "billing.incomes_register.transports.FolderTransport"
BROKEN = "tests.billing.test_incomes_register_deliveries.BrokenTransport"
WEB = "billing.incomes_register.transports.WebServiceTransport"


class BrokenTransport:
    """The outbound folder is not mounted."""

    def send(self, delivery) -> str:
        raise transports.TemporaryTransportError("OSError: the outbound folder is not mounted")


@pytest.fixture
def outbox(tmp_path, settings):
    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "outbox"
    settings.JOBCENTER_IR_TRANSPORT = FOLDER
    return tmp_path / "outbox"


def approved_run(payment_date=PAYMENT_DATE) -> PaymentRun:
    return PaymentRun.objects.create(
        payment_date=payment_date,
        cutoff_date=payment_date,
        created_by=CoordinatorFactory(),
        status=PaymentRunStatus.APPROVED,
        approved_by=PayerFactory(),
        approved_at=timezone.now(),
    )


def payout(run, *, gross="100.00", tax="25.00") -> Payout:
    worker = WorkerFactory()
    payment_details(worker)
    gross, tax = Decimal(gross), Decimal(tax)
    return Payout.objects.create(
        worker=worker,
        worker_name=worker.display_name,
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 1, 10),
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


def run_with_reports(count=2):
    run = approved_run()
    payouts = [payout(run) for _ in range(count)]
    ir_reports_for_run(run=run, by=run.approved_by)
    return run, payouts


def stored(delivery) -> bytes:
    delivery.refresh_from_db()
    with delivery.file.open("rb") as stream:
        return stream.read()


def statuses() -> list[str]:
    return list(IncomesRegisterReport.objects.order_by("pk").values_list("status", flat=True))


# --- Create and send --------------------------------------------------------------------------


def test_create__one_delivery_of_the_payment_dates_waiting_reports_with_its_digest(outbox):
    run_with_reports(2)
    other = approved_run(PAYMENT_DATE + dt.timedelta(days=1))
    payout(other)
    ir_reports_for_run(run=other, by=other.approved_by)

    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)

    assert delivery.reports.count() == 2
    content = stored(delivery)
    wage_reports_schema().assertValid(etree.fromstring(content))
    assert delivery.sha256 == hashlib.sha256(content).hexdigest()
    with pytest.raises(DomainError, match="No reports"):
        ir_delivery_create(payment_date=PAYMENT_DATE)  # nothing left waiting without a delivery


def test_send__the_folder_transport_writes_the_file_whole_and_marks_the_reports_sent(outbox):
    run_with_reports(2)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)

    assert ir_delivery_send(delivery.pk) == SENT

    written = outbox / f"{delivery.delivery_id}.xml"
    assert written.read_bytes() == stored(delivery)
    assert [p.name for p in outbox.iterdir()] == [written.name]  # no temporary file left behind
    assert delivery.sent_at is not None and delivery.location == str(written) and delivery.last_error == ""
    assert statuses() == [Status.SENT, Status.SENT]
    assert ir_delivery_send(delivery.pk) == SKIPPED  # never twice


def test_send__a_failing_transport_marks_failed_keeps_the_file_and_the_resend_sends_it(outbox, settings):
    run_with_reports(2)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    content = stored(delivery)
    settings.JOBCENTER_IR_TRANSPORT = BROKEN

    assert ir_delivery_send(delivery.pk) == TEMPORARY_FAILURE

    delivery.refresh_from_db()
    assert delivery.sent_at is None and "not mounted" in delivery.last_error
    assert statuses() == [Status.FAILED, Status.FAILED]
    assert stored(delivery) == content and not outbox.exists()

    settings.JOBCENTER_IR_TRANSPORT = FOLDER
    assert ir_delivery_resend(delivery_id=delivery.pk, by=CoordinatorFactory()) == SENT
    assert (outbox / f"{delivery.delivery_id}.xml").read_bytes() == content
    assert statuses() == [Status.SENT, Status.SENT]
    with pytest.raises(DomainError, match="sent already"):
        ir_delivery_resend(delivery_id=delivery.pk, by=CoordinatorFactory())


def test_send__a_name_already_in_the_folder_is_a_permanent_failure(outbox):
    run_with_reports(1)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    outbox.mkdir()
    (outbox / f"{delivery.delivery_id}.xml").write_bytes(b"not collected yet")

    assert ir_delivery_send(delivery.pk) == FAILED

    delivery.refresh_from_db()
    assert "already in the outbound folder" in delivery.last_error
    assert (outbox / f"{delivery.delivery_id}.xml").read_bytes() == b"not collected yet"


def test_send__a_report_withdrawn_from_a_failed_delivery_is_left_out_of_the_file_sent_again(outbox, settings):
    run, payouts = run_with_reports(2)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    settings.JOBCENTER_IR_TRANSPORT = BROKEN
    ir_delivery_send(delivery.pk)
    ir_report_cancel_for_payout(payout=payouts[0], reason="The bank rejected it", by=run.approved_by)

    settings.JOBCENTER_IR_TRANSPORT = FOLDER
    assert ir_delivery_send(delivery.pk) == SENT

    document = etree.fromstring((outbox / f"{delivery.delivery_id}.xml").read_bytes())
    wage_reports_schema().assertValid(document)
    assert [e.text for e in document.iter("ReportId")] == [f"JC-{payouts[1].pk}"]
    assert statuses() == [Status.WITHDRAWN, Status.SENT]


def test_send__a_replacement_waiting_in_an_unsent_delivery_replaces_it_in_the_file(outbox):
    run, payouts = run_with_reports(1)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    [report] = IncomesRegisterReport.objects.all()
    ir_report_replace(report_id=report.pk, amount="80.00", tax_withheld="20.00", reason="Hours", by=run.approved_by)

    assert ir_delivery_send(delivery.pk) == SKIPPED  # nothing of it is left to send
    second = ir_delivery_create(payment_date=PAYMENT_DATE)
    assert ir_delivery_send(second.pk) == SENT

    document = etree.fromstring((outbox / f"{second.delivery_id}.xml").read_bytes())
    assert [e.text for e in document.iter("Amount")] == ["80.00", "20.00"]


def test_cancellation__marked_done_in_the_e_service_with_who_and_when(outbox):
    run, payouts = run_with_reports(1)
    ir_delivery_send(ir_delivery_create(payment_date=PAYMENT_DATE).pk)
    [cancellation] = ir_report_cancel_for_payout(payout=payouts[0], reason="Rejected", by=run.approved_by)
    by = CoordinatorFactory()

    done = ir_cancellation_mark_done(report_id=cancellation.pk, by=by)

    assert done.status == Status.SENT
    assert done.delivery.created_by == by and done.delivery.sent_at is not None
    assert done.delivery.location == "Incomes Register e-service" and not done.delivery.file
    with pytest.raises(DomainError, match="already"):
        ir_cancellation_mark_done(report_id=cancellation.pk, by=by)


# --- The task after a run's approval ------------------------------------------------------------


def test_task_after_approval__makes_and_sends_the_runs_delivery_and_twice_sends_nothing_more(outbox):
    run, _payouts = run_with_reports(3)

    assert ir_deliveries_after_approval.delay(run.pk).get() == {"payment_dates": 1, "deliveries": 1}

    delivery = IncomesRegisterDelivery.objects.get()
    assert delivery.sent_at is not None and (outbox / f"{delivery.delivery_id}.xml").exists()
    assert statuses() == [Status.SENT] * 3
    assert ir_deliveries_after_approval.delay(run.pk).get() == {"payment_dates": 0, "deliveries": 0}
    assert IncomesRegisterDelivery.objects.count() == 1


# --- The register's web service ------------------------------------------------------------------


@pytest.fixture
def certificate(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "0201256-6 test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "ir.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        + cert.public_bytes(serialization.Encoding.PEM)
    )
    return path, cert


@override_settings(JOBCENTER_IR_TRANSPORT=WEB, JOBCENTER_IR_CERTIFICATE="")
def test_web_service__without_a_certificate_fails_naming_the_setting_and_loses_nothing():
    run_with_reports(1)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)

    assert ir_delivery_send(delivery.pk) == FAILED

    delivery.refresh_from_db()
    assert "JOBCENTER_IR_CERTIFICATE" in delivery.last_error
    assert statuses() == [Status.FAILED]


def test_web_service__signs_the_file_and_posts_it_in_a_soap_envelope(certificate, monkeypatch, settings):
    path, cert = certificate
    settings.JOBCENTER_IR_TRANSPORT = WEB
    settings.JOBCENTER_IR_CERTIFICATE = str(path)
    settings.JOBCENTER_IR_ENDPOINT = "https://ir.example.invalid/wagereports"
    posted = []
    monkeypatch.setattr(transports.WebServiceTransport, "_post", lambda self, body: posted.append(body))
    run_with_reports(2)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)

    assert ir_delivery_send(delivery.pk) == SENT

    envelope = etree.fromstring(posted[0])
    assert envelope.tag == f"{{{transports.SOAP}}}Envelope"
    document = envelope.find(f"{{{transports.SOAP}}}Body")[0]
    wage_reports_schema().assertValid(etree.fromstring(etree.tostring(document)))
    signature = document.find(f"{{{transports.DS}}}Signature")
    ds = {"ds": transports.DS}
    # The digest is of the document without its signature (the enveloped-signature transform).
    unsigned = etree.fromstring(etree.tostring(document))
    unsigned.remove(unsigned.find(f"{{{transports.DS}}}Signature"))
    digest = base64.b64encode(hashlib.sha256(transports._c14n(unsigned)).digest()).decode()
    assert signature.findtext("ds:SignedInfo/ds:Reference/ds:DigestValue", namespaces=ds) == digest
    # The signature verifies with the certificate's public key; the certificate travels with it.
    cert.public_key().verify(
        base64.b64decode(signature.findtext("ds:SignatureValue", namespaces=ds)),
        transports._c14n(signature.find("ds:SignedInfo", namespaces=ds)),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    sent_cert = signature.findtext("ds:KeyInfo/ds:X509Data/ds:X509Certificate", namespaces=ds)
    assert base64.b64decode(sent_cert) == cert.public_bytes(serialization.Encoding.DER)
    delivery.refresh_from_db()
    assert delivery.location == "https://ir.example.invalid/wagereports"


def test_web_service__an_address_that_is_not_https_is_refused(certificate, settings):
    path, _cert = certificate
    settings.JOBCENTER_IR_TRANSPORT = WEB
    settings.JOBCENTER_IR_CERTIFICATE = str(path)
    settings.JOBCENTER_IR_ENDPOINT = "file:///etc/passwd"
    run_with_reports(1)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)

    assert ir_delivery_send(delivery.pk) == FAILED

    delivery.refresh_from_db()
    assert "JOBCENTER_IR_ENDPOINT" in delivery.last_error
