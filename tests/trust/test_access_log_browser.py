"""The worker's access-log page on a 360 px phone: accessible (axe), no sideways scrolling, big
enough to tap, and the coordinator's search page accessible on a desktop."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobcenter.access_log import log_access
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.auth import mark_session_mfa
from tests.support.browser import OVERFLOW, SMALL_TAP_TARGETS
from tests.support.browser import log_in as _log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_worker_access_log__fits_a_phone_and_is_accessible(mobile_page, axe, client, live_server):
    unit = UnitFactory(name="Työpaja Kallio")
    worker = WorkerFactory(home_unit=unit)
    staff = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")
    for _ in range(25):
        log_access(staff, worker, "support_needs", reason="Keikan valmistelu ennen tiistain keikkaa")
    _log_in(mobile_page, client, live_server, worker.user)

    mobile_page.goto(live_server.url + reverse("workers:access-log"))

    assert mobile_page.get_by_role("heading", name="Kuka on katsonut tietojasi", level=1).is_visible()
    assert mobile_page.get_by_text("Maija Ohjaaja, ohjaaja").first.is_visible()
    axe.assert_clean(mobile_page)
    assert mobile_page.evaluate(OVERFLOW), "wider than the screen"
    assert mobile_page.evaluate(SMALL_TAP_TARGETS) == []
    mobile_page.get_by_role("link", name="Seuraava sivu").click()
    assert mobile_page.get_by_text("Sivu 2 / 2").is_visible()
    axe.assert_clean(mobile_page)


def test_coordinator_access_log__is_accessible(page, axe, client, live_server):
    coordinator = CoordinatorFactory()
    log_access(coordinator, WorkerFactory(), "certificate", action="download")
    client.force_login(coordinator)
    mark_session_mfa(client, coordinator)
    _log_in_with_session(page, client, live_server)

    page.goto(live_server.url + reverse("coordinator:access-log"))

    assert page.get_by_role("heading", name="Käyttöloki", level=1).is_visible()
    axe.assert_clean(page)


def _log_in_with_session(page, client, live_server) -> None:
    from django.conf import settings

    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
