"""Dispatch by channel: an e-invoice client's invoice goes as Finvoice, in its SOAP envelope, to the
outbound folder and is never emailed; an email client's invoice is emailed as before. Nothing is
dispatched twice; temporary failures are retried, then listed for the coordinator with a resend."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from billing import services
from billing.channels import EINVOICE, EMAIL, NONE, invoice_channel
from billing.finvoice import validate_finvoice
from billing.models import DispatchStatus, EInvoiceDispatch, Invoice
from billing.tasks import render_invoice_pdf_task, render_missing_invoice_pdfs_task, requeue_stuck_einvoices_task
from jobcenter.models import OutboundEmail
from orders.models import ClientType
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db

EB = "{http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd}"
ADDRESS, OPERATOR = "003702012566100", "003721291126"


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def outbox_dir(settings, tmp_path):
    settings.JOBCENTER_EINVOICE_OUTBOX_DIR = tmp_path / "outbound"
    return tmp_path / "outbound"


def city_client():
    return ClientOrganisationFactory(
        name="Kasvatuksen toimiala",
        billing_name="Kasvatuksen toimiala",
        business_id="0201256-6",
        client_type=ClientType.CITY_UNIT,
        einvoice_address=ADDRESS,
        einvoice_operator=OPERATOR,
    )


def issue(coordinator, client=None, capture=None) -> Invoice:
    order = approved_order({dt.date(2025, 1, 15): ["2"]}, client=client)
    with capture(execute=True):
        invoice = services.invoice_issue_for_order(order_id=order.pk, by=coordinator, issue_date=dt.date(2025, 2, 1))
    invoice.refresh_from_db()
    return invoice


def split(content: bytes) -> tuple[etree._Element, bytes]:
    """The file holds the SOAP envelope, then the Finvoice message with its own XML declaration."""
    cut = content.index(b"<?xml", 1)
    return etree.fromstring(content[:cut]), content[cut:]


def parties(envelope, tag: str) -> dict[str, str]:
    return {p.findtext(f"{EB}Role"): p.findtext(f"{EB}PartyId") for p in envelope.iter(f"{EB}{tag}")}


# --- The e-invoice channel -----------------------------------------------------------------------
def test_city_invoice__is_dispatched_to_the_folder_with_its_envelope_and_not_emailed(
    coordinator, outbox_dir, django_capture_on_commit_callbacks
):
    invoice = issue(coordinator, city_client(), django_capture_on_commit_callbacks)

    assert invoice_channel(invoice) == EINVOICE
    assert not OutboundEmail.objects.filter(code="invoice_sent").exists()
    assert invoice.emailed_at is None
    files = list(outbox_dir.iterdir())
    assert len(files) == 1 and files[0].name.startswith(f"finvoice_{invoice.display_number}")  # no temporary file
    envelope, finvoice = split(files[0].read_bytes())
    assert envelope.tag == "{http://schemas.xmlsoap.org/soap/envelope/}Envelope"
    assert parties(envelope, "To") == {"Receiver": ADDRESS, "Intermediator": OPERATOR}
    assert parties(envelope, "From")["Sender"]
    message_id = envelope.findtext(f".//{EB}MessageData/{EB}MessageId")
    assert message_id and envelope.findtext(f".//{EB}MessageData/{EB}Timestamp")
    validate_finvoice(finvoice)  # the message itself passes the Finvoice 3.0 schema
    assert etree.fromstring(finvoice).findtext("InvoiceDetails/InvoiceNumber") == invoice.display_number

    dispatch = EInvoiceDispatch.objects.get(invoice=invoice)
    assert (dispatch.status, dispatch.attempts, dispatch.location) == (DispatchStatus.SENT, 1, files[0].name)
    assert dispatch.sent_at and dispatch.message_id == message_id
    assert set(invoice.events.values_list("action", flat=True)) >= {"einvoice_queued", "einvoice_sent"}


def test_city_invoice__the_task_twice_and_the_sweeps_send_nothing_more(
    coordinator, outbox_dir, django_capture_on_commit_callbacks
):
    invoice = issue(coordinator, city_client(), django_capture_on_commit_callbacks)
    dispatch = EInvoiceDispatch.objects.get(invoice=invoice)
    EInvoiceDispatch.objects.filter(pk=dispatch.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    Invoice.objects.filter(pk=invoice.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        render_invoice_pdf_task.apply(args=(invoice.pk,))
        render_invoice_pdf_task.apply(args=(invoice.pk,))
        assert services.einvoice_dispatch_send(dispatch_id=dispatch.pk) == ("skipped", None)
        assert render_missing_invoice_pdfs_task.apply().get() == 0
        assert requeue_stuck_einvoices_task.apply().get() == 0

    assert len(list(outbox_dir.iterdir())) == 1
    assert EInvoiceDispatch.objects.count() == 1
    assert invoice.events.filter(action="einvoice_sent").count() == 1
    assert not OutboundEmail.objects.exists()


def test_city_credit_note__is_dispatched_too(coordinator, outbox_dir, django_capture_on_commit_callbacks):
    invoice = issue(coordinator, city_client(), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        credit = services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="Väärä päivä")
    assert invoice_channel(credit) == EINVOICE
    assert EInvoiceDispatch.objects.get(invoice=credit).status == DispatchStatus.SENT
    location = EInvoiceDispatch.objects.get(invoice=credit).location
    assert sorted(f.name for f in outbox_dir.iterdir()) == sorted(
        [EInvoiceDispatch.objects.get(invoice=invoice).location, location]
    )
    _envelope, finvoice = split((outbox_dir / location).read_bytes())
    assert etree.fromstring(finvoice).findtext("InvoiceDetails/InvoiceTypeCode") == "INV02"
    assert not OutboundEmail.objects.exists()


def test_email_client__still_gets_the_pdf_email_and_no_file(
    coordinator, outbox_dir, mailoutbox, django_capture_on_commit_callbacks
):
    invoice = issue(coordinator, None, django_capture_on_commit_callbacks)
    assert invoice_channel(invoice) == EMAIL
    assert invoice.emailed_at is not None
    assert [m.to for m in mailoutbox] == [[invoice.buyer_email]]
    assert mailoutbox[0].attachments[0][2] == "application/pdf"
    assert not outbox_dir.exists() or not list(outbox_dir.iterdir())
    assert not EInvoiceDispatch.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        credit = services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="Väärä päivä")
    assert invoice_channel(credit) == NONE  # credit notes are not emailed, as before
    assert not EInvoiceDispatch.objects.exists()


# --- Failures ------------------------------------------------------------------------------------
def test_temporary_error__waits_retries_then_fails_is_listed_and_is_resent_once(
    coordinator, tmp_path, settings, client, django_capture_on_commit_callbacks
):
    # A real temporary failure: the outbound folder cannot be created (its parent is a file).
    (tmp_path / "not-a-folder").write_text("x")
    settings.JOBCENTER_EINVOICE_OUTBOX_DIR = tmp_path / "not-a-folder" / "outbound"
    settings.JOBCENTER_EINVOICE_MAX_ATTEMPTS = 2
    invoice = issue(coordinator, city_client(), django_capture_on_commit_callbacks)

    dispatch = EInvoiceDispatch.objects.get(invoice=invoice)
    assert dispatch.status == DispatchStatus.WAITING
    assert dispatch.attempts == 1 and dispatch.next_attempt_at > timezone.now()
    assert "NotADirectoryError" in dispatch.last_error or "FileExistsError" in dispatch.last_error

    # The sweep runs the attempt once it is overdue; the last allowed attempt fails for good.
    EInvoiceDispatch.objects.filter(pk=dispatch.pk).update(next_attempt_at=timezone.now() - dt.timedelta(hours=1))
    assert requeue_stuck_einvoices_task.apply().get() == 1
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.attempts) == (DispatchStatus.FAILED, 2)

    client.force_login(coordinator)
    page = client.get(reverse("coordinator:emails")).content.decode()
    assert f'id="einvoice-{dispatch.pk}"' in page
    assert reverse("coordinator:einvoice-resend", args=[dispatch.pk]) in page
    detail = client.get(reverse("billing:invoice-detail", args=[invoice.pk])).content.decode()
    assert 'id="dispatch"' in detail and dispatch.get_status_display() in detail

    # The cause is fixed; the confirmation page changes nothing, the POST sends it once.
    outbound = tmp_path / "outbound"
    settings.JOBCENTER_EINVOICE_OUTBOX_DIR = outbound
    url = reverse("coordinator:einvoice-resend", args=[dispatch.pk])
    assert client.get(url).status_code == 200
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)  # a second click
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.SENT and dispatch.retried_by == coordinator
    assert len(list(outbound.iterdir())) == 1
    assert invoice.events.filter(action="einvoice_retried").count() == 1


def test_permanent_error__fails_at_once_with_the_reason_shown(
    coordinator, outbox_dir, client, django_capture_on_commit_callbacks
):
    # A City unit's invoice that froze no e-invoice address (issued before the address was
    # required): it is not emailed instead, and trying again cannot help.
    order = approved_order({dt.date(2025, 1, 15): ["2"]}, client=city_client())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invoice = services.invoice_issue_for_order(order_id=order.pk, by=coordinator, issue_date=dt.date(2025, 2, 1))
    Invoice.objects.filter(pk=invoice.pk).update(buyer_einvoice_address="", buyer_einvoice_operator="")
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    dispatch = EInvoiceDispatch.objects.get(invoice=invoice)
    assert (dispatch.status, dispatch.attempts) == (DispatchStatus.FAILED, 1)
    assert dispatch.last_error
    assert not outbox_dir.exists() or not list(outbox_dir.iterdir())
    assert not OutboundEmail.objects.exists()
    client.force_login(coordinator)
    reason = dispatch.last_error[:60]
    assert reason in html.unescape(client.get(reverse("coordinator:emails")).content.decode())
    assert reason in html.unescape(client.get(reverse("billing:invoice-detail", args=[invoice.pk])).content.decode())


def test_folder_transport__never_overwrites_a_file_not_collected_yet(outbox_dir):
    from billing.einvoice import OutboundMessage, PermanentTransportError
    from billing.einvoice.folder import FolderTransport

    message = OutboundMessage(message_id="M1", invoice_number="JC1001", content=b"<new/>")
    receipt = FolderTransport().send(message)
    assert (outbox_dir / receipt.location).read_bytes() == b"<new/>"
    with pytest.raises(PermanentTransportError):
        FolderTransport().send(OutboundMessage(message_id="M1", invoice_number="JC1001", content=b"<other/>"))
    assert (outbox_dir / receipt.location).read_bytes() == b"<new/>"
    assert [f.name for f in outbox_dir.iterdir()] == [receipt.location]  # no temporary file left behind


def test_retry__only_a_failed_dispatch_and_only_by_a_coordinator(
    coordinator, outbox_dir, django_capture_on_commit_callbacks
):
    from jobcenter.errors import ActionNotPermitted, DomainError
    from tests.factories import UserFactory

    invoice = issue(coordinator, city_client(), django_capture_on_commit_callbacks)
    dispatch = EInvoiceDispatch.objects.get(invoice=invoice)
    with pytest.raises(DomainError):
        services.einvoice_dispatch_retry(dispatch_id=dispatch.pk, by=coordinator)
    with pytest.raises(ActionNotPermitted):
        services.einvoice_dispatch_retry(dispatch_id=dispatch.pk, by=UserFactory())


def test_outbox_page__queries_do_not_grow_with_failed_einvoices(
    coordinator, outbox_dir, client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from tests.support.queries import assert_constant

    def fail_some():
        for _ in range(3):
            invoice = issue(coordinator, city_client_named(), django_capture_on_commit_callbacks)
            EInvoiceDispatch.objects.filter(invoice=invoice).update(status=DispatchStatus.FAILED, last_error="x")

    fail_some()
    client.force_login(coordinator)
    assert_constant(
        client,
        reverse("coordinator:emails"),
        fail_some,
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert client.get(reverse("coordinator:emails")).content.decode().count('id="einvoice-') == 6


_names = iter(range(1000))


def city_client_named():
    return ClientOrganisationFactory(
        name=f"Toimiala {next(_names)}",
        business_id="0201256-6",
        client_type=ClientType.CITY_UNIT,
        einvoice_address=ADDRESS,
        einvoice_operator=OPERATOR,
    )
