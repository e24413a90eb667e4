"""A delivered product compensation is paid through the payment runs, next to the commission work:
one line of the maker's payout, exactly once; withheld by the tax card; in the bank file total and
the Incomes Register report (income type 336); on the statement PDF and the worker's money page."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from billing.bank_files.simulated import status_report_for
from billing.incomes_register import codes
from billing.models import PayoutLine, PayoutStatus, WorkerTaxInfo
from billing.payout_pdf import render_payout_pdf
from billing.selectors_product_sales import DeliveryPayment, deliveries_of
from billing.services.bank_status import bank_status_report_apply
from billing.services.payment_runs import payment_run_approve, payment_run_create, payment_run_discard
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payer_user, payment_details
from tests.support.product_sales import sold_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def maker():
    worker = WorkerFactory(
        home_unit=UnitFactory(name="Töölö"), user__first_name="Helmi", user__last_name="Saarinen", user__language="en"
    )
    payment_details(worker)
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("10.00"))
    return worker


@pytest.fixture
def staff(maker):
    return UnitStaffFactory(unit=maker.home_unit)


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def _run(by, today, cutoff=None):
    return payment_run_create(payment_date=today, cutoff_date=cutoff or today, by=by)


def test_run__pays_the_delivery_on_the_makers_payout_next_to_the_gigs_withheld_by_the_tax_card(
    maker, staff, coordinator, today
):
    approved_commission_work(maker, today - dt.timedelta(days=8), "3")  # 30.00 €
    _product, _agreement, (delivery,) = sold_product(
        maker, by=staff, name="Kangaskassi", delivered=[(today - dt.timedelta(days=5), 12)], compensation="4.50"
    )

    run = _run(coordinator, today)

    payout = run.payouts.get()
    lines = list(payout.lines.order_by("date"))
    assert [(line.task, line.hours, line.quantity, line.rate, line.amount) for line in lines][1] == (
        "Kangaskassi",
        Decimal("0.00"),
        12,
        Decimal("4.50"),
        Decimal("54.00"),
    )
    assert lines[1].delivery == delivery and lines[1].assignment is None
    assert lines[0].assignment is not None and lines[0].delivery is None
    assert (payout.hours, payout.gross, payout.tax_withheld, payout.net) == (
        Decimal("3.00"),
        Decimal("84.00"),
        Decimal("8.40"),
        Decimal("75.60"),
    )
    assert (payout.period_start, payout.period_end) == (today - dt.timedelta(days=8), today - dt.timedelta(days=5))
    assert run.gross == Decimal("84.00")


def test_run__a_maker_with_only_product_sales_is_paid_too(maker, staff, coordinator, today):
    sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=3), 4)], compensation="2.25")

    run = _run(coordinator, today)

    payout = run.payouts.get()
    assert (payout.worker, payout.hours, payout.gross) == (maker, Decimal("0.00"), Decimal("9.00"))


def test_run__a_delivery_after_the_cutoff_waits_for_a_later_run(maker, staff, coordinator, today):
    approved_commission_work(maker, today - dt.timedelta(days=9), "1")
    sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=2), 4)])

    run = _run(coordinator, today, cutoff=today - dt.timedelta(days=5))

    assert not run.payouts.get().lines.filter(delivery__isnull=False).exists()


def test_run__a_maker_without_a_bank_account_is_held_out_and_the_delivery_waits(staff, coordinator, today):
    worker = WorkerFactory(home_unit=UnitFactory())
    payment_details(worker, iban="")
    other = WorkerFactory()
    payment_details(other)
    approved_commission_work(other, today - dt.timedelta(days=3), "1")
    sold_product(worker, by=UnitStaffFactory(unit=worker.home_unit), delivered=[(today - dt.timedelta(days=3), 2)])

    run = _run(coordinator, today)

    hold = run.holds.get()
    assert (hold.worker, hold.assignments, hold.gross) == (worker, 0, Decimal("9.00"))
    assert not PayoutLine.objects.filter(delivery__isnull=False).exists()


def test_run__the_delivery_is_paid_once_a_second_run_does_not_pay_it_again(maker, staff, coordinator, today):
    _product, _agreement, (delivery,) = sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=3), 4)])
    first = _run(coordinator, today)
    payment_run_approve(run_id=first.pk, by=payer_user())
    approved_commission_work(maker, today - dt.timedelta(days=1), "1")

    second = _run(coordinator, today)

    assert not second.payouts.get().lines.filter(delivery__isnull=False).exists()
    assert PayoutLine.objects.filter(delivery=delivery, released=False).count() == 1


def test_run__a_discarded_draft_frees_the_delivery_for_the_next_run(maker, staff, coordinator, today):
    _product, _agreement, (delivery,) = sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=3), 4)])
    draft = _run(coordinator, today)
    assert deliveries_of(delivery.product)[0].payment_state == DeliveryPayment.IN_DRAFT

    payment_run_discard(run_id=draft.pk, by=coordinator)
    again = _run(coordinator, today)

    assert again.payouts.get().lines.get().delivery == delivery


def test_run__a_bank_rejection_releases_the_delivery_and_the_next_run_pays_it(maker, staff, coordinator, today):
    _product, _agreement, (delivery,) = sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=3), 4)])
    payer = payer_user()
    run = payment_run_approve(run_id=_run(coordinator, today).pk, by=payer)
    assert deliveries_of(delivery.product)[0].payment_state == DeliveryPayment.IN_PAYMENT
    payout = run.payouts.get()
    with run.bank_file.open("rb") as bank_file:
        content = status_report_for(bank_file.read(), rejected={payout.end_to_end_id: "AC04"})
    bank_status_report_apply(content=content, by=payer)

    assert PayoutLine.objects.get(delivery=delivery).released is True
    next_run = _run(coordinator, today)
    assert next_run.payouts.get().lines.get(released=False).delivery == delivery


def test_one_live_line_per_delivery_is_the_databases_rule_too(maker, staff, coordinator, today):
    _product, _agreement, (delivery,) = sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=3), 4)])
    payout = _run(coordinator, today).payouts.get()
    line = payout.lines.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutLine.objects.create(
            payout=payout, delivery=delivery, date=line.date, task="x", hours=0, quantity=4, rate=1, amount=4
        )


def test_a_line_has_exactly_one_source(maker, staff, coordinator, today):
    assignment = approved_commission_work(maker, today - dt.timedelta(days=3), "1")
    _product, _agreement, (delivery,) = sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=3), 4)])
    payout = _run(coordinator, today).payouts.get()
    payout.lines.all().delete()
    row = {"payout": payout, "date": today, "task": "x", "hours": 0, "rate": 1, "amount": 4}

    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutLine.objects.create(assignment=assignment, delivery=delivery, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutLine.objects.create(**row)


def test_approval__bank_file_total_and_the_incomes_register_report_include_the_compensation(
    maker, staff, coordinator, today
):
    approved_commission_work(maker, today - dt.timedelta(days=8), "2")  # 20.00
    sold_product(maker, by=staff, delivered=[(today - dt.timedelta(days=5), 10)], compensation="3.00")  # 30.00

    run = payment_run_approve(run_id=_run(coordinator, today).pk, by=payer_user())

    payout = run.payouts.get()
    assert payout.status == PayoutStatus.IN_PAYMENT
    with run.bank_file.open("rb") as bank_file:
        root = etree.fromstring(bank_file.read())
    ns = {"p": root.nsmap[None]}
    assert root.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=ns) == "45.00"  # net: 50.00 − 10 %
    report = payout.ir_reports.get()
    assert (report.income_type, report.amount, report.tax_withheld) == (
        codes.INCOME_TYPE_COMMISSION_FEE,
        Decimal("50.00"),
        Decimal("5.00"),
    )
    assert codes.INCOME_TYPE_COMMISSION_FEE == 336


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (apt-get install poppler-utils)")
def test_statement_pdf__names_the_product_with_the_quantity_and_the_compensation(
    maker, staff, coordinator, today, tmp_path
):
    sold_product(maker, by=staff, name="Virkattu patalappu", delivered=[(today - dt.timedelta(days=5), 12)])
    run = payment_run_approve(run_id=_run(coordinator, today).pk, by=payer_user())

    path = tmp_path / "statement.pdf"
    path.write_bytes(render_payout_pdf(run.payouts.get()))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())

    assert "Virkattu patalappu 12 pcs 4.50 €/pc 54.00 €" in text


def test_money_page__shows_the_product_by_name(client, maker, staff, coordinator, today):
    sold_product(
        maker, by=staff, name="Kangaskassi", delivered=[(today - dt.timedelta(days=5), 3)], compensation="6.00"
    )
    payment_run_approve(run_id=_run(coordinator, today).pk, by=payer_user())
    client.force_login(maker.user)

    page = client.get(reverse("workers:money"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Kangaskassi" in page
    assert "3 products, 18,00" in page or "3 products, 18.00" in page
