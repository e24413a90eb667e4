"""The client's order page and "Cancel this gig", logged in and through the order's signed link: the
confirmation says before anything is done whether the cancellation is late and what is invoiced;
confirming cancels; another organisation's order is a 404, a tampered link changes nothing. The
coordinator's order page shows the charged cancellation, and the terms state the rule."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from orders.client_links import make_client_order_token
from orders.models import AssignmentStatus, OrderStatus
from tests.factories import AssignmentFactory, ClientContactFactory, CoordinatorFactory, GigFactory, OrderFactory

pytestmark = pytest.mark.django_db

LATE = dt.datetime(2026, 12, 9, 13, 0, tzinfo=dt.UTC)  # 15.00 in Helsinki, 18 h before the gig


def _gig(*, accepted=2):
    contact = ClientContactFactory(with_user=True)
    order = OrderFactory(contact=contact, terms_accepted=True, status=OrderStatus.SCHEDULED)
    gig = GigFactory(order=order, date=dt.date(2026, 12, 10), start_time=dt.time(9), planned_hours=Decimal("3.00"))
    for _ in range(accepted):
        AssignmentFactory(gig=gig, status=AssignmentStatus.ACCEPTED)
    return order, gig


@freeze_time(LATE)
def test_logged_in__the_confirmation_says_it_is_late_and_what_is_invoiced_then_cancels(client):
    order, gig = _gig(accepted=1)
    client.force_login(order.contact.user)

    page = client.get(reverse("orders:client-order", args=[order.pk])).content.decode()
    cancel_url = reverse("orders:client-gig-cancel", args=[order.pk, gig.pk])
    assert "Peru tämä keikka" in page and cancel_url in page

    confirm = client.get(cancel_url).content.decode()
    assert "Peruutus on myöhässä: laskutamme 2 tuntia, 29,00 € + alv" in confirm
    gig.refresh_from_db()
    assert not gig.is_cancelled  # nothing done before confirming

    response = client.post(cancel_url, {"reason": "Remontti siirtyi."})
    assert response.status_code == 302
    gig.refresh_from_db()
    assert gig.is_cancelled and gig.cancellation_charge == Decimal("29.00")
    after = client.get(response["Location"]).content.decode()
    assert "Peruttu myöhään: laskutamme 2 tuntia, 29,00 € + alv." in after and cancel_url not in after


@freeze_time(dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC))
def test_in_time__the_confirmation_says_nothing_is_invoiced(client):
    order, gig = _gig()
    client.force_login(order.contact.user)

    confirm = client.get(reverse("orders:client-gig-cancel", args=[order.pk, gig.pk])).content.decode()

    assert "Peruutus ehtii ajoissa" in confirm and "laskutamme" not in confirm


@freeze_time(LATE)
def test_another_organisations_order_is_a_404_and_changes_nothing(client):
    order, gig = _gig()
    client.force_login(ClientContactFactory(with_user=True).user)

    assert client.get(reverse("orders:client-order", args=[order.pk])).status_code == 404
    response = client.post(reverse("orders:client-gig-cancel", args=[order.pk, gig.pk]), {"reason": ""})
    assert response.status_code == 404
    gig.refresh_from_db()
    assert not gig.is_cancelled


@freeze_time(LATE)
def test_the_signed_link__shows_the_cost_and_cancels_without_a_login(client):
    order, gig = _gig()
    token = make_client_order_token(order)
    url = reverse("orders:client-link-gig-cancel", args=[token, gig.pk])

    assert "laskutamme 4 tuntia, 58,00 € + alv" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 302
    gig.refresh_from_db()
    assert gig.is_cancelled and gig.cancelled_by is None and gig.cancellation_charge == Decimal("58.00")


@freeze_time(LATE)
def test_a_tampered_link_or_another_orders_gig_changes_nothing(client):
    order, gig = _gig()
    other, _gig_b = _gig()
    token = make_client_order_token(other)

    assert client.post(reverse("orders:client-link-gig-cancel", args=[token, gig.pk])).status_code == 404
    assert client.get(reverse("orders:client-link", args=[token[:-2] + "xx"])).status_code == 404
    gig.refresh_from_db()
    assert not gig.is_cancelled


@freeze_time(LATE)
def test_the_coordinators_order_page_shows_the_charged_cancellation(client):
    from orders import services

    order, gig = _gig(accepted=1)
    services.gig_cancel_by_client(gig_id=gig.pk, by=order.contact.user)
    client.force_login(CoordinatorFactory())

    page = client.get(reverse("coordinator:order", args=[order.pk])).content.decode()

    assert "Tilaaja perui myöhään: peruutusmaksu 2 tuntia, 29,00 € + alv, laskutetaan" in page


def test_the_terms_page_states_the_cancellation_rule(client):
    from orders.tokens import make_terms_token

    order = OrderFactory(terms_sent=True)
    page = client.get(reverse("orders:terms", args=[make_terms_token(order)])).content.decode()

    assert "alle 24 tuntia ennen" in page and "2 tuntia" in page
