"""Delivering invoices: the outbox attachment, the invoice email, the client's own invoices, the
payment reminder and the month-end run with its progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from billing import services
from billing.models import Invoice
from billing.services.emails import _email_context
from billing.tasks import render_invoice_pdf_task, run_monthly_invoices_task
from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from jobcenter.models import OutboundEmail
from orders.models import InvoicingMode
from tests.factories import ClientContactFactory, ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def invoice(coordinator):
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    return services.invoice_issue_for_order(order_id=order.pk, by=coordinator, issue_date=dt.date(2025, 2, 1))


# --- 1. Attachments through the outbox ------------------------------------------------------------
def test_queue_email__stores_the_attachment_and_the_send_task_attaches_it(
    invoice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(
            to="billing@example.org",
            code="invoice_sent",
            context=_email_context(invoice),
            language="fi",
            attachments=[("JC1.pdf", b"%PDF-1.7 test", "application/pdf")],
        )
    email.refresh_from_db()
    assert email.attachment and email.attachment_name == "JC1.pdf"
    assert email.attachment_mimetype == "application/pdf"
    with email.attachment.open("rb") as stored:
        assert stored.read() == b"%PDF-1.7 test"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].attachments == [("JC1.pdf", b"%PDF-1.7 test", "application/pdf")]


def test_queue_email__without_attachments_works_as_before(invoice, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(to="a@example.org", code="invoice_sent", context=_email_context(invoice))
    assert not email.attachment
    assert len(mailoutbox) == 1 and mailoutbox[0].attachments == []


# --- 2. The invoice email -------------------------------------------------------------------------
def test_pdf_task__queues_the_invoice_email_with_the_pdf_once(invoice, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert render_invoice_pdf_task(invoice.pk) == "rendered"
    with django_capture_on_commit_callbacks(execute=True):
        assert render_invoice_pdf_task(invoice.pk) == "skipped"
    emails = OutboundEmail.objects.filter(code="invoice_sent")
    assert emails.count() == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [invoice.buyer_email]
    name, content, mimetype = message.attachments[0]
    assert name == f"{invoice.display_number}.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    # Finnish (the client's language): number, total, due date, reference, IBAN.
    assert invoice.display_number in message.subject
    assert str(invoice.gross).replace(".", ",") in message.body or str(invoice.gross) in message.body
    assert invoice.reference_grouped in message.body
    assert invoice.due_date.strftime("%-d.%-m.%Y") in message.body
    assert invoice.seller_iban[:4] in message.body
    assert invoice.events.filter(action="emailed").count() == 1
    invoice.refresh_from_db()
    assert invoice.emailed_at is not None


def test_invoice_email__not_for_a_credit_note_or_without_a_pdf(invoice, coordinator):
    assert services.invoice_email_queue(invoice_id=invoice.pk) is None  # no PDF yet
    credit = services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="Väärä tuntimäärä")
    render_invoice_pdf_task(credit.pk)
    assert not OutboundEmail.objects.filter(code="invoice_sent").exists()


# --- 3. The client contact's invoices -------------------------------------------------------------
def test_client_invoices__lists_own_and_404_for_another_organisation(client, invoice):
    contact = ClientContactFactory(with_user=True, organisation=invoice.client)
    other = approved_order({dt.date(2025, 1, 16): ["1"]})
    other_invoice = services.invoice_issue_for_order(order_id=other.pk, by=CoordinatorFactory())
    assert other_invoice.client_id != invoice.client_id
    client.force_login(contact.user)

    page = client.get(reverse("billing:client-invoices"))
    content = page.content.decode()
    assert page.status_code == 200
    assert reverse("billing:client-invoice-pdf", args=[invoice.pk]) in content
    assert reverse("billing:client-invoice-pdf", args=[other_invoice.pk]) not in content

    pdf = client.get(reverse("billing:client-invoice-pdf", args=[invoice.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("billing:client-invoice-pdf", args=[other_invoice.pk])).status_code == 404

    home = client.get("/")
    assert reverse("billing:client-invoices") in home.content.decode()


def test_client_invoices__not_for_a_user_without_an_organisation(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("billing:client-invoices")).status_code == 403


# --- 4. The payment reminder ----------------------------------------------------------------------
def test_reminder__only_for_an_overdue_unpaid_invoice(invoice, coordinator, mailoutbox):
    assert invoice.is_overdue  # due 2025-02-15
    email = services.invoice_send_reminder(invoice_id=invoice.pk, by=coordinator)
    assert email.code == "invoice_reminder" and email.to == invoice.buyer_email
    assert services.invoice_last_reminder(invoice) is not None

    services.invoice_mark_paid(invoice_id=invoice.pk, by=coordinator, amount=invoice.gross, paid_on=dt.date(2025, 3, 1))
    with pytest.raises(DomainError):
        services.invoice_send_reminder(invoice_id=invoice.pk, by=coordinator)

    not_due = services.invoice_issue_for_order(
        order_id=approved_order({dt.date(2025, 1, 17): ["1"]}).pk, by=coordinator
    )
    with pytest.raises(DomainError):
        services.invoice_send_reminder(invoice_id=not_due.pk, by=coordinator)
    assert OutboundEmail.objects.filter(code="invoice_reminder").count() == 1


def test_reminder_button__sends_and_shows_the_last_reminder(client, invoice, coordinator):
    client.force_login(coordinator)
    detail = reverse("billing:invoice-detail", args=[invoice.pk])
    assert reverse("billing:invoice-reminder", args=[invoice.pk]) in client.get(detail).content.decode()
    response = client.post(reverse("billing:invoice-reminder", args=[invoice.pk]))
    assert response.status_code == 302
    assert OutboundEmail.objects.filter(code="invoice_reminder", to=invoice.buyer_email).count() == 1
    assert invoice.events.filter(action="reminded").exists()
    page = client.get(detail).content.decode()
    assert "reminder-heading" in page and "{{" not in page


# --- 5. The month-end run -------------------------------------------------------------------------
@pytest.fixture
def monthly_clients():
    clients = [ClientOrganisationFactory(invoicing_mode=InvoicingMode.MONTHLY) for _ in range(2)]
    for organisation in clients:
        approved_order({dt.date(2025, 10, 2): ["1"]}, client=organisation)
    return clients


def test_month_end_page__starts_a_run_and_the_status_shows_done_of_total(
    client, coordinator, monthly_clients, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    assert client.get(reverse("billing:month-end")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("billing:month-end"), {"year": "2025", "month": "10"})
    assert response.status_code == 302
    run_id = response["Location"].split("run=")[1]
    assert Invoice.objects.count() == 2

    status = client.get(reverse("billing:month-end-status", args=[run_id]))
    content = status.content.decode()
    assert status.status_code == 200
    assert "2 / 2" in content
    for invoice in Invoice.objects.all():
        assert invoice.display_number in content
    assert "hx-trigger" not in content  # finished: polling stops

    page = client.get(response["Location"])
    assert 'id="month-end-progress"' in page.content.decode()
    assert client.get(reverse("billing:month-end-status", args=["nosuchrun"])).status_code == 404


def test_month_end_status__polls_while_running(client, coordinator):
    services.month_end_progress_set("run1", year=2025, month=10, total=5, done=2, issued=[], failed=0, finished=False)
    client.force_login(coordinator)
    content = client.get(reverse("billing:month-end-status", args=["run1"])).content.decode()
    assert "2 / 5" in content and 'hx-trigger="every 2s"' in content


def test_month_end_run__started_twice_issues_nothing_twice(
    client, coordinator, monthly_clients, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("billing:month-end"), {"year": "2025", "month": "10"})
    assert Invoice.objects.count() == 2
    assert sorted(Invoice.objects.values_list("client_id", flat=True)) == sorted(c.pk for c in monthly_clients)
    again = run_monthly_invoices_task(2025, 10, coordinator.pk, "again")
    assert again == {"clients": 2, "issued": 0, "failed": 0}
    assert services.month_end_progress("again") | {} == {
        "total": 2,
        "done": 2,
        "issued": [],
        "failed": 0,
        "finished": True,
    }


def test_month_end_pages__coordinators_only(client, monthly_clients):
    contact = ClientContactFactory(with_user=True, organisation=monthly_clients[0])
    client.force_login(contact.user)
    assert client.get(reverse("billing:month-end")).status_code == 403
    assert client.post(reverse("billing:month-end"), {"year": "2025", "month": "10"}).status_code == 403
    assert not Invoice.objects.exists()
