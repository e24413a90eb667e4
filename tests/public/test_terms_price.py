"""The terms page states the price and the estimate; the accepted version is kept and sent as a PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import PriceList, VatRate
from jobcenter.models import OutboundEmail
from orders.models import AcceptedTermsCopy, OrderStatus
from orders.tokens import make_terms_token
from tests.factories import CoordinatorFactory, GigFactory, OrderFactory

pytestmark = pytest.mark.django_db

BILLING = {
    "billing_name": "Kahvila Kulma Oy",
    "billing_street": "Hämeentie 10",
    "billing_postal_code": "00530",
    "billing_city": "Helsinki",
    "billing_email": "laskut@kulma.example.org",
    "einvoice_address": "",
    "einvoice_operator": "",
    "invoicing_mode": "per_order",
}
CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def fi(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def work_day():
    """A work date from which a new price (with awkward cents) and a new VAT rate are in force: the
    page must use these, not today's rows."""
    day = timezone.localdate() + dt.timedelta(days=40)
    for model in (PriceList, VatRate):
        model.objects.filter(valid_to__isnull=True).update(valid_to=day - dt.timedelta(days=1))
    for row in PriceList.objects.filter(valid_to=day - dt.timedelta(days=1)):
        PriceList.objects.create(
            contract_type=row.contract_type,
            valid_from=day,
            client_hourly_price=Decimal("33.33"),
            worker_hourly_pay=Decimal("20.00"),
            side_costs_hourly=Decimal("3.33"),
            service_fee_hourly=Decimal("10.00"),
            source="test",
        )
    VatRate.objects.create(valid_from=day, rate=Decimal("14.00"), source="test")  # not today's rate
    return day


def _rows(order, day):
    price = PriceList.objects.valid_on(day).filter(contract_type=order.contract_type).get()
    vat = VatRate.objects.valid_on(day).get()
    return price.client_hourly_price, vat.rate


def _pdf_text(content: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "terms.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    return " ".join(text.split())  # the layout breaks lines where it likes


def _url(order) -> str:
    return reverse("orders:terms", kwargs={"token": make_terms_token(order)})


def test_terms_page__shows_each_gigs_price_with_the_vat_of_its_date_and_the_estimate(client, work_day):
    order = OrderFactory(terms_sent=True)
    GigFactory(order=order, date=work_day, start_time=dt.time(9, 0), planned_hours=Decimal("3.00"), workers_needed=2)
    GigFactory(order=order, date=work_day, start_time=dt.time(13, 30), planned_hours=Decimal("2.25"), workers_needed=1)
    price, rate = _rows(order, work_day)
    body = client.get(_url(order)).content.decode()

    nets = [cents(Decimal("6.00") * price), cents(Decimal("2.25") * price)]
    net = sum(nets)
    vat = cents(net * rate / 100)
    assert f"{fi(price)} €" in body
    assert f"{fi(cents(price * (1 + rate / 100)))} €" in body  # 33.33 € + 14 % = 38.00 €
    assert "14 %" in body
    for line in nets:
        assert f"{fi(line)} €" in body
    assert f"{fi(vat)} €" in body
    assert f'id="terms-estimate-total">{fi(net + vat)} €' in body
    assert "13.30" in body  # the gig's start time


def test_terms_page__without_gigs_prices_the_orders_hours_at_its_requested_date(client, work_day):
    order = OrderFactory(terms_sent=True, preferred_start=work_day, estimated_hours=Decimal("7.50"), workers_needed=3)
    price, rate = _rows(order, work_day)
    body = client.get(_url(order)).content.decode()
    net = cents(Decimal("7.50") * price)  # the order's hours are all workers' hours together
    assert f'id="terms-estimate-total">{fi(net + cents(net * rate / 100))} €' in body


def test_accepting__keeps_the_pdf_emails_it_and_the_coordinator_downloads_it(client, work_day, tmp_path):
    order = OrderFactory(terms_sent=True, contact__name="Liisa Laine")
    GigFactory(order=order, date=work_day, planned_hours=Decimal("4.00"), workers_needed=1)
    price, rate = _rows(order, work_day)
    response = client.post(_url(order), {**BILLING, "accepted_name": "Liisa Laine", "accept": "on"})
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_ACCEPTED

    copy = AcceptedTermsCopy.objects.get(order=order)
    content = copy.pdf.read()
    text = _pdf_text(content, tmp_path)
    assert "HYVÄKSYTYT TILAUSEHDOT" in text  # in the order's language
    assert f"{fi(price)} €" in text
    net = cents(Decimal(4) * price)
    assert f"{fi(net + cents(net * rate / 100))} €" in text
    assert "Liisa Laine hyväksyi nämä ehdot" in text
    assert "Tilaaja ostaa palvelun" in text  # the terms text itself

    email = OutboundEmail.objects.get(code="order_terms_accepted")
    assert email.to == order.contact.email
    assert email.attachment_name.endswith(".pdf") and email.attachment_mimetype == "application/pdf"
    assert email.attachment.read() == content

    client.force_login(CoordinatorFactory())
    page = client.get(reverse("coordinator:order", args=[order.pk])).content.decode()
    link = reverse("coordinator:order-accepted-terms-pdf", args=[order.pk])
    assert f'href="{link}"' in page
    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == content


def test_coordinator_page__no_link_while_no_pdf_is_kept(client):
    order = OrderFactory(terms_accepted=True)
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("coordinator:order", args=[order.pk])).content.decode()
    assert "accepted-terms-pdf" not in page
    assert client.get(reverse("coordinator:order-accepted-terms-pdf", args=[order.pk])).status_code == 404
