"""Documents on the demo data: the demo's own invoices, credit note and payout statement open as
PDFs, and a new invoice, credit note, payout statement, certificate and gig CV can each be produced
by clicking (here: the same requests, with the Django client), each a real PDF."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from billing.models import Invoice, Payout, PayoutStatus
from demo.management.commands.seed_demo import COORDINATOR_EMAIL
from jobcenter.models import User
from orders.models import Assignment, AssignmentStatus, Order, OrderStatus
from tests.support.module_data import module_transaction
from workers.models import WorkCertificate

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module, inside a transaction rolled back at its end; each test
    runs in a savepoint of its own, so what one issues or credits is gone before the next."""
    media = tmp_path_factory.mktemp("demo-documents-media")
    with module_transaction(django_db_blocker, MEDIA_ROOT=media):
        call_command("seed_demo", force=True, verbosity=0)
        yield


@pytest.fixture
def desk(client, demo):
    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    return client


def assert_pdf(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")


def test_demo_documents__the_demos_invoices_open_as_pdf(desk):
    for invoice in Invoice.objects.all():
        assert_pdf(desk.get(reverse("billing:invoice-pdf", kwargs={"pk": invoice.pk})))


def test_demo_documents__invoice_and_credit_note(desk, django_capture_on_commit_callbacks):
    order = Order.objects.filter(status=OrderStatus.APPROVED).exclude(invoices__isnull=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            reverse("billing:invoice-issue", kwargs={"order_pk": order.pk}), {"confirm": "True"}, follow=True
        )
    assert response.status_code == 200
    invoice = order.invoices.get()
    assert_pdf(desk.get(reverse("billing:invoice-pdf", kwargs={"pk": invoice.pk})))

    with django_capture_on_commit_callbacks(execute=True):
        desk.post(
            reverse("billing:invoice-credit-note", kwargs={"pk": invoice.pk}),
            {
                "reason": "Väärä tuntimäärä",
                "issue": "1",
                "confirm": "on",
                **{f"line_{line.pk}": "on" for line in invoice.lines.all()},
            },
        )
    credit = Invoice.objects.get(credits=invoice)
    assert credit.gross == -invoice.gross
    assert_pdf(desk.get(reverse("billing:invoice-pdf", kwargs={"pk": credit.pk})))


def test_demo_documents__payout_statement(desk):
    # The demo paid last month already (a statement to open); this month's run is a draft whose
    # statement is shown but not kept until the payer approves the run.
    paid = Payout.objects.filter(status=PayoutStatus.PAID).order_by("pk").first()
    assert paid is not None
    assert_pdf(desk.get(reverse("payouts:pdf", kwargs={"pk": paid.pk})))

    draft = Payout.objects.filter(status=PayoutStatus.DRAFT).order_by("pk").first()
    assert draft is not None and draft.net == draft.gross - draft.tax_withheld
    assert_pdf(desk.get(reverse("payouts:pdf", kwargs={"pk": draft.pk})))
    draft.refresh_from_db()
    assert not draft.pdf


def test_demo_documents__certificate_and_gig_cv(desk, client):
    worker = Assignment.objects.filter(status=AssignmentStatus.APPROVED).first().worker
    before = set(WorkCertificate.objects.filter(worker=worker).values_list("pk", flat=True))
    desk.post(reverse("worker_certificates:worker", kwargs={"pk": worker.pk}), {"include_feedback": "yes"})
    certificate = WorkCertificate.objects.exclude(pk__in=before).get(worker=worker)
    assert_pdf(desk.get(reverse("worker_certificates:certificate-download", kwargs={"pk": certificate.pk})))

    client.force_login(worker.user)
    assert_pdf(client.get(reverse("workers:cv-pdf")))
