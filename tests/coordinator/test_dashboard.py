"""The coordinator's dashboard through the Django test client: who gets in, and the order list with
its filters, counts per state, pages and query counts; the front page's links to it. A few tests
check the Finnish default.

An order's page and the order actions are in test_dashboard_orders.py, the assignment actions in
test_dashboard_assignments.py.

Pages are read in English (`/en/…`) so the assertions use the source strings; the `coordinator`
fixture (this directory's conftest.py) logs a coordinator in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from orders.models import Order, OrderStatus, OrderUnitNotice
from tests.factories import (
    AdministratorFactory,
    AssignmentFactory,
    ClientContactFactory,
    ClientOrganisationFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkActivityServiceFactory,
    WorkerFactory,
)
from tests.factories.states import order_in
from tests.support.coordinator_pages import page, url
from units.models import ServiceKind

pytestmark = pytest.mark.django_db


# --- Who gets in ----------------------------------------------------------------------------------
def test_dashboard__anonymous_is_sent_to_login(client):
    order = OrderFactory()
    for address in (url("dashboard"), url("order", order.pk), url("order-send-terms", order.pk)):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")
    response = client.post(url("order-cancel", order.pk), {"reason": "x"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


def _worker_user():
    return WorkerFactory().user


def _staff_user():
    return UnitStaffFactory()


def _client_contact_user():
    return ClientContactFactory(with_user=True).user


@pytest.mark.parametrize("make_user", [_worker_user, _staff_user, _client_contact_user, UserFactory])
def test_dashboard__other_roles_get_a_clear_403_page(client, make_user):
    user = make_user()
    informed = OrderFactory(staffing=True)
    client.force_login(user)

    for address in (url("dashboard"), url("order", informed.pk), url("gig-add", informed.pk)):
        response = client.get(address)
        assert response.status_code == 403
        assert "No access to the coordinator's pages" in response.content.decode()
    response = client.post(url("order-cancel", informed.pk), {"reason": "Not wanted"})
    assert response.status_code == 403
    informed.refresh_from_db()
    assert informed.status == OrderStatus.STAFFING


def test_dashboard__unit_staff_of_an_informed_unit_still_get_403_for_the_order_page(client):
    unit = UnitFactory()
    order = OrderFactory(staffing=True)
    OrderUnitNotice.objects.create(order=order, unit=unit)
    client.force_login(UnitStaffFactory(unit=unit))

    assert client.get(url("order", order.pk)).status_code == 403


def test_dashboard__coordinator_and_administrator_get_in_in_finnish_by_default(client):
    for user in (CoordinatorFactory(), AdministratorFactory()):
        client.force_login(user)
        response = client.get("/coordinator/")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="fi"' in html
        assert "<h1>Tilaukset</h1>" in html
        assert response["Cache-Control"].startswith("max-age=0")


def test_dashboard__missing_order_or_assignment_is_404(client, coordinator):
    assert client.get(url("order", 999999)).status_code == 404
    assert client.post(url("assignment-offer", 999999)).status_code == 404


def test_dashboard__changes_are_post_only(client, coordinator):
    order = OrderFactory()
    assert client.get(url("order-send-terms", order.pk)).status_code == 405
    assert client.get(url("assignment-approve", 1)).status_code == 405
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


# --- The order list -------------------------------------------------------------------------------
def test_dashboard__lists_orders_with_their_columns_and_row_actions(client, coordinator):
    submitted = OrderFactory(title="Ikkunanpesu")
    staffing = order_in(OrderStatus.STAFFING, title="Muuttopakkaus", workers_needed=3)
    GigFactory(order=staffing, date=dt.date(2031, 5, 4), workers_needed=2)
    GigFactory(order=staffing, date=dt.date(2031, 5, 6), workers_needed=1)
    AssignmentFactory(gig=staffing.gigs.first(), accepted=True)

    html = page(client, url("dashboard"))

    assert "Ikkunanpesu" in html and "Muuttopakkaus" in html
    assert submitted.client.name in html
    assert "1 / 3" in html  # one place filled of the gigs' three
    assert "2 / 2" not in html
    assert "05/04/2031" in html or "4.5.2031" in html or "2031-05-04" in html
    assert f'action="{url("order-send-terms", submitted.pk)}"' in html
    assert f'href="{url("order-reject", submitted.pk)}?next=' in html
    assert f'action="{url("order-send-terms", staffing.pk)}"' not in html
    assert 'class="hds-status-label' in html


def test_dashboard__order_without_gigs_shows_the_requested_workers_as_needed(client, coordinator):
    OrderFactory(workers_needed=4)

    assert "0 / 4" in page(client, url("dashboard"))


def test_dashboard__counts_per_state_with_the_current_tab_marked(client, coordinator):
    OrderFactory.create_batch(2)
    order_in(OrderStatus.STAFFING)

    html = page(client, url("dashboard"), status="submitted")

    assert '<a href="?status=submitted" aria-current="page">' in html
    assert 'Submitted\n          <span class="count">2<' in html
    assert 'Staffing\n          <span class="count">1<' in html
    assert 'All\n          <span class="count">3<' in html
    assert "Orders in the state “Submitted”" in html


def test_dashboard__counts_follow_the_other_filters(client, coordinator):
    client_org = ClientOrganisationFactory(name="Kulma Oy")
    OrderFactory(contact=ClientContactFactory(organisation=client_org))
    OrderFactory.create_batch(2)

    html = page(client, url("dashboard"), q="Kulma")

    assert 'All\n          <span class="count">1<' in html


def test_dashboard__empty_states_help(client, coordinator):
    assert "There are no orders yet." in page(client, url("dashboard"))

    OrderFactory()
    html = page(client, url("dashboard"), status="closed")
    assert "No orders in the state “Closed”." in html
    assert "Show orders in every state" in html

    html = page(client, url("dashboard"), q="nothing like this")
    assert "No orders match the search and filters." in html
    assert "Clear the search and filters" in html


def _titles(html: str, *titles: str) -> set[str]:
    return {title for title in titles if title in html}


def test_dashboard__each_filter_narrows_the_list(client, coordinator):
    service_d = WorkActivityServiceFactory(kind=ServiceKind.DISABILITY)
    service_a = WorkActivityServiceFactory(kind=ServiceKind.ADULT_SOCIAL_WORK)
    unit_d, unit_a = UnitFactory(service=service_d), UnitFactory(service=service_a)
    kulma = ClientOrganisationFactory(name="Kahvila Kulma Oy", business_id="1572860-0")
    alpha = order_in(
        OrderStatus.STAFFING, title="Alpha-tehtävä", contact=ClientContactFactory(organisation=kulma, name="Liisa")
    )
    # Every contact is named here: a generated Finnish name can itself be "Liisa".
    beta = order_in(OrderStatus.STAFFING, title="Beta-tehtävä", contact=ClientContactFactory(name="Matti Virtanen"))
    gamma = OrderFactory(title="Gamma-tehtävä", contact=ClientContactFactory(name="Pekka Korhonen"))
    OrderUnitNotice.objects.create(order=alpha, unit=unit_d)
    OrderUnitNotice.objects.create(order=beta, unit=unit_a)
    GigFactory(order=alpha, date=dt.date(2031, 1, 10))
    GigFactory(order=beta, date=dt.date(2031, 3, 10))
    Order.objects.filter(pk=gamma.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    names = ("Alpha-tehtävä", "Beta-tehtävä", "Gamma-tehtävä")

    def shown(**params):
        return _titles(page(client, url("dashboard"), **params), *names)

    assert shown() == set(names)
    assert shown(status="submitted") == {"Gamma-tehtävä"}
    assert shown(service=service_d.pk) == {"Alpha-tehtävä"}
    assert shown(unit=unit_a.pk) == {"Beta-tehtävä"}
    assert shown(client=kulma.pk) == {"Alpha-tehtävä"}
    assert shown(q="1572860-0") == {"Alpha-tehtävä"}  # business ID
    assert shown(q="liisa") == {"Alpha-tehtävä"}  # contact person
    assert shown(q="beta") == {"Beta-tehtävä"}  # title
    assert shown(date_field="gig", date_from="2031-03-01", date_to="2031-03-31") == {"Beta-tehtävä"}
    assert shown(date_field="gig", date_from="2031-01-01") == {"Alpha-tehtävä", "Beta-tehtävä"}
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert shown(date_field="created", date_from=since) == {"Alpha-tehtävä", "Beta-tehtävä"}
    until = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    assert shown(date_to=until) == {"Gamma-tehtävä"}


def test_dashboard__invalid_filter_values_are_shown_and_ignored(client, coordinator):
    OrderFactory(title="Ikkunanpesu")

    html = page(client, url("dashboard"), date_from="not-a-date", unit="999999", status="nonsense")

    assert "Ikkunanpesu" in html
    assert 'aria-invalid="true"' in html


def test_dashboard__all_states_choice_of_the_form_shows_every_order_without_an_error(client, coordinator):
    OrderFactory(title="Ikkunanpesu")
    order_in(OrderStatus.STAFFING, title="Muuttopakkaus")

    html = page(client, url("dashboard") + "?status=&q=")

    assert "Ikkunanpesu" in html and "Muuttopakkaus" in html
    assert 'aria-invalid="true"' not in html
    assert '<option value="" selected>All states</option>' in html


def test_dashboard__filter_form_keeps_its_values_and_names_the_chosen_client(client, coordinator):
    kulma = ClientOrganisationFactory(name="Kahvila Kulma Oy", business_id="1572860-0")
    OrderFactory(contact=ClientContactFactory(organisation=kulma), title="Kulman tilaus")
    OrderFactory(title="Muu tilaus")

    html = page(client, url("dashboard"), q="Kulma", client_name="kahvila", client=kulma.pk)

    assert 'value="Kulma"' in html
    assert 'value="kahvila"' in html
    # No list of every client: the chosen one is named, kept in the form and can be removed.
    assert "<option" not in html.split('id="id_client_name"')[1].split("</div>")[0]
    assert f'<input type="hidden" name="client" value="{kulma.pk}"' in html
    assert "Only the orders of Kahvila Kulma Oy (1572860-0)." in html
    assert 'href="?q=Kulma&amp;client_name=kahvila">Show every client</a>' in html
    assert "Kulman tilaus" in html
    assert "Muu tilaus" not in html


def test_dashboard__client_filter_matches_a_part_of_the_name_or_business_id(client, coordinator):
    kulma = ClientOrganisationFactory(name="Kahvila Kulma Oy", business_id="1572860-0")
    OrderFactory(contact=ClientContactFactory(organisation=kulma), title="Kulman tilaus")
    OrderFactory(contact=ClientContactFactory(organisation=ClientOrganisationFactory(name="Rauta Ab")), title="Muu")

    def shown(**params):
        return _titles(page(client, url("dashboard"), **params), "Kulman tilaus", "Muu")

    assert shown(client_name="KULMA") == {"Kulman tilaus"}
    assert shown(client_name="1572860") == {"Kulman tilaus"}
    assert shown(client_name="rauta") == {"Muu"}
    assert shown(client_name="ei ketään") == set()


def test_dashboard__an_unknown_chosen_client_says_so(client, coordinator):
    OrderFactory(title="Kulman tilaus")

    html = page(client, url("dashboard"), client=999999)

    assert "Only the orders of a client that was not found." in html
    assert "Kulman tilaus" not in html


def test_dashboard__the_page_count_comes_from_the_state_counts(client, coordinator, django_assert_max_num_queries):
    OrderFactory.create_batch(3)
    order_in(OrderStatus.STAFFING)
    page(client, url("dashboard"))  # computes the rules-health warning, then read from the cache

    with django_assert_max_num_queries(10) as captured:
        html = page(client, url("dashboard"), status="submitted")

    assert not [q for q in captured.captured_queries if 'COUNT(*) AS "__count"' in q["sql"]]  # no second count

    assert "Showing 1–3 of 3 orders." in html
    assert 'Staffing\n          <span class="count">1<' in html
    html = page(client, url("dashboard"), status=["submitted", "staffing"], q="")
    assert "Showing 1–4 of 4 orders." in html


def test_dashboard__pages_of_25(client, coordinator):
    OrderFactory.create_batch(30)

    first = page(client, url("dashboard"))
    second = page(client, url("dashboard"), page=2)

    assert first.count('<th scope="row">#') == 25
    assert second.count('<th scope="row">#') == 5
    assert "Showing 1–25 of 30 orders." in first
    assert 'href="?page=2" rel="next"' in first
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</span>' in second
    assert page(client, url("dashboard"), page="x").count('<th scope="row">#') == 25  # bad page: the first


def test_dashboard__pagination_keeps_the_filters(client, coordinator):
    OrderFactory.create_batch(26, title="Siivous")

    html = page(client, url("dashboard"), q="Siivous")

    assert 'href="?q=Siivous&amp;page=2" rel="next"' in html


@pytest.mark.parametrize("rows", [5, 30])
def test_dashboard__query_count_does_not_grow_with_rows(client, coordinator, django_assert_max_num_queries, rows):
    for n in range(rows):
        order = order_in(OrderStatus.STAFFING if n % 2 else OrderStatus.SUBMITTED)
        OrderUnitNotice.objects.create(order=order, unit=UnitFactory())
        gig = GigFactory(order=order)
        AssignmentFactory(gig=gig, accepted=True)

    page(client, url("dashboard"))  # computes the rules-health warning, then read from the cache
    with django_assert_max_num_queries(10):
        page(client, url("dashboard"))


# --- The front page links to the dashboard ---------------------------------------------------------
def test_home__coordinator_panels_link_to_the_dashboard(client, coordinator):
    order = OrderFactory()

    html = page(client, "/")

    assert 'href="/coordinator/?status=submitted"' in html
    assert f'href="/coordinator/orders/{order.pk}/"' in html
    assert "/admin/orders/order/" not in html
