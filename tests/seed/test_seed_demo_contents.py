"""What `manage.py seed_demo` makes, read from one seeding: every order state, working logins with
their roles, consistent histories, the pilot's units and clients, and real billing documents (every
invoiced or closed order is on an invoice issued through billing, payment runs through the bank and
the Incomes Register). The seeding's own behaviour (idempotent, refusing DEBUG off, what runs after
commit) is tested in test_seed_demo.py."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from stdnum import iban
from stdnum.fi import hetu, ytunnus

from billing.coverage import hours_to_invoice
from billing.models import (
    HoldReason,
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    PaymentRun,
    PaymentRunStatus,
    Payout,
    PayoutStatus,
    WorkerPaymentDetails,
)
from demo.creation.logins import PAYER_EMAIL
from demo.management.commands.seed_demo import COORDINATOR_EMAIL, DEMO_PASSWORD, LOGINS
from jobcenter.models import User
from jobcenter.roles import Role, roles_of, staff_unit_ids, worker_profile
from orders.models import (
    Assignment,
    AssignmentStatus,
    ClientOrganisation,
    ClientType,
    ContractType,
    InvoicingMode,
    Order,
    OrderStatus,
    TaskType,
)
from tests.factories.auth import login_staff
from tests.support.module_data import module_transaction
from units.models import ServiceKind, SupportMode, Unit, WorkActivityService
from workers.models import WorkCertificate, Worker, WorkerGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory) -> str:
    """The demo seeded once for the module, inside a transaction rolled back at its end (each test
    runs in a savepoint of its own): these tests only read what the seed made, and seeding for each
    took about 13 s. Its PDFs and Incomes Register files go to a folder of the module's own."""
    media = tmp_path_factory.mktemp("seed-demo-media")
    with module_transaction(
        django_db_blocker,
        DEBUG=True,
        MEDIA_ROOT=media,
        JOBCENTER_IR_OUTBOX_DIR=media / "incomes-register-outbox",
        JOBCENTER_EINVOICE_OUTBOX_DIR=media / "einvoice-outbox",
    ):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()


def test_seed_demo__has_an_order_in_every_state(seeded):
    assert set(Order.objects.values_list("status", flat=True)) == set(OrderStatus.values)


def test_seed_demo__every_demo_login_authenticates_with_its_role(seeded):
    for login in LOGINS:
        assert login.email in seeded
        user = authenticate(email=login.email, password=DEMO_PASSWORD)
        assert user is not None, f"{login.email} cannot log in"
        assert login.role in roles_of(user), f"{login.email} is not {login.role}"


def test_seed_demo__logins_are_the_roles_the_demo_promises(seeded):
    by_role: dict[str, list[User]] = {}
    for login in LOGINS:
        by_role.setdefault(login.role, []).append(User.objects.get(email=login.email))

    (admin,) = by_role[Role.ADMINISTRATOR]
    assert admin.is_superuser and admin.is_staff
    (coordinator,) = by_role[Role.COORDINATOR]
    assert coordinator.is_staff and not coordinator.is_superuser
    assert coordinator.groups.filter(name="Coordinators").exists()
    assert coordinator.has_perm("orders.view_order") and coordinator.has_perm("orders.change_order")
    assert not coordinator.has_perm("orders.delete_order")

    vallila = Unit.objects.get(name="Vallila")
    staff_units = [staff_unit_ids(user) for user in by_role[Role.UNIT_STAFF]]
    assert {vallila.pk} in staff_units
    assert any(ids and vallila.pk not in ids for ids in staff_units), "no staff login of another unit"
    assert not any(user.is_staff for user in by_role[Role.UNIT_STAFF])  # no admin for unit staff

    worker_a, worker_b = (worker_profile(user) for user in by_role[Role.WORKER])
    assert worker_a.home_unit == vallila and worker_b.home_unit != vallila
    assert all(not user.is_staff for user in by_role[Role.WORKER])

    organisations = {user.client_contacts.get().organisation_id for user in by_role[Role.CLIENT_CONTACT]}
    assert len(organisations) == 2


def test_seed_demo__order_histories_are_consistent_chains(seeded):
    for order in Order.objects.all():
        rows = list(order.status_changes.order_by("at", "pk"))
        assert rows[0].from_status == "" and rows[0].to_status == OrderStatus.SUBMITTED
        assert rows[-1].to_status == order.status, f"order {order.pk}"
        for before, after in zip(rows, rows[1:], strict=False):
            assert after.from_status == before.to_status, f"order {order.pk}: {before} then {after}"
            assert after.at >= before.at
    for assignment in Assignment.objects.all():
        rows = list(assignment.status_changes.order_by("at", "pk"))
        assert rows[-1].to_status == assignment.status, f"assignment {assignment.pk}"
        for before, after in zip(rows, rows[1:], strict=False):
            assert after.from_status == before.to_status


def test_seed_demo__looks_like_the_pilot(seeded):
    disability = WorkActivityService.objects.get(kind=ServiceKind.DISABILITY)
    adult = WorkActivityService.objects.get(kind=ServiceKind.ADULT_SOCIAL_WORK)
    assert disability.default_support == SupportMode.STAFF_ALONG and not disability.time_limited
    assert adult.default_support == SupportMode.PHONE and adult.time_limited
    assert {"Vallila", "Töölö", "Uusix-verstas"} <= set(Unit.objects.values_list("name", flat=True))
    assert Unit.objects.filter(service=adult).exists()
    for unit in Unit.objects.all():
        roles = set(unit.memberships.values_list("role", flat=True))
        assert roles == {"instructor", "job_coach", "unit_manager"}, unit.name

    assert Worker.objects.count() >= 12
    assert Worker.objects.values("home_unit").distinct().count() == Unit.objects.count()
    assert all(w.skills.exists() and w.interests.exists() and w.support_needs for w in Worker.objects.all())
    assert WorkerGroup.objects.filter(members__isnull=False).exists()

    organisations = list(ClientOrganisation.objects.all())
    assert {o.client_type for o in organisations} == set(ClientType.values)
    assert all(ytunnus.is_valid(o.business_id) for o in organisations)
    city = ClientOrganisation.objects.get(client_type=ClientType.CITY_UNIT)
    assert city.business_id == "0201256-6" and city.einvoice_address

    used = set(Order.objects.values_list("task_type__code", flat=True))
    assert {"cleaning", "window-washing", "mailing", "floorball-mats", "storage-clean-up", "move-packing",
            "thesis-archiving", "resident-folders", "assisting-elderly", "sewing"} <= used  # fmt: skip
    assert used <= set(TaskType.objects.values_list("code", flat=True))


def test_seed_demo__every_invoiced_or_closed_order_is_on_an_issued_invoice(seeded):
    billed = Order.objects.filter(status__in=OrderStatus.invoiced_states)
    assert billed.count() >= 3
    for order in billed:
        invoice = order.invoices.filter(kind=InvoiceKind.INVOICE).get()
        assert invoice.number and invoice.issue_date, f"order {order.pk}"
        assert invoice.lines.exists(), f"order {order.pk}: an invoice without lines"
        # The invoice covers the order's work: its lines carry every approved hour of its orders.
        approved = Assignment.objects.filter(
            gig__order__in=invoice.orders.all(), status=AssignmentStatus.APPROVED
        ).aggregate(h=Sum("approved_hours"))["h"]
        assert invoice.lines.aggregate(h=Sum("hours"))["h"] == approved, f"order {order.pk}"
        assert order.status_changes.filter(
            to_status=OrderStatus.INVOICED, kind="invoiced", params__invoice=invoice.display_number
        ).exists()
    # Only orders that billing invoiced are billed, and an approved order always has hours to invoice:
    # one never invoiced, and the one whose invoice the demo credited (approved again).
    approved = list(Order.objects.filter(status=OrderStatus.APPROVED))
    assert approved and all(hours_to_invoice(order) > 0 for order in approved)
    assert Order.objects.filter(status=OrderStatus.APPROVED, invoices__isnull=True).exists()  # one to try
    assert Order.objects.filter(status=OrderStatus.APPROVED, invoices__status=InvoiceStatus.CREDITED).exists()


def test_seed_demo__has_each_kind_of_billing_document(seeded):
    city = ClientOrganisation.objects.get(client_type=ClientType.CITY_UNIT)
    assert city.invoicing_mode == InvoicingMode.MONTHLY
    (monthly,) = Invoice.objects.filter(client=city, kind=InvoiceKind.INVOICE)
    assert monthly.orders.count() == 2  # the month's collective invoice
    assert monthly.status == InvoiceStatus.PAID and monthly.paid_amount == monthly.gross
    assert Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.PAID).exclude(client=city).exists()
    credit = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert credit.credits.status == InvoiceStatus.CREDITED and credit.gross == -credit.credits.gross
    assert Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.ISSUED).get().is_overdue
    # Gapless numbers in the order of the issue dates.
    by_number = list(Invoice.objects.order_by("number").values_list("number", "issue_date"))
    assert [n for n, _ in by_number] == list(range(by_number[0][0], by_number[0][0] + len(by_number)))
    assert [d for _, d in by_number] == sorted(d for _, d in by_number)

    payouts = list(Payout.objects.all())
    assert len(payouts) >= 3
    assert all(p.lines.exists() and p.net == p.gross - p.tax_withheld for p in payouts)
    assert {p.withholding_percent for p in payouts} >= {Decimal("10.00"), Decimal("60.00")}
    assert WorkCertificate.objects.values("worker").distinct().count() == 2
    assert all(c.pdf for c in WorkCertificate.objects.all())


def test_seed_demo__the_coordinators_billing_pages_list_the_documents(seeded, client):
    login_staff(client, User.objects.get(email=COORDINATOR_EMAIL))

    invoices = client.get(reverse("billing:invoice-list"))
    assert invoices.status_code == 200
    page = invoices.content.decode()
    assert "No invoices yet." not in page
    for invoice in Invoice.objects.all():
        assert f">{invoice.display_number}</a>" in page, invoice.display_number
    approved = Order.objects.filter(status=OrderStatus.APPROVED)
    for ready in approved.filter(contract_type__in=ContractType.jobcenter_invoiced):
        assert reverse("billing:invoice-preview", kwargs={"order_pk": ready.pk}) in page
    # The partner model's approved cleaning is invoiced by Väylä ry, so it is not offered here.
    partner_model = approved.exclude(contract_type__in=ContractType.jobcenter_invoiced)
    assert partner_model.exists()
    for order in partner_model:
        assert reverse("billing:invoice-preview", kwargs={"order_pk": order.pk}) not in page

    runs = client.get(reverse("payment_runs:list"))
    assert runs.status_code == 200
    for run in PaymentRun.objects.all():
        assert reverse("payment_runs:detail", args=[run.pk]) in runs.content.decode()
        detail = client.get(reverse("payment_runs:detail", args=[run.pk]))
        assert detail.status_code == 200
        for name in run.payouts.values_list("worker_name", flat=True):
            assert name in detail.content.decode()


def test_seed_demo__pays_the_workers_in_payment_runs_through_the_bank_and_the_incomes_register(seeded, client):
    coordinator, payer = User.objects.get(email=COORDINATOR_EMAIL), User.objects.get(email=PAYER_EMAIL)
    petri, mikko = (Worker.objects.get(user__first_name=name) for name in ("Petri", "Mikko"))

    # Every worker of today has a valid bank account and identity code but Mikko, who is held out
    # and why. The pilot's 2022 workers (entered in January 2022) are history for the results report.
    details = WorkerPaymentDetails.objects.exclude(iban="")
    today_workers = Worker.objects.filter(created_at__year__gte=2023)
    assert today_workers.count() >= 12
    assert set(today_workers.exclude(pk__in=details.values("worker"))) == {mikko}
    assert all(iban.is_valid(d.iban) and hetu.is_valid(d.personal_identity_code) for d in details)
    # Last month's run: made by the coordinator, approved by the payer, its bank file kept.
    (paid_run,) = PaymentRun.objects.filter(status=PaymentRunStatus.APPROVED)
    assert (paid_run.created_by, paid_run.approved_by) == (coordinator, payer)
    assert paid_run.bank_file and paid_run.bank_file_sha256 and paid_run.status_reports.count() == 1
    assert {h.worker: h.reason for h in paid_run.holds.all()} == {mikko: HoldReason.NO_IBAN}
    # Paid, except Petri's payment: the bank returned it (closed account) and his work waits again.
    rejected = paid_run.payouts.get(status=PayoutStatus.REJECTED)
    assert (rejected.worker, rejected.bank_reason_code) == (petri, "AC04")
    assert not rejected.lines.filter(released=False).exists()
    assert set(paid_run.payouts.exclude(pk=rejected.pk).values_list("status", flat=True)) == {PayoutStatus.PAID}
    # The reports were sent to the Incomes Register; Petri's is to be cancelled in its e-service.
    reports = {(r.payout_id, r.kind): r for r in IncomesRegisterReport.objects.filter(payout__run=paid_run)}
    assert {r.status for (_p, kind), r in reports.items() if kind == IncomesRegisterReportKind.NEW} == {
        IncomesRegisterReportStatus.SENT
    }
    assert (rejected.pk, IncomesRegisterReportKind.CANCELLATION) in reports
    # This month's run: a draft by the coordinator for the payer, paying Petri's returned work.
    (draft,) = PaymentRun.objects.filter(status=PaymentRunStatus.DRAFT)
    assert draft.created_by == coordinator and draft.approved_by is None
    assert draft.payouts.filter(worker=petri, lines__assignment__in=rejected.lines.values("assignment")).exists()
    assert {h.worker for h in draft.holds.all()} == {mikko}

    # Petri reads on his phone, in plain words, what happened to the payment.
    client.force_login(petri.user)
    assert "because the account has been closed" in client.get("/en/me/money/").content.decode()
