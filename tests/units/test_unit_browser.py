"""The unit staff pages in Chromium, as a staff member at a shared desktop computer: open the needs,
propose two workers with support, open a worker, reveal the support needs and report hours on the
worker's behalf. axe-core finds no serious or critical problem on any page on the way."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders.models import Assignment, AssignmentStatus, OrderUnitNotice
from tests.factories import (
    AssignmentFactory,
    GigFactory,
    OrderFactory,
    TaskTypeFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
    WorkerGroupFactory,
)
from tests.support.browser import log_in as _log_in
from units.models import SupportMode
from workers.models import AccessLogEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_TAP_TARGETS = """() => [...document.querySelectorAll('main button, main a.hds-button, main .link-target')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.textContent.trim(), el.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([text, box]) => `${text}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""


def _check(page, axe) -> None:
    axe.assert_clean(page)
    assert page.evaluate(SMALL_TAP_TARGETS) == []


@pytest.fixture
def scene():
    """A Vallila instructor, an order announced to Vallila with one coming date, three workers (one
    of them with an accepted gig today) and a worker group."""
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")
    UnitStaffFactory(unit=unit, first_name="Pekka", last_name="Valmentaja")
    task = TaskTypeFactory(code="window-washing", name_fi="Ikkunanpesu", name_sv="Fönstertvätt", name_en="Windows")
    order = OrderFactory(staffing=True, task_type=task, title="Kahvilan ikkunat", street_address="Hämeentie 5")
    OrderUnitNotice.objects.create(order=order, unit=unit)
    gig = GigFactory(
        order=order,
        date=timezone.localdate() + dt.timedelta(days=7),
        start_time=dt.time(10),
        planned_hours=Decimal("3"),
    )
    aino = WorkerFactory(
        home_unit=unit, user__first_name="Aino", user__last_name="Laine", support_needs="Tarvitsee kuvalliset ohjeet."
    )
    aino.skills.add(task)
    eero = WorkerFactory(home_unit=unit, user__first_name="Eero", user__last_name="Esimerkki")
    eero.interests.add(task)
    olli = WorkerFactory(home_unit=unit, user__first_name="Olli", user__last_name="Odottaja")
    today_gig = AssignmentFactory(
        worker=aino,
        accepted=True,
        gig=GigFactory(order__title="Toimiston siivous", date=timezone.localdate(), planned_hours=Decimal("2")),
    )
    group = WorkerGroupFactory(unit=unit, name="Siivousryhmä")
    group.members.add(eero, olli)
    return {
        "unit": unit,
        "staff": staff,
        "order": order,
        "gig": gig,
        "aino": aino,
        "eero": eero,
        "today": today_gig,
    }


def test_unit_browser__staff_proposes_two_workers_and_reports_hours_for_one(page, live_server, axe, client, scene):
    aino, eero, staff = scene["aino"], scene["eero"], scene["staff"]
    _log_in(page, client, live_server, staff)

    # 1. The needs announced to my unit.
    page.goto(live_server.url + "/unit/")
    expect(page.get_by_role("heading", name="Yksiköilleni ilmoitetut tarpeet", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Kahvilan ikkunat"))).to_be_visible()
    _check(page, axe)

    # 2. Propose Aino (the unit's default support, Maija comes along) and Eero (phone support).
    page.get_by_role("link", name=re.compile("^Ehdota työntekijöitä")).click()
    expect(page.get_by_role("heading", name="Ehdota työntekijöitä", level=1)).to_be_visible()
    _check(page, axe)
    aino_box = page.locator(f"#candidate-{aino.pk}")
    eero_box = page.locator(f"#candidate-{eero.pk}")
    expect(aino_box.get_by_text("Osaa tämän tehtävän")).to_be_visible()
    expect(eero_box.get_by_text("Kiinnostunut tästä tehtävästä")).to_be_visible()
    expect(aino_box.get_by_label("Tukena oleva ohjaaja")).to_be_hidden()  # opens when ticked
    aino_box.get_by_label("Ehdota: Aino Laine").check()
    expect(aino_box.get_by_label("Tukena oleva ohjaaja")).to_have_value(str(staff.pk))
    aino_box.get_by_label("Taidot tarkistettu").check()
    aino_box.get_by_label("Työntekijän kiinnostus").fill("Haluaa pestä ikkunoita.")
    eero_box.get_by_label("Ehdota: Eero Esimerkki").check()
    eero_box.locator("label", has_text="Puhelintuki yksiköstä").click()  # HDS draws the radio on the label
    expect(eero_box.get_by_label("Puhelintuki yksiköstä")).to_be_checked()
    eero_box.get_by_label("Tukena oleva ohjaaja").select_option(label="Pekka Valmentaja")
    _check(page, axe)
    page.get_by_role("button", name="Ehdota valitut työntekijät").click()

    expect(page.get_by_text("Ehdotettu keikalle: Aino Laine, Eero Esimerkki.")).to_be_visible()
    expect(aino_box.get_by_text("Tällä keikalla: Ehdotettu")).to_be_visible()
    _check(page, axe)
    proposed = {a.worker_id: a for a in Assignment.objects.filter(gig=scene["gig"])}
    assert proposed[aino.pk].support == SupportMode.STAFF_ALONG
    assert proposed[aino.pk].support_person_id == staff.pk
    assert proposed[aino.pk].skills_checked is True
    assert proposed[aino.pk].interest_note == "Haluaa pestä ikkunoita."
    assert proposed[eero.pk].support == SupportMode.PHONE
    assert proposed[eero.pk].support_person.first_name == "Pekka"

    # 3. My unit's workers, then Aino's page.
    page.get_by_role("link", name="Yksikköjeni työntekijät").click()
    expect(page.get_by_role("heading", name="Yksikköjeni työntekijät", level=1)).to_be_visible()
    _check(page, axe)
    page.get_by_role("link", name="Aino Laine").click()
    expect(page.get_by_role("heading", name="Toimit työntekijän Aino L. puolesta")).to_be_visible()
    _check(page, axe)

    # 4. The support needs appear only when asked for, and the look is logged.
    expect(page.get_by_text("Tarvitsee kuvalliset ohjeet.")).to_have_count(0)
    assert not AccessLogEntry.objects.filter(data="support_needs").exists()
    page.get_by_label("Miksi tarvitset tuen tarpeet nyt? (vapaaehtoinen)").fill("Keikan valmistelu")
    page.get_by_role("button", name="Näytä tuen tarpeet").click()
    expect(page.get_by_text("Tarvitsee kuvalliset ohjeet.")).to_be_visible()
    _check(page, axe)
    entry = AccessLogEntry.objects.get(data="support_needs")
    assert (entry.user_id, entry.worker_id, entry.reason) == (staff.pk, aino.pk, "Keikan valmistelu")

    # 5. Report the hours of today's gig for Aino.
    row = page.locator(f"#gig-{scene['today'].pk}")
    row.get_by_label("Tehdyt tunnit").fill("2,5")
    row.get_by_role("button", name=re.compile("^Ilmoita tunnit työntekijän Aino L. puolesta")).click()

    expect(page.get_by_text("Ilmoitit tunnit työntekijän Aino L. puolesta.")).to_be_visible()
    _check(page, axe)
    done = Assignment.objects.get(pk=scene["today"].pk)
    assert (done.status, done.reported_hours) == (AssignmentStatus.DONE, Decimal("2.50"))
    change = done.status_changes.get()
    assert (change.by_id, change.on_behalf) == (staff.pk, True)


def test_unit_browser__other_pages_are_accessible(page, live_server, axe, client, scene):
    aino, staff = scene["aino"], scene["staff"]
    offered = AssignmentFactory(worker=aino, offered=True)
    _log_in(page, client, live_server, staff)
    base = live_server.url + "/unit"

    # Adding an agreed date, with an error from the service (a date in the past).
    page.goto(f"{base}/needs/{scene['order'].pk}/gigs/add/")
    _check(page, axe)
    page.get_by_label("Päivä").fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Alkamisaika").fill("09:00")
    page.get_by_label("Tunnit").fill("2")
    page.get_by_role("button", name="Lisää päivä").click()
    expect(page.get_by_text("Keikan päivä on jo mennyt.")).to_be_visible()
    _check(page, axe)

    # The propose page with a form error next to a worker, and the group form.
    page.goto(f"{base}/needs/{scene['order'].pk}/gigs/{scene['gig'].pk}/propose/")
    box = page.locator(f"#candidate-{aino.pk}")
    box.get_by_label("Ehdota: Aino Laine").check()
    box.locator("label", has_text="Tukea ei tarvita").click()
    page.get_by_role("button", name="Ehdota valitut työntekijät").click()
    expect(page.get_by_text("Ehdotettu keikalle: Aino Laine.")).to_be_visible()
    page.get_by_role("button", name="Ehdota ryhmää Siivousryhmä").click()
    expect(page.get_by_text(re.compile("Ryhmä Siivousryhmä ehdotettu keikalle"))).to_be_visible()
    _check(page, axe)

    # Declining and withdrawing ask first.
    page.goto(f"{base}/workers/{aino.pk}/")
    page.get_by_role("link", name=re.compile("^Kieltäydy työntekijän Aino L. puolesta")).first.click()
    expect(page.get_by_role("heading", name="Kieltäydytäänkö keikasta työntekijän Aino L. puolesta?")).to_be_visible()
    _check(page, axe)
    page.get_by_role("button", name="Kyllä, kieltäydy työntekijän Aino L. puolesta").click()
    expect(page.get_by_text("Kieltäydyit keikasta työntekijän Aino L. puolesta.")).to_be_visible()
    offered.refresh_from_db()
    assert offered.status == AssignmentStatus.DECLINED

    page.get_by_role("link", name=re.compile("^Poista keikalta")).first.click()
    expect(page.get_by_role("heading", name="Poistetaanko Aino L. keikalta?")).to_be_visible()
    page.get_by_role("button", name="Kyllä, poista keikalta").click()
    expect(page.get_by_text("Kirjoita, miksi työntekijä poistetaan keikalta.")).to_be_visible()
    _check(page, axe)

    # Search on the workers page, and a page for someone who is not unit staff.
    page.goto(f"{base}/workers/")
    page.get_by_label("Hae nimellä").fill("eero")
    page.get_by_role("button", name="Hae").click()
    expect(page.get_by_role("link", name="Eero Esimerkki")).to_be_visible()
    expect(page.get_by_role("link", name="Aino Laine")).to_have_count(0)
    assert "eero" not in page.url
    _check(page, axe)
    page.context.clear_cookies()
    _log_in(page, client, live_server, UserFactory())
    response = page.goto(f"{base}/")
    assert response.status == 403
    _check(page, axe)
