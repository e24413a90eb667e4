"""Issue 12 in Chromium, as the people meet it: the coordinator's "Check the client" panel on a
1280 px laptop (axe-core clean, no sideways scrolling, the decision made there), and the error
pages on a 360 px phone in the person's language."""

import os
import uuid

import pytest

from orders import services
from orders.models import ClientOrganisation
from tests.factories import ClientContactFactory, ClientOrganisationFactory, CoordinatorFactory, OrderFactory
from tests.support.browser import OVERFLOW, check_phone_screen
from tests.support.browser import log_in as _log_in
from tests.support.order_services import make_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUHDAS_ID = "1572860-0"
SHOTS = os.environ.get("JOBCENTER_TEST_SCREENSHOTS", "")  # a folder: keep screenshots for a look


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def kulma_order():
    puhdas = ClientOrganisationFactory(
        name="Puhdas Pinta Oy", business_id=PUHDAS_ID, billing_email="laskut@puhdaspinta.example"
    )
    tiina = ClientContactFactory(organisation=puhdas, name="Tiina Lehtonen", email="tiina@puhdaspinta.example")
    OrderFactory(client=puhdas, contact=tiina, title="Puhdas Pinnan oma tilaus")
    request = make_request(
        organisation_name="Kahvila Kulma Oy",
        business_id=PUHDAS_ID,
        contact_email="liisa@kahvilakulma.example",
        title="Kulman ikkunat",
        billing_name="Kahvila Kulma Oy",
        billing_email="laskut@kahvilakulma.example",
    )
    order, _created = services.order_submit(request=request, submission_key=uuid.uuid4())
    return order


def test_client_check_browser__the_coordinator_sees_the_difference_and_decides(
    page, live_server, axe, client, kulma_order
):
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, client, live_server, CoordinatorFactory())

    page.goto(f"{live_server.url}/coordinator/orders/{kulma_order.pk}/")
    panel = page.locator("#client-check")
    assert panel.get_by_role("heading", name="Tarkista asiakas").is_visible()
    assert "Kahvila Kulma Oy" in panel.inner_text() and "Puhdas Pinta Oy" in panel.inner_text()
    assert panel.get_by_text("Eri", exact=True).first.is_visible()  # the difference in words, not colour only
    assert page.evaluate(OVERFLOW), "the order page scrolls sideways at 1280 px"
    axe.assert_clean(page)
    _shot(page, "client-check")

    # A new client: the business ID is corrected, and the order stays Kahvila Kulma's.
    page.get_by_label("Y-tunnus").fill("7654321-2")
    page.get_by_role("button", name="Uusi asiakas").click()
    page.wait_for_load_state()
    assert page.locator("#client-check").count() == 0
    kulma = ClientOrganisation.objects.get(pk=kulma_order.client_id)
    assert (kulma.name, kulma.business_id, kulma.match_candidate_id) == ("Kahvila Kulma Oy", "7654321-2", None)
    axe.assert_clean(page)


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [("", "Sivua ei löytynyt"), ("/sv", "Sidan hittades inte"), ("/en", "Page not found")],
)
def test_error_page_browser__a_missing_page_on_a_phone(mobile_page, live_server, axe, prefix, heading):
    response = mobile_page.goto(f"{live_server.url}{prefix}/ei-ole-olemassa/")
    assert response.status == 404
    assert mobile_page.get_by_role("heading", level=1).inner_text().strip() == heading
    check_phone_screen(mobile_page, axe)
    _shot(mobile_page, f"404{prefix.replace('/', '-')}")


def test_client_check_browser__same_client_with_the_billing_details_replaced(
    page, live_server, axe, client, kulma_order
):
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, client, live_server, CoordinatorFactory())
    page.goto(f"{live_server.url}/coordinator/orders/{kulma_order.pk}/")

    checkbox = page.get_by_label("Korvaa myös asiakkaan tallennetut laskutustiedot tässä tilauksessa annetuilla")
    # One box to tick: the HDS checkbox draws it in place of the browser's own (which showed beside it).
    style = page.locator("#client-check input[type=checkbox]").evaluate(
        "el => [getComputedStyle(el).appearance, getComputedStyle(el).position]"
    )
    assert style == ["none", "absolute"]
    checkbox.check()
    page.get_by_role("button", name="Sama asiakas: Puhdas Pinta Oy").click()
    page.wait_for_load_state()
    assert page.locator("#client-check").count() == 0
    puhdas = ClientOrganisation.objects.get(business_id=PUHDAS_ID)
    assert puhdas.billing_email == "laskut@kahvilakulma.example"
    assert not ClientOrganisation.objects.filter(name="Kahvila Kulma Oy").exists()
    axe.assert_clean(page)
