"""The benefit warnings where the decision is made, in Chromium: the instructor proposing workers
sees each candidate's headroom, the worker sees on their phone (360 px) what the offer does to
their money once identified, and the instructor records a consent. axe-core finds no serious or
critical problem on any of these pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone, translation
from playwright.sync_api import expect

from benefits.models import Consent
from jobcenter.templatetags.plain import plain_month
from orders.models import AssignmentStatus, ContractType, OrderUnitNotice
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.auth import mark_session_mfa
from tests.factories.benefits import ConsentFactory, ReceivedBenefitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, client, live_server, user, *, strong=False) -> None:
    client.force_login(user)
    if strong:
        mark_session_mfa(client, user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def scene():
    """Vallila: Mikko on labour market subsidy with 280 EUR of approved work this month, Eeva on
    disability pension, Olli without consent; a commission gig of 3 hours next week."""
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")
    today = timezone.localdate()
    order = OrderFactory(staffing=True, title="Kahvilan ikkunat", contract_type=ContractType.EMPLOYMENT)
    OrderUnitNotice.objects.create(order=order, unit=unit)
    gig = GigFactory(order=order, date=today + dt.timedelta(days=3), start_time=dt.time(10), planned_hours=Decimal("3"))
    mikko = WorkerFactory(home_unit=unit, user__first_name="Mikko", user__last_name="Rantanen")
    ReceivedBenefitFactory(worker=mikko, benefit="unemployment_benefit", payment_period="month")
    ConsentFactory(worker=mikko)
    eeva = WorkerFactory(home_unit=unit, user__first_name="Eeva", user__last_name="Hiltunen")
    ReceivedBenefitFactory(worker=eeva, benefit="social_assistance")
    ConsentFactory(worker=eeva)
    olli = WorkerFactory(home_unit=unit, user__first_name="Olli", user__last_name="Odottaja")
    return {"staff": staff, "order": order, "gig": gig, "mikko": mikko, "eeva": eeva, "olli": olli}


def test_instructor_sees_each_candidates_benefit_headroom_when_proposing(page, client, live_server, axe, scene):
    _log_in(page, client, live_server, scene["staff"])
    page.goto(f"{live_server.url}/unit/needs/{scene['order'].pk}/gigs/{scene['gig'].pk}/propose/")
    mikko = page.locator(f"#candidate-{scene['mikko'].pk}")
    expect(mikko).to_contain_text("Etuusvaroitus")
    expect(mikko).to_contain_text("Ei suojaosaa: ansiot pienentävät etuutta.")
    expect(page.locator(f"#candidate-{scene['olli'].pk}")).to_contain_text("ei suostumusta")
    axe.assert_clean(page)


def test_worker_sees_what_the_offer_does_to_their_money_on_a_phone(mobile_page, client, live_server, axe, scene):
    offer = AssignmentFactory(gig=scene["gig"], worker=scene["eeva"], status=AssignmentStatus.OFFERED)
    # Logged in with an emailed code only: the general note and a way to identify, no figures.
    _log_in(mobile_page, client, live_server, scene["eeva"].user)
    mobile_page.goto(f"{live_server.url}/me/gigs/{offer.pk}/")
    note = mobile_page.locator("#benefit-foresight")
    expect(note).to_contain_text("Tämä keikka voi vaikuttaa etuuksiisi")
    expect(note).not_to_contain_text("lasketaan tuloksi")
    axe.assert_clean(mobile_page)

    # Identified (a second factor): the figures, in plain words.
    _log_in(mobile_page, client, live_server, scene["eeva"].user, strong=True)
    mobile_page.goto(f"{live_server.url}/me/gigs/{offer.pk}/")
    expect(note).to_contain_text("Tämä keikka vaikuttaa etuuksiisi")
    # Social assistance without the earned-income deduction: no euro estimate, but whom to tell.
    expect(note).to_contain_text("Perustoimeentulotuki: kaikki ansaitsemasi raha lasketaan tuloksi.")
    expect(note).to_contain_text("Kerro työstä")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.assert_clean(mobile_page)


def test_instructor_records_a_consent_for_a_worker_without_one(page, client, live_server, axe, scene):
    olli = scene["olli"]
    _log_in(page, client, live_server, scene["staff"])
    page.goto(f"{live_server.url}/benefits/workers/{olli.pk}/")
    expect(page.get_by_role("heading", name="Ei suostumusta jakaa etuustietoja sinulle")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_text("Kirjaa allekirjoitettu suostumus").click()
    page.locator("label[for='id_actors_0']").click()  # the unit
    page.locator("label[for='id_data_0']").click()  # benefits
    page.get_by_role("button", name="Kirjaa suostumus").click()
    expect(page.get_by_text("Suostumus on kirjattu.")).to_be_visible()
    expect(page.get_by_role("heading", name="Saadut etuudet")).to_be_visible()
    assert Consent.objects.get(worker=olli).actors == ["unit"]
    axe.assert_clean(page)


def test_worker_reads_their_benefits_and_money_on_a_phone(mobile_page, client, live_server, axe, scene):
    AssignmentFactory(gig=scene["gig"], worker=scene["mikko"], status=AssignmentStatus.ACCEPTED)
    # With an emailed code only: asked to show that it is them, nothing private on the page.
    _log_in(mobile_page, client, live_server, scene["mikko"].user)
    mobile_page.goto(f"{live_server.url}/me/benefits/")
    expect(mobile_page.get_by_role("link", name="Näytä, että se olet sinä")).to_be_visible()
    expect(mobile_page.locator("main")).not_to_contain_text("Työttömyysetuus")
    axe.assert_clean(mobile_page)

    _log_in(mobile_page, client, live_server, scene["mikko"].user, strong=True)
    mobile_page.goto(f"{live_server.url}/me/benefits/")
    main = mobile_page.locator("main")
    expect(main).to_contain_text("Työttömyysetuus tai työmarkkinatuki")
    with translation.override("fi"):
        month = plain_month(timezone.localdate())
    expect(main).to_contain_text(
        f"Työttömyysetuus tai työmarkkinatuki, {month}: tuloiksesi lasketaan 30 euroa. Etuutesi pienenee noin 15 euroa."
    )
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.assert_clean(mobile_page)
