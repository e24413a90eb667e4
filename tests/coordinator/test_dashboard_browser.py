"""The coordinator's dashboard in Chromium: filter the list, open an order, inform a unit, add a gig,
approve hours with a correction (htmx swaps the row in place); axe-core finds no serious problems on
the list, an order's page and a confirmation page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import AssignmentStatus, Order, OrderStatus, OrderUnitNotice
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, UnitFactory, WorkerFactory
from tests.support.browser import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _accepted(**kwargs) -> Order:
    return OrderFactory(terms_accepted=True, **kwargs)


@pytest.fixture
def data():
    unit = UnitFactory(name="Vallila")
    UnitFactory(name="Töölö")
    moving = _accepted(title="Muuttopakkaus")
    windows = _accepted(title="Ikkunanpesu", status=OrderStatus.DONE)
    OrderUnitNotice.objects.create(order=windows, unit=unit)
    gig = GigFactory(order=windows, date=timezone.localdate() - dt.timedelta(days=1), workers_needed=1)
    worker = WorkerFactory(home_unit=unit, user__first_name="Ville", user__last_name="Virtanen")
    done = AssignmentFactory(
        gig=gig, worker=worker, status=AssignmentStatus.DONE, reported_hours=Decimal("3.00"), reported_at=timezone.now()
    )
    OrderFactory.create_batch(3, title="Toimiston siivous")
    return {"unit": unit, "moving": moving, "windows": windows, "done": done}


def test_dashboard_browser__filter_open_inform_add_gig_and_approve(page, live_server, axe, client, data):
    _log_in(page, client, live_server, CoordinatorFactory())

    # The list, in Finnish, with every order.
    page.goto(live_server.url + "/coordinator/")
    assert page.get_by_role("heading", name="Tilaukset", exact=True).is_visible()
    assert page.locator("tbody tr").count() == 5
    axe.assert_clean(page)

    # Filter by a word of the task.
    page.fill("#id_q", "Muutto")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == 1
    assert "q=Muutto" in page.url

    # Open the order.
    page.get_by_role("link", name="Muuttopakkaus").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Muuttopakkaus").first.is_visible()
    axe.assert_clean(page)

    # Inform a unit: the order moves to staffing and the unit shows as informed.
    page.get_by_label("Vallila").check()
    page.locator("#inform-units button[type=submit]").click()
    page.wait_for_load_state()
    moving = data["moving"]
    moving.refresh_from_db()
    assert moving.status == OrderStatus.STAFFING
    assert moving.unit_notices.get().unit == data["unit"]
    assert page.locator(".message--success").is_visible()
    assert page.locator(f"#inform-unit-{data['unit'].pk}").is_disabled()

    # Add a gig.
    day = timezone.localdate() + dt.timedelta(days=10)
    page.fill("#gig-date", day.isoformat())
    page.fill("#gig-start_time", "10:00")
    page.fill("#gig-planned_hours", "2,5")
    page.fill("#gig-workers_needed", "2")
    page.locator("#add-gig button[type=submit]").click()
    page.wait_for_load_state()
    gig = moving.gigs.get()
    assert (gig.date, gig.planned_hours, gig.workers_needed) == (day, Decimal("2.50"), 2)
    assert page.locator(f"#gig-{gig.pk}").is_visible()
    axe.assert_clean(page)

    # Approve done work with corrected hours: first without a reason (refused in the row), then with one.
    windows, done = data["windows"], data["done"]
    page.goto(live_server.url + f"/coordinator/orders/{windows.pk}/")
    row = page.locator(f"#assignment-{done.pk}")
    row.locator(f"#approve-{done.pk}-hours").fill("2,5")
    row.locator("button[type=submit]").click()
    page.locator(f"#assignment-{done.pk} .row-error").wait_for()
    done.refresh_from_db()
    assert done.status == AssignmentStatus.DONE
    assert page.url.endswith(f"/coordinator/orders/{windows.pk}/")  # swapped in place, no reload
    assert page.locator("body > .messages .message--error").is_visible()

    row = page.locator(f"#assignment-{done.pk}")
    row.locator(f"#approve-{done.pk}-hours").fill("2,5")
    row.locator(f"#approve-{done.pk}-reason").fill("Lopetti puoli tuntia aiemmin")
    row.locator("button[type=submit]").click()
    page.locator(f"#assignment-{done.pk} .hds-status-label--success").wait_for()
    done.refresh_from_db()
    assert done.status == AssignmentStatus.APPROVED
    assert done.approved_hours == Decimal("2.50")
    assert done.hours_correction_reason == "Lopetti puoli tuntia aiemmin"
    assert page.locator("body > .messages .message--success").is_visible()
    assert "Lopetti puoli tuntia aiemmin" in page.locator(f"#assignment-{done.pk}").inner_text()
    # The order became approved: its state and actions were swapped too.
    assert page.locator("#order-state .hds-status-label--success").is_visible()
    axe.assert_clean(page)


def test_dashboard_browser__confirmation_and_error_pages_are_accessible(page, live_server, axe, client, data):
    _log_in(page, client, live_server, CoordinatorFactory())
    order = OrderFactory(title="Peruttava")

    page.goto(live_server.url + f"/coordinator/orders/{order.pk}/cancel/")
    axe.assert_clean(page)

    page.locator("main form button[type=submit]").click()  # no reason
    page.wait_for_load_state()
    assert page.locator("#confirm-reason_error").is_visible()
    axe.assert_clean(page)
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED

    page.goto(live_server.url + f"/coordinator/assignments/{data['done'].pk}/withdraw/")
    axe.assert_clean(page)

    page.goto(live_server.url + f"/coordinator/orders/{data['moving'].pk}/gigs/add/")
    axe.assert_clean(page)


def test_dashboard_browser__other_users_see_a_clear_403_page(page, live_server, axe, client, data):
    _log_in(page, client, live_server, data["done"].worker.user)

    response = page.goto(live_server.url + "/coordinator/")

    assert response.status == 403
    assert page.get_by_role("heading", level=1).is_visible()
    axe.assert_clean(page)
