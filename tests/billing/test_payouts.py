"""Worker payouts for commission-contract work: withholding, paid once, CSV, yearly YEL totals, PDF, pages.

Payouts are made by payment runs (billing.services.payment_runs); the run's own tests are in
test_payment_runs.py. Here a payout is a worker's payment in a run paid today, with the tax card of
this year."""

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from billing import payouts
from billing.models import Payout, PayoutLine, WorkerTaxInfo, YelLowerLimit
from billing.payout_pdf import render_payout_pdf
from billing.services.payment_runs import payment_run_approve, payment_run_create
from jobcenter.errors import ActionNotPermitted, DomainError
from orders.models import AssignmentStatus, ContractType, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, UserFactory, WorkerFactory
from tests.factories.payments import payer_user, payment_details

pytestmark = pytest.mark.django_db

JAN_START, JAN_END = dt.date(2025, 1, 1), dt.date(2025, 1, 31)
THIS_YEAR = dt.date.today().year


def work(worker, hours: str, *, day=dt.date(2025, 1, 15), contract_type=ContractType.COMMISSION):
    """One approved assignment of `worker` on a gig of an approved order."""
    order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED, contract_type=contract_type)
    return AssignmentFactory(
        gig=GigFactory(order=order, date=day),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal(hours),
        approved_hours=Decimal(hours),
    )


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def worker():
    worker = WorkerFactory(user__first_name="Aino", user__last_name="Virtanen", user__email="aino@example.org")
    payment_details(worker)
    return worker


def run(by, end=JAN_END):
    """A payment run paid today (or on `end`, if later) for the work up to `end`."""
    return payment_run_create(payment_date=max(timezone.localdate(), end), cutoff_date=end, by=by)


def paid_run(by, end=JAN_END):
    """The run approved by a payer: its payments have left for the bank."""
    return payment_run_approve(run_id=run(by, end).pk, by=payer_user())


def create(worker, by, end=JAN_END):
    return run(by, end).payouts.get(worker=worker)


# --- Withholding ----------------------------------------------------------------------------------
def test_payout_create__tax_card_25_percent(worker, coordinator):
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("25"), valid_for_year=THIS_YEAR)
    work(worker, "10")
    payout = create(worker, coordinator)
    assert (payout.hours, payout.gross, payout.withholding_percent) == (Decimal("10"), Decimal("100.00"), 25)
    assert (payout.tax_withheld, payout.net) == (Decimal("25.00"), Decimal("75.00"))
    line = payout.lines.get()
    assert (line.hours, line.rate, line.amount) == (Decimal("10"), Decimal("10.00"), Decimal("100.00"))


def test_payout_create__no_tax_card_withholds_60_percent(worker, coordinator):
    work(worker, "10")
    payout = create(worker, coordinator)
    assert (payout.withholding_percent, payout.tax_withheld, payout.net) == (60, Decimal("60.00"), Decimal("40.00"))


def test_payout_create__tax_card_of_another_year_counts_as_none(worker, coordinator):
    # The card of the year the work was done (2025) does not count for a payment made this year.
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("25"), valid_for_year=2025)
    work(worker, "10")
    assert create(worker, coordinator).withholding_percent == 60


def test_payout_create__prepayment_register_withholds_nothing(worker, coordinator):
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("25"), in_prepayment_register=True)
    work(worker, "10")
    payout = create(worker, coordinator)
    assert (payout.withholding_percent, payout.tax_withheld, payout.net) == (0, Decimal("0.00"), Decimal("100.00"))


def test_payout_create__lines_rounded_half_up(worker, coordinator):
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("17.5"))
    work(worker, "0.25", day=dt.date(2025, 1, 2))
    work(worker, "1.75", day=dt.date(2025, 1, 3))
    payout = create(worker, coordinator)
    assert payout.gross == Decimal("20.00")
    assert payout.tax_withheld == Decimal("3.50") and payout.net == Decimal("16.50")


# --- What is paid ---------------------------------------------------------------------------------
def test_payout_create__employment_work_and_other_periods_are_excluded(worker, coordinator):
    work(worker, "10")
    work(worker, "4", contract_type=ContractType.EMPLOYMENT)
    work(worker, "3", day=dt.date(2025, 2, 1))  # after the cut-off
    other = AssignmentFactory(gig=GigFactory(date=dt.date(2025, 1, 10)), worker=worker, done=True)
    payout = create(worker, coordinator)
    assert payout.hours == Decimal("10") and payout.lines.count() == 1
    assert not PayoutLine.objects.filter(assignment=other).exists()


def test_payout_create__paid_once(worker, coordinator):
    work(worker, "10")
    payment_run_approve(run_id=run(coordinator).pk, by=payer_user())
    with pytest.raises(DomainError) as err, translation.override("en"):
        run(coordinator)
    assert "no approved, unpaid commission work" in str(err.value.message)
    assert Payout.objects.count() == 1 and PayoutLine.objects.count() == 1


def test_payout_create__nothing_to_pay(worker, coordinator):
    with pytest.raises(DomainError, match="no approved, unpaid commission work"), translation.override("en"):
        run(coordinator)
    assert not Payout.objects.exists()


def test_payout_create__only_a_coordinator(worker):
    work(worker, "10")
    with pytest.raises(ActionNotPermitted):
        run(UserFactory())
    assert not Payout.objects.exists()


def test_payment_run__every_worker_once_and_a_second_run_is_refused(worker, coordinator):
    second = WorkerFactory()
    payment_details(second)
    work(worker, "10")
    work(second, "2")
    work(second, "3", day=dt.date(2025, 1, 20))
    created = run(coordinator).payouts.all()
    assert sorted(p.hours for p in created) == [Decimal("5"), Decimal("10")]
    with pytest.raises(DomainError):
        run(coordinator)  # the draft stands; its work is on its lines
    assert Payout.objects.count() == 2 and PayoutLine.objects.count() == 3


# --- CSV ------------------------------------------------------------------------------------------
def test_payout_list_csv__semicolons_and_decimal_comma(worker, coordinator):
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("25"))
    work(worker, "10.5")
    create(worker, coordinator)
    content = payouts.payout_list_csv(period_start=JAN_START, period_end=JAN_END)
    assert content == (
        "worker;email;hours;gross;tax %;tax;net\r\nAino Virtanen;aino@example.org;10,50;105,00;25,00;26,25;78,75\r\n"
    )


# --- Yearly totals and the YEL limit --------------------------------------------------------------
def test_yel_lower_limits__seeded_from_the_rules_table():
    limits = dict(YelLowerLimit.objects.values_list("year", "amount"))
    assert limits[2022] == Decimal("8261.71") and limits[2026] == Decimal("9423.09")
    assert len([y for y in limits if 2022 <= y <= 2026]) == 5


def test_yearly_totals__2022_limit_and_approaching_flag(worker, coordinator):
    quiet = WorkerFactory()
    # 661 h × 10.00 = 6,610.00 ≥ 80 % of 8,261.71 (6,609.37) → approaching
    for month in range(1, 12):
        work(worker, "60", day=dt.date(2022, month, 10))
    work(worker, "1", day=dt.date(2022, 12, 1))
    work(quiet, "10", day=dt.date(2022, 5, 5))
    payment_details(quiet)
    paid_run(coordinator, dt.date(2022, 12, 31))
    totals = {t.worker_id: t for t in payouts.yearly_totals(year=2022)}
    assert totals[worker.pk].gross == Decimal("6610.00")
    assert totals[worker.pk].yel_limit == Decimal("8261.71")
    assert totals[worker.pk].approaching and not totals[worker.pk].over
    assert totals[quiet.pk].gross == Decimal("100.00") and not totals[quiet.pk].approaching


def test_yearly_totals__2026_limit_just_below_80_percent(worker, coordinator):
    # 80 % of 9,423.09 is 7,538.47; 753.5 h × 10.00 = 7,535.00 is below it
    for month in range(1, 13):
        work(worker, "62.5", day=dt.date(2026, month, 10))
    work(worker, "3.5", day=dt.date(2026, 12, 11))
    paid_run(coordinator, dt.date(2026, 12, 31))
    (total,) = payouts.yearly_totals(year=2026)
    assert (total.gross, total.yel_limit, total.approaching) == (Decimal("7535.00"), Decimal("9423.09"), False)
    assert payouts.yearly_totals(year=2025) == []


def test_yearly_totals__a_rejected_payment_paid_again_counts_once(worker, coordinator):
    work(worker, "10", day=dt.date(2025, 6, 1))
    first = create(worker, coordinator, end=dt.date(2025, 12, 31))
    PayoutLine.objects.filter(payout=first).update(released=True)  # as the bank's rejection leaves it
    type(first.run).objects.filter(pk=first.run_id).update(status="discarded")
    paid_run(coordinator, end=dt.date(2025, 12, 31))
    (total,) = payouts.yearly_totals(year=2025)
    assert total.gross == Decimal("100.00")


def test_yearly_totals__a_draft_run_is_not_paid_yet(worker, coordinator):
    work(worker, "10", day=dt.date(2025, 6, 1))
    run(coordinator, dt.date(2025, 12, 31))

    assert payouts.yearly_totals(year=2025) == []


# --- PDF ------------------------------------------------------------------------------------------
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (apt-get install poppler-utils)")
def test_render_payout_pdf__worker_gross_tax_net(worker, coordinator, tmp_path, settings):
    settings.JOBCENTER_SELLER_NAME = "Helsingin kaupunki / Jobcenter"
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("25"))
    work(worker, "10")
    payout = create(worker, coordinator)
    path = tmp_path / "payout.pdf"
    path.write_bytes(render_payout_pdf(payout))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "PALKKIOLASKELMA" in text and "Työkorvaus" in text
    assert "Aino Virtanen" in text and "Helsingin kaupunki / Jobcenter" in text
    assert "100,00" in text and "25,00" in text and "75,00" in text
    assert "15.01.2025" in text  # the period of the work paid: its first and last gig


# --- Pages ----------------------------------------------------------------------------------------
def page_urls(payout, worker):
    return [
        reverse("payouts:list"),
        reverse("payouts:csv"),
        reverse("payouts:pdf", args=[payout.pk]),
        reverse("payouts:tax-info", args=[worker.pk]),
    ]


def test_pages__anonymous_to_login_and_no_role_403(client, worker, coordinator):
    work(worker, "10")
    payout = create(worker, coordinator)
    for url in page_urls(payout, worker):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(UserFactory())
    for url in page_urls(payout, worker):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("payouts:tax-info", args=[worker.pk]), {"withholding_percent": "10"})
    assert response.status_code == 403 and not WorkerTaxInfo.objects.exists()


def test_payout_list__default_period_is_the_previous_month(client, worker, coordinator, settings):
    from web.coordinator.payouts import previous_month

    assert previous_month(dt.date(2025, 3, 15)) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert previous_month(dt.date(2026, 1, 1)) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    client.force_login(coordinator)
    response = client.get(reverse("payouts:list"))
    assert response.status_code == 200
    start, end = previous_month(dt.date.today())
    assert response.context["start"] == start and response.context["end"] == end


def test_payout_pages__list_csv_pdf_and_tax_info(client, worker, coordinator):
    work(worker, "10")
    client.force_login(coordinator)
    query = {"start": "2025-01-01", "end": "2025-01-31"}
    page = client.get(reverse("payouts:list"), query)
    assert page.status_code == 200 and "Aino Virtanen" in page.content.decode()

    assert client.get(reverse("payouts:tax-info", args=[worker.pk])).status_code == 200
    response = client.post(reverse("payouts:tax-info", args=[worker.pk]), {"withholding_percent": "101"})
    assert response.status_code == 400 and not WorkerTaxInfo.objects.exists()
    response = client.post(reverse("payouts:tax-info", args=[worker.pk]), {"withholding_percent": "25"})
    assert response.status_code == 302
    assert WorkerTaxInfo.objects.get(worker=worker).withholding_percent == Decimal("25")

    assert "/billing/payouts/create/" not in page.content.decode()  # payouts are made by payment runs
    payout = paid_run(coordinator).payouts.get(worker=worker)
    assert payout.net == Decimal("75.00")

    csv_response = client.get(reverse("payouts:csv"), query)
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    assert (
        csv_response.content.decode().splitlines()[1] == "Aino Virtanen;aino@example.org;10,00;100,00;25,00;25,00;75,00"
    )

    pdf = client.get(reverse("payouts:pdf", args=[payout.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    payout.refresh_from_db()
    assert payout.pdf

    page = client.get(reverse("payouts:list"), {"start": "2025-01-01", "end": "2025-01-31"}).content.decode()
    assert reverse("payouts:pdf", args=[payout.pk]) in page
    assert "Palkkio brutto" in page and "YEL-alaraja" in page and "9208,43" in page.replace("\xa0", "")
    swedish = client.get("/sv" + reverse("payouts:list"), query).content.decode()
    assert "Utbetalning av arbetsersättningar" in swedish


def test_employment_costs__wage_and_side_costs_as_the_partners_cost(worker, coordinator, client):
    work(worker, "3", contract_type=ContractType.EMPLOYMENT)
    work(worker, "1.5", contract_type=ContractType.EMPLOYMENT, day=dt.date(2025, 1, 20))
    work(worker, "2")  # commission: not the partner's cost

    [row] = payouts.employment_costs(period_start=JAN_START, period_end=JAN_END)

    assert (row.hours, row.wages, row.side_costs, row.total) == (
        Decimal("4.50"),
        Decimal("45.00"),  # 4.5 h × 10.00
        Decimal("24.75"),  # 4.5 h × 5.50
        Decimal("69.75"),
    )
    client.force_login(coordinator)
    page = client.get(reverse("payouts:list"), {"start": "2025-01-01", "end": "2025-01-31"}).content.decode()
    assert "Työsopimustyö: työnantajakumppanin kustannus" in page
    assert "69,75 €" in page


def test_payout_pdf__a_drafts_statement_is_shown_not_kept(client, worker, coordinator):
    """Until approval freezes the account, the statement may change: the draft's PDF is not stored
    (the worker's copy and the PDFs made after approval would otherwise reuse a stale one)."""
    work(worker, "10")
    payout = create(worker, coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("payouts:pdf", args=[payout.pk]))

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    payout.refresh_from_db()
    assert not payout.pdf
