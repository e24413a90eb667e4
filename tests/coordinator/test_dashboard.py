"""The coordinator's dashboard through the Django test client: who gets in, the order list (filters,
counts, pages, query counts), an order's page, and every action with its happy path and its refusal.

Pages are read in English (`/en/…`) so the assertions use the source strings; a few check the
Finnish default."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from jobcenter.models import OutboundEmail
from orders.models import (
    Assignment,
    AssignmentStatus,
    AssignmentStatusChange,
    Feedback,
    Order,
    OrderStatus,
    OrderUnitNotice,
)
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
from tests.factories.states import approved_order_with_work, assignment_in, invoiced_order, order_in
from units.models import ServiceKind

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    """The English address of a coordinator page."""
    with translation.override("en"):
        return reverse(f"coordinator:{name}", args=args)


def page(http, address: str, **params) -> str:
    response = http.get(address, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def post(client, address: str, data=None, **extra):
    """POST and follow the redirect; the page shown afterwards (with its messages)."""
    response = client.post(address, data or {}, follow=True, **extra)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory()
    client.force_login(user)
    return user


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
    beta = order_in(OrderStatus.STAFFING, title="Beta-tehtävä")
    gamma = OrderFactory(title="Gamma-tehtävä")
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

    with django_assert_max_num_queries(10):
        page(client, url("dashboard"))


# --- An order's page ------------------------------------------------------------------------------
def test_order_page__shows_request_client_billing_terms_units_gigs_feedback_and_history(client, coordinator):
    unit = UnitFactory(name="Vallila")
    order = order_in(
        OrderStatus.APPROVED,
        title="Ikkunanpesu",
        description="Kahvilan ikkunat sisältä.",
        client_reference="PO-778",
    )
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    gig = GigFactory(order=order, date=dt.date(2026, 3, 3))
    worker = WorkerFactory(home_unit=unit, user__first_name="Ville", user__last_name="Virtanen")
    assignment = assignment_in(AssignmentStatus.APPROVED, gig=gig, worker=worker)
    Assignment.objects.filter(pk=assignment.pk).update(
        approved_hours=Decimal("2.50"), hours_correction_reason="Lopetti aikaisemmin"
    )
    staff = UnitStaffFactory(unit=unit, first_name="Olli", last_name="Ohjaaja")
    AssignmentStatusChange.objects.create(
        assignment=assignment, from_status="offered", to_status="accepted", by=staff, on_behalf=True
    )
    Feedback.objects.create(assignment=assignment, rating=5, text="Erinomaista työtä", source="coordinator")
    order.status_changes.create(from_status="staffing", to_status="scheduled", by=coordinator, note="Kaikki mukana")

    html = page(client, url("order", order.pk))

    for text in (
        "Ikkunanpesu",
        "Kahvilan ikkunat sisältä.",
        "PO-778",
        order.contact.email,
        order.client.billing_email,
        "Commission contract",
        "14.50",  # the hourly price excl. VAT
        order.terms.version,
        order.terms_accepted_name,
        "Vallila",
        "Ville Virtanen",
        "A staff member comes along",
        "3.00",
        "2.50",
        "Lopetti aikaisemmin",
        "Accepted: by staff for the worker",
        "Rating 5/5",
        "Erinomaista työtä",
        "Staffing → Scheduled",
        "Kaikki mukana",
        "Offered → Accepted",
        "by staff for the worker",
        "Olli Ohjaaja",
    ):
        assert text in html, text
    assert worker.support_needs not in html  # special-category data stays off this page


def test_order_page__query_count_does_not_grow_with_gigs_and_workers(
    client, coordinator, django_assert_max_num_queries
):
    def make(gig_count):
        order = order_in(OrderStatus.STAFFING)
        for _ in range(gig_count):
            gig = GigFactory(order=order, workers_needed=3)
            AssignmentFactory(gig=gig)
            AssignmentFactory(gig=gig, accepted=True)
            OrderUnitNotice.objects.create(order=order, unit=UnitFactory())
        return order

    small, large = make(1), make(6)
    # 14 for the page, +2 for the benefit foresight: the workers' consents and, on a commission order, the
    # recorded commission-work explanations.
    with django_assert_max_num_queries(16) as small_queries:
        page(client, url("order", small.pk))
    with django_assert_max_num_queries(16) as large_queries:
        page(client, url("order", large.pk))
    assert len(large_queries) == len(small_queries)


# --- Order actions --------------------------------------------------------------------------------
def test_send_terms__sends_and_says_so(client, coordinator):
    order = OrderFactory()

    html = post(client, url("order-send-terms", order.pk))

    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT
    assert f"Order {order.number}: the terms were sent to {order.contact.email}." in html
    assert OutboundEmail.objects.filter(code="order_terms").count() == 1


def test_send_terms__from_the_list_returns_to_the_filtered_list(client, coordinator):
    order = OrderFactory()
    back = url("dashboard") + "?status=submitted"

    response = client.post(url("order-send-terms", order.pk), {"next": back})

    assert response.status_code == 302 and response["Location"] == back


def test_send_terms__unsafe_next_is_ignored(client, coordinator):
    order = OrderFactory()

    response = client.post(url("order-send-terms", order.pk), {"next": "https://evil.example.org/"})

    assert response["Location"] == url("order", order.pk)


def test_send_terms__refused_in_a_later_state_shows_the_reason(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    html = post(client, url("order-send-terms", order.pk))

    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
    assert "message--error" in html
    assert "cannot be changed to “Terms sent”" in html


def test_reject__confirmation_page_then_rejects_with_the_reason(client, coordinator):
    order = OrderFactory()

    confirm = page(client, url("order-reject", order.pk))
    assert "Reject the request" in confirm and 'name="reason"' in confirm

    html = post(client, url("order-reject", order.pk), {"reason": "Ei työtoiminnan tehtävä"})

    order.refresh_from_db()
    assert order.status == OrderStatus.REJECTED
    assert order.closed_reason == "Ei työtoiminnan tehtävä"
    assert f"Order {order.number} was rejected." in html


def test_reject__refused_after_the_terms_are_accepted(client, coordinator):
    order = order_in(OrderStatus.TERMS_ACCEPTED)

    html = post(client, url("order-reject", order.pk), {"reason": "Myöhässä"})

    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_ACCEPTED
    assert "cannot be changed to “Rejected”" in html


def test_cancel__without_a_reason_shows_the_error_and_changes_nothing(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    response = client.post(url("order-cancel", order.pk), {"reason": "   "})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Write the reason." in html
    assert 'aria-invalid="true"' in html
    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING


def test_cancel__with_a_reason_cancels_and_withdraws_open_assignments(client, coordinator):
    assignment = assignment_in(AssignmentStatus.ACCEPTED)
    order = assignment.gig.order

    html = post(client, url("order-cancel", order.pk), {"reason": "Asiakas perui"})

    order.refresh_from_db()
    assignment.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert f"Order {order.number} was cancelled." in html
    assert "Asiakas perui" in html  # the reason is on the order's page


def test_cancel__refused_when_work_is_done_shows_why(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    order = assignment.gig.order

    html = post(client, url("order-cancel", order.pk), {"reason": "Asiakas perui"})

    order.refresh_from_db()
    assert order.status == OrderStatus.SCHEDULED
    assert "Some work on this order is already done" in html


def test_cancel__confirmation_page_links_back_to_where_the_user_came_from(client, coordinator):
    order = OrderFactory()
    back = url("dashboard") + "?status=submitted"

    html = page(client, url("order-cancel", order.pk), next=back)

    assert f'href="{back}"' in html
    assert f'name="next" value="{back}"' in html


def test_inform_units__informs_the_chosen_units_and_shows_informed_ones(client, coordinator):
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    order = order_in(OrderStatus.TERMS_ACCEPTED)

    html = post(client, url("order-inform-units", order.pk), {"units": [vallila.pk]})

    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
    assert set(order.unit_notices.values_list("unit_id", flat=True)) == {vallila.pk}
    assert f"Units informed of order {order.number}: Vallila." in html
    assert "Vallila (already informed)" in html
    assert f'name="units" value="{toolo.pk}"' in html
    assert f'name="units" value="{vallila.pk}"' not in html


def test_inform_units__without_a_unit_or_before_the_terms_is_refused(client, coordinator):
    unit = UnitFactory()
    accepted = order_in(OrderStatus.TERMS_ACCEPTED)
    submitted = OrderFactory()

    html = post(client, url("order-inform-units", accepted.pk), {})
    assert "Choose at least one unit." in html

    html = post(client, url("order-inform-units", submitted.pk), {"units": [unit.pk]})
    assert "Units can be informed once the client has accepted the terms." in html
    assert not OrderUnitNotice.objects.exists()


def test_add_gig__adds_it(client, coordinator):
    order = order_in(OrderStatus.STAFFING)
    day = timezone.localdate() + dt.timedelta(days=5)

    html = post(
        client,
        url("gig-add", order.pk),
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "planned_hours": "2,5",
            "workers_needed": "2",
            "notes": "Ovi B",
        },
    )

    gig = order.gigs.get()
    assert (gig.date, gig.start_time, gig.planned_hours, gig.workers_needed, gig.notes) == (
        day,
        dt.time(10),
        Decimal("2.50"),
        2,
        "Ovi B",
    )
    assert f"A gig on {day:%d.%m.%Y} was added to order {order.number}." in html


def test_add_gig__form_errors_are_shown_next_to_the_fields(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    response = client.post(url("gig-add", order.pk), {"date": "", "start_time": "10:00", "planned_hours": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="gig-date_error"' in html and 'id="gig-planned_hours_error"' in html
    assert 'value="10:00"' in html
    assert not order.gigs.exists()


def test_add_gig__refusals_are_shown_and_the_input_kept(client, coordinator):
    staffing = order_in(OrderStatus.STAFFING)
    submitted = OrderFactory()
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    data = {"start_time": "10:00", "planned_hours": "3", "workers_needed": "1"}

    html = client.post(url("gig-add", staffing.pk), {**data, "date": past}).content.decode()
    assert "The gig&#x27;s date is in the past." in html or "The gig's date is in the past." in html
    assert f'value="{past}"' in html

    html = client.post(url("gig-add", staffing.pk), {**data, "date": future, "planned_hours": "13"}).content.decode()
    assert "One gig can have at most 12 hours." in html

    html = client.post(url("gig-add", submitted.pk), {**data, "date": future}).content.decode()
    assert "Gigs can be entered once the client has accepted the terms." in html
    assert not staffing.gigs.exists() and not submitted.gigs.exists()


def test_request_feedback__emails_the_client(client, coordinator):
    order = order_in(OrderStatus.APPROVED)

    html = post(client, url("order-request-feedback", order.pk))

    order.refresh_from_db()
    assert order.feedback_requested_at is not None
    assert f"Order {order.number}: feedback was asked for from {order.contact.email}." in html


def test_request_feedback__refused_before_approval(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    html = post(client, url("order-request-feedback", order.pk))

    assert "Feedback can be asked for once the work is approved." in html


def test_approved_order__no_button_or_address_marks_it_invoiced(client, coordinator):
    """Only billing's issued invoice makes an order invoiced: the order's page offers no shortcut,
    and the old address of the "Mark invoiced" action is gone."""
    order = approved_order_with_work()

    html = page(client, url("order", order.pk))

    assert "Mark invoiced" not in html
    assert "mark-invoiced" not in html
    with pytest.raises(NoReverseMatch):
        url("order-mark-invoiced", order.pk)
    response = client.post(url("order", order.pk) + "mark-invoiced/")
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED


def test_close__an_order_that_billing_invoiced(client, coordinator):
    order = invoiced_order(by=coordinator)
    assert "Close the order" in page(client, url("order", order.pk))

    html = post(client, url("order-close", order.pk))

    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert f"Order {order.number} is closed." in html


def test_close__refused_in_the_wrong_state(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    assert "cannot be changed to “Closed”" in post(client, url("order-close", order.pk))
    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING


# --- Assignment actions ---------------------------------------------------------------------------
def test_offer__passes_a_proposed_worker_on(client, coordinator):
    assignment = assignment_in(AssignmentStatus.PROPOSED)

    html = post(client, url("assignment-offer", assignment.pk))

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED
    assert f"The gig was offered to {assignment.worker.display_name}." in html


def test_offer__refused_when_the_gig_is_full(client, coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    AssignmentFactory(gig=gig, accepted=True)
    proposed = AssignmentFactory(gig=gig)

    html = post(client, url("assignment-offer", proposed.pk))

    proposed.refresh_from_db()
    assert proposed.status == AssignmentStatus.PROPOSED
    assert "The gig already has all its workers." in html


def test_approve__as_reported(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    response = client.post(url("assignment-approve", assignment.pk), {"hours": "3,00", "reason": ""})

    assert response.status_code == 302
    assert response["Location"] == url("order", assignment.gig.order_id) + f"#assignment-{assignment.pk}"
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.approved_hours == Decimal("3.00")
    assignment.gig.order.refresh_from_db()
    assert assignment.gig.order.status == OrderStatus.APPROVED


def test_approve__corrected_hours_need_a_reason(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    html = post(client, url("assignment-approve", assignment.pk), {"hours": "2", "reason": ""})

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert "You changed the hours. Write the reason for the change." in html

    html = post(client, url("assignment-approve", assignment.pk), {"hours": "2", "reason": "Lähti aiemmin"})

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.approved_hours == Decimal("2.00")
    assert assignment.hours_correction_reason == "Lähti aiemmin"
    assert "2.00 hours approved." in html


def test_approve__with_htmx_returns_the_updated_row_and_the_messages(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    headers = {"HTTP_HX_REQUEST": "true"}

    refused = client.post(url("assignment-approve", assignment.pk), {"hours": "2", "reason": ""}, **headers)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert html.lstrip().startswith(f'<tr id="assignment-{assignment.pk}"')
    assert "You changed the hours. Write the reason for the change." in html
    assert 'hx-swap-oob="innerHTML:body &gt; .messages"' in html or 'hx-swap-oob="innerHTML:body > .messages"' in html
    assert 'value="2"' in html  # what the coordinator typed stays

    done = client.post(url("assignment-approve", assignment.pk), {"hours": "2", "reason": "Lähti aiemmin"}, **headers)
    html = done.content.decode()
    assert "2.00 hours approved." in html
    assert 'id="order-state" hx-swap-oob="true"' in html  # the order became approved
    assert "Request feedback" in html  # the approved order's buttons came with it
    assert "Mark invoiced" not in html
    # The messages were shown in the row's answer, not left for the next page.
    assert "hours approved" not in page(client, url("order", assignment.gig.order_id))


def test_withdraw__confirmation_then_takes_the_worker_off(client, coordinator):
    assignment = assignment_in(AssignmentStatus.ACCEPTED)

    confirm = page(client, url("assignment-withdraw", assignment.pk))
    assert assignment.worker.display_name in confirm

    response = client.post(url("assignment-withdraw", assignment.pk), {"reason": ""})
    assert "Write the reason." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED

    html = post(client, url("assignment-withdraw", assignment.pk), {"reason": "Sairastui"})
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert f"{assignment.worker.display_name} was taken off the gig." in html


def test_withdraw__refused_for_done_work(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    html = post(client, url("assignment-withdraw", assignment.pk), {"reason": "Virhe"})

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert "cannot be changed to “Withdrawn”" in html


def test_record_feedback__on_approved_work(client, coordinator):
    assignment = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)

    form = page(client, url("assignment-feedback", assignment.pk))
    assert 'name="rating"' in form

    missing = client.post(url("assignment-feedback", assignment.pk), {"text": "Hyvä"})
    assert "Choose a rating from 1 to 5." in missing.content.decode()
    assert not Feedback.objects.exists()

    html = post(client, url("assignment-feedback", assignment.pk), {"rating": "4", "text": "Hyvä työ"})
    feedback = Feedback.objects.get()
    assert (feedback.assignment_id, feedback.rating, feedback.text, feedback.recorded_by) == (
        assignment.pk,
        4,
        "Hyvä työ",
        coordinator,
    )
    assert feedback.given_by_name == assignment.gig.order.contact.name
    assert f"Feedback for {assignment.worker.display_name} was recorded." in html
    assert "Rating 4/5" in html


def test_record_feedback__refused_before_approval_or_twice(client, coordinator):
    done = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    assert "Feedback can be recorded for approved work only." in post(
        client, url("assignment-feedback", done.pk), {"rating": "5"}
    )

    approved = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)
    post(client, url("assignment-feedback", approved.pk), {"rating": "5"})
    assert "This worker already has feedback for this gig." in post(
        client, url("assignment-feedback", approved.pk), {"rating": "3"}
    )
    assert Feedback.objects.count() == 1


# --- The front page links to the dashboard ---------------------------------------------------------
def test_home__coordinator_panels_link_to_the_dashboard(client, coordinator):
    order = OrderFactory()

    html = page(client, "/")

    assert 'href="/coordinator/?status=submitted"' in html
    assert f'href="/coordinator/orders/{order.pk}/"' in html
    assert "/admin/orders/order/" not in html


def test_admin__feedback_is_listed_and_read_only(client):
    assignment = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)
    feedback = Feedback.objects.create(assignment=assignment, rating=4, text="Hyvä", source="coordinator")
    client.force_login(AdministratorFactory())

    listing = page(client, "/admin/orders/feedback/")
    detail = page(client, f"/admin/orders/feedback/{feedback.pk}/change/")

    assert "Hyvä" in detail and str(assignment.worker) in listing
    assert assignment.worker.support_needs not in listing + detail
    assert client.get("/admin/orders/feedback/add/").status_code == 403


def test_dashboard__all_states_choice_of_the_form_shows_every_order_without_an_error(client, coordinator):
    OrderFactory(title="Ikkunanpesu")
    order_in(OrderStatus.STAFFING, title="Muuttopakkaus")

    html = page(client, url("dashboard") + "?status=&q=")

    assert "Ikkunanpesu" in html and "Muuttopakkaus" in html
    assert 'aria-invalid="true"' not in html
    assert '<option value="" selected>All states</option>' in html
