"""The path, follow-up and outcomes pages in Chromium at 1280 px: a Vallila instructor goes through an
ended gig from the start page with a note, opens Aino's path and adds a step; the coordinator opens
the outcomes report. axe-core finds no serious or critical problem on any page on the way."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders.models import AssignmentStatus, GigFollowUp, OrderStatus
from orders.tasks import create_gig_follow_ups_task
from tests.factories import CoordinatorFactory, GigFactory, UnitFactory, UnitStaffFactory
from tests.factories.states import assignment_in, order_in
from tests.support.browser import log_in
from tests.support.unit_pages import worker_in
from workers.models_paths import WorkerPathStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_go_through_a_gig_and_add_a_path_step(page, live_server, axe, client):
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")
    start = timezone.localtime() - dt.timedelta(hours=5)
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED, title="Ikkunanpesu"), date=start.date(),
                     start_time=start.time())  # fmt: skip
    aino = worker_in(unit)
    assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=aino, support_person=staff)
    create_gig_follow_ups_task()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, client, live_server, staff)

    page.goto(live_server.url + "/unit/")
    expect(page.get_by_role("heading", name="Käy keikka läpi: Aino")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_label("Lyhyt muistiinpano").fill("Meni hyvin.")
    page.get_by_role("button", name=re.compile("^Tehty")).click()
    expect(page.get_by_text("Tehty. Muistiinpano tallennettiin.")).to_be_visible()
    assert GigFollowUp.objects.get().note == "Meni hyvin."

    page.goto(live_server.url + f"/unit/workers/{aino.pk}/path/")
    axe.assert_clean(page)
    page.locator("#id_kind").select_option(label="Avoimet työmarkkinat")
    page.locator("#id_started_on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Lisää vaihe").click()
    expect(page.get_by_text("Vaihe lisättiin polkuun.")).to_be_visible()
    axe.assert_clean(page)
    assert WorkerPathStep.objects.get().kind.code == "open_labour_market"


def test_coordinator_outcomes_page(page, live_server, axe, client):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, client, live_server, CoordinatorFactory())
    page.goto(live_server.url + "/coordinator/outcomes/")
    expect(page.get_by_role("heading", name="Tulokset: mihin työntekijät siirtyivät", level=1)).to_be_visible()
    axe.assert_clean(page)
