"""The partner model's pages (Django client): the unit records the contract, the clarification and
activates; the coordinator's partner pages, hours report and invoices; the proposal page and the
foresight tell an employment gig from a commission gig."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from benefits.foresight import BenefitReceived, Earning, Status, foresee
from benefits.models import BenefitRule
from billing.models import PartnerInvoice, PartnerInvoiceStatus
from billing.pricing import RateBook
from billing.selectors import orders_ready_to_invoice
from billing.services.payment_runs import payment_run_create
from orders.models import AssignmentStatus, ContractStatus, ContractType, EmploymentContract, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, UnitStaffFactory, WorkerFactory
from tests.factories.benefits import ConsentFactory, ReceivedBenefitFactory
from tests.factories.payments import payment_details
from tests.support.partners import active_contract, employer_partner, employment_order
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db
D = Decimal


def _last_month() -> dt.date:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _approved_gig(order, worker, contract, day, support_person):
    return AssignmentFactory(
        gig=GigFactory(order=order, date=day),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=D("2"),
        approved_hours=D("2"),
        support_person=support_person,
        employment_contract=contract,
    )


# --- The unit ---------------------------------------------------------------------------------------
def test_unit_makes_the_contract_records_the_clarification_and_activates(client):
    worker = WorkerFactory()
    staff = UnitStaffFactory(unit=worker.home_unit)
    partner = employer_partner()
    client.force_login(staff)
    start = timezone.localdate() + dt.timedelta(days=7)
    page = client.get(reverse("units:worker", args=[worker.pk])).content.decode()
    assert reverse("units:worker-contracts", args=[worker.pk]) in page

    response = client.post(
        reverse("units:contract-create", args=[worker.pk]),
        {
            "partner": partner.pk,
            "start_date": start.isoformat(),
            "hours_per_occurrence": "2",
            "every_n_weeks": "2",
            "weekdays": ["2"],
        },
    )
    contract = EmploymentContract.objects.get(worker=worker)
    assert response.status_code == 302 and contract.status == ContractStatus.DRAFT

    refused = client.post(reverse("units:contract-activate", args=[worker.pk, contract.pk]))
    assert refused.status_code == 400
    assert "tuloselvitys" in refused.content.decode()

    form_url = reverse("units:contract-clarification", args=[worker.pk, contract.pk])
    missing = client.post(form_url, {"done_on": timezone.localdate().isoformat(), "done_by": staff.pk})
    assert missing.status_code == 400 and not contract.income_clarifications.exists()
    client.post(
        form_url,
        {
            "done_on": timezone.localdate().isoformat(),
            "done_by": staff.pk,
            "benefits_checked": "on",
            "note": "Eläkkeen ansaintaraja käyty läpi.",
        },
    )
    client.post(reverse("units:contract-activate", args=[worker.pk, contract.pk]))
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    listing = client.get(reverse("units:worker-contracts", args=[worker.pk])).content.decode()
    assert "2 h joka toinen viikko, tiistaisin" in listing and "Eläkkeen ansaintaraja käyty läpi." in listing
    assert AccessLogEntry.objects.filter(worker=worker, data="employment_contracts", user=staff).exists()


def test_unit_pages_of_another_units_worker_are_404(client):
    worker = WorkerFactory()
    contract = active_contract(worker, employer_partner())
    client.force_login(UnitStaffFactory())
    assert client.get(reverse("units:worker-contracts", args=[worker.pk])).status_code == 404
    assert client.get(reverse("units:contract-activate", args=[worker.pk, contract.pk])).status_code == 404


# --- The proposal page and the foresight ------------------------------------------------------------
def test_proposal_page_says_the_gig_is_employment_by_the_partner(client):
    order = employment_order(employer_partner("Väylä ry"))
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=5))
    worker = WorkerFactory()
    order.unit_notices.create(unit=worker.home_unit)
    ReceivedBenefitFactory(worker=worker, benefit="unemployment_benefit")
    ConsentFactory(worker=worker, actors=["unit"])
    client.force_login(UnitStaffFactory(unit=worker.home_unit))
    page = client.get(reverse("units:propose", args=[order.pk, gig.pk])).content.decode()
    assert "Työsuhde: työnantaja Väylä ry" in page
    assert "Se on palkkatuloa: ei YEL-vakuutusta eikä yritystoiminnan selvitystä" in page
    assert "kerroin, että toimeksiantotyö on yrittäjyyttä" not in page  # no commission explanation
    assert "Toimeksiantotyö on yrittäjyyttä" not in page  # never the self-employment warning


def test_foresight_counts_employment_as_wage_income_not_commission():
    day = dt.date(2026, 5, 12)
    earnings = [
        Earning(gig_id=1, day=day, amount=D("200.00"), approved=True, contract_type=ContractType.EMPLOYMENT),
        Earning(gig_id=2, day=day, amount=D("50.00"), approved=True, contract_type=ContractType.COMMISSION),
    ]
    foresight = foresee(
        day=day,
        received=[BenefitReceived("unemployment_benefit", "month")],
        rules=BenefitRule.objects.all(),
        earnings=earnings,
        gig_amount=D("20.00"),
        gig_contract=ContractType.EMPLOYMENT,
        hourly_pay=D("10.00"),
        yel_limit=D("9423.09"),
    )
    assert foresight.yel.commission_total == D("50.00")  # the employment gig adds nothing toward YEL
    assert not [c for c in foresight.checks if c.status == Status.SELF_EMPLOYMENT]
    assert foresight.monthly["approved"] == D("250.00")  # but it is income for the benefits


# --- Billing leaves the partner model out -------------------------------------------------------------
def test_jobcenter_neither_invoices_nor_pays_partner_model_work():
    coordinator = CoordinatorFactory()
    order = employment_order()
    worker = WorkerFactory()
    payment_details(worker)
    contract = active_contract(worker, order.employer_partner, start=timezone.localdate() - dt.timedelta(days=40))
    _approved_gig(order, worker, contract, timezone.localdate() - dt.timedelta(days=3), None)
    type(order).objects.filter(pk=order.pk).update(status=OrderStatus.APPROVED, terms_accepted_at=timezone.now())
    assert order.pk not in {o.pk for o in orders_ready_to_invoice(user=coordinator)}
    from jobcenter.errors import DomainError

    with pytest.raises(DomainError):
        payment_run_create(payment_date=timezone.localdate(), cutoff_date=timezone.localdate(), by=coordinator)


# --- The coordinator -------------------------------------------------------------------------------
def test_coordinator_partner_pages_hours_report_and_invoices(client):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    client.post(
        reverse("coordinator:partner-create"), {"name": "Väylä ry", "business_id": "0737546-1", "is_active": "on"}
    )
    assert not PartnerInvoice.objects.exists()
    response = client.post(
        reverse("coordinator:partner-create"), {"name": "Väylä ry", "business_id": "0737546-2", "is_active": "on"}
    )
    assert response.status_code == 302
    partner = type(employer_partner()).objects.get(business_id="0737546-2")
    order = employment_order(partner)
    worker = WorkerFactory()
    coach = UnitStaffFactory(unit=worker.home_unit, first_name="Juha", last_name="Mäkinen")
    first = _last_month()
    contract = active_contract(worker, partner, start=first - dt.timedelta(days=5))
    _approved_gig(order, worker, contract, first + dt.timedelta(days=1), coach)
    _approved_gig(order, worker, contract, first + dt.timedelta(days=15), coach)

    listing = client.get(reverse("coordinator:partner-list")).content.decode()
    assert "Väylä ry" in listing
    month = f"{first:%Y-%m}"
    detail = client.get(reverse("coordinator:partner", args=[partner.pk]), {"month": month}).content.decode()
    assert worker.display_name in detail and "Juha Mäkinen" in detail

    csv_text = client.get(
        reverse("coordinator:partner-hours-csv", args=[partner.pk]), {"month": month}
    ).content.decode()
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert rows[1][1:5] == [worker.display_name, order.client.name, rows[1][3], "2,00"]
    # The wage is the employment price list's of the work date (10.00 EUR/h in the seeded list).
    rate = RateBook().worker_hourly_pay(contract_type=ContractType.EMPLOYMENT, day=first + dt.timedelta(days=1))

    def cents(times):
        return f"{times * rate:.2f}".replace(".", ",") if rate is not None else ""

    assert rows[1][5:8] == [cents(1), cents(2), "Juha Mäkinen"]
    assert ["Yhteensä", "", "", "2", "4,00", "", cents(4) or "0,00", ""] in rows
    pdf = client.get(reverse("coordinator:partner-hours-pdf", args=[partner.pk]), {"month": month})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    data = {
        "invoice-client": order.client_id,
        "invoice-month": month,
        "invoice-invoice_number": "VÄY-11",
        "invoice-amount": "50,20",
        "invoice-received_on": timezone.localdate().isoformat(),
    }
    confirm = client.post(reverse("coordinator:partner", args=[partner.pk]), data)
    assert "Vahvista saapuneeksi" in confirm.content.decode() and not PartnerInvoice.objects.exists()
    client.post(reverse("coordinator:partner", args=[partner.pk]), data | {"confirm": "yes"})
    invoice = PartnerInvoice.objects.get()
    assert (invoice.amount, invoice.status) == (D("50.20"), PartnerInvoiceStatus.RECEIVED)
    client.post(
        reverse("coordinator:partner-invoice-paid", args=[invoice.pk]), {"paid_on": timezone.localdate().isoformat()}
    )
    invoice.refresh_from_db()
    assert invoice.status == PartnerInvoiceStatus.PAID and invoice.paid_recorded_by == coordinator


def test_coordinator_gives_an_employment_order_its_partner(client):
    from tests.factories import OrderFactory

    client.force_login(CoordinatorFactory())
    order = OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT)
    partner = employer_partner()
    page = client.get(reverse("coordinator:partner-list")).content.decode()
    assert order.title in page
    client.post(reverse("coordinator:order-partner", args=[order.pk]), {f"o{order.pk}-partner": partner.pk})
    order.refresh_from_db()
    assert order.employer_partner == partner
