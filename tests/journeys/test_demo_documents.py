"""The billing issue's promise on the demo data: an invoice, a credit note, a payout statement, a
certificate and a gig CV can each be produced by clicking (here: the same requests, with the Django
client), and each comes out as a real PDF."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from billing.models import Invoice, Payout
from demo.management.commands.seed_demo import COORDINATOR_EMAIL
from jobcenter.models import User
from orders.models import Assignment, AssignmentStatus, ContractType, Order, OrderStatus
from workers.models import WorkCertificate

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, verbosity=0)


@pytest.fixture
def desk(client, demo):
    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    return client


def assert_pdf(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")


def test_demo_documents__invoice_and_credit_note(desk, django_capture_on_commit_callbacks):
    order = Order.objects.filter(status=OrderStatus.APPROVED).first()
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(reverse("billing:invoice-issue", kwargs={"order_pk": order.pk}), follow=True)
    assert response.status_code == 200
    invoice = order.invoices.get()
    assert_pdf(desk.get(reverse("billing:invoice-pdf", kwargs={"pk": invoice.pk})))

    with django_capture_on_commit_callbacks(execute=True):
        desk.post(
            reverse("billing:invoice-credit-note", kwargs={"pk": invoice.pk}),
            {"reason": "Väärä tuntimäärä", "confirm": "on"},
        )
    credit = Invoice.objects.get(credits=invoice)
    assert credit.gross == -invoice.gross
    assert_pdf(desk.get(reverse("billing:invoice-pdf", kwargs={"pk": credit.pk})))


def test_demo_documents__payout_statement(desk):
    first_paid_day = (
        Assignment.objects.filter(status=AssignmentStatus.APPROVED, gig__order__contract_type=ContractType.COMMISSION)
        .order_by("gig__date")
        .values_list("gig__date", flat=True)
        .first()
    )
    start = first_paid_day.replace(day=1)
    desk.post(reverse("payouts:create"), {"start": start.isoformat(), "end": timezone.localdate().isoformat()})
    payout = Payout.objects.order_by("pk").first()
    assert payout is not None and payout.net == payout.gross - payout.tax_withheld
    assert_pdf(desk.get(reverse("payouts:pdf", kwargs={"pk": payout.pk})))


def test_demo_documents__certificate_and_gig_cv(desk, client):
    worker = Assignment.objects.filter(status=AssignmentStatus.APPROVED).first().worker
    desk.post(reverse("worker_certificates:worker", kwargs={"pk": worker.pk}), {"include_feedback": "yes"})
    certificate = WorkCertificate.objects.get(worker=worker)
    assert_pdf(desk.get(reverse("worker_certificates:certificate-download", kwargs={"pk": certificate.pk})))

    client.force_login(worker.user)
    assert_pdf(client.get(reverse("workers:cv-pdf")))
