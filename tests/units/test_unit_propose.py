"""Proposing workers for a gig on the unit staff pages (/unit/): the candidates (my units' active
workers, skills and interests marked), the support chosen by default, one, several or a whole group
at once, what the services refuse and how it is shown next to the worker with the input kept, and a
candidate page whose query count does not grow with the number of workers."""

import pytest

from orders.models import Assignment, AssignmentStatus, OrderStatus, OrderUnitNotice
from tests.factories import AssignmentFactory, UnitFactory, UnitStaffFactory, WorkerGroupFactory
from tests.factories.units import WorkActivityServiceFactory
from tests.support.unit_pages import SENTINEL, coming_gig, informed_order, propose_url, text, worker_data, worker_in
from units.models import ServiceKind, SupportMode

pytestmark = pytest.mark.django_db


# --- Proposing workers -----------------------------------------------------------------------------
def test_propose__candidates_are_my_units_active_workers_with_matches_marked(staff_client, unit, other_unit, need):
    order, gig = need
    skilled = worker_in(unit, "Aino", "Laine")
    skilled.skills.add(order.task_type)
    interested = worker_in(unit, "Eero", "Kiinnostunut")
    interested.interests.add(order.task_type)
    on_gig = worker_in(unit, "Olli", "Mukana")
    AssignmentFactory(gig=gig, worker=on_gig)
    worker_in(unit, "Inaktiivi", "Poissa", is_active=False)
    worker_in(other_unit, "Bertta", "Muu")

    html = text(staff_client.get(propose_url(order, gig)))

    assert "Aino Laine" in html and "Eero Kiinnostunut" in html and "Olli Mukana" in html
    assert "Inaktiivi" not in html and "Bertta Muu" not in html
    assert html.index("Aino Laine") < html.index("Eero Kiinnostunut") < html.index("Olli Mukana")
    assert "Osaa tämän tehtävän" in html
    assert "Kiinnostunut tästä tehtävästä" in html
    assert "Tällä keikalla: Ehdotettu" in html
    assert f'name="w{on_gig.pk}-selected"' not in html
    assert SENTINEL not in html


def _details(client, order, gig, worker):
    """A candidate's support fields, as the candidate's checkbox loads them with htmx when ticked."""
    return client.get(propose_url(order, gig), {"details": worker.pk}, HTTP_HX_REQUEST="true")


def test_propose__support_fields_load_only_for_the_ticked_worker(staff_client, need, unit):
    order, gig = need
    worker = worker_in(unit)

    page = text(staff_client.get(propose_url(order, gig)))
    details = _details(staff_client, order, gig, worker)

    assert f'name="w{worker.pk}-selected"' in page
    assert f'data-hx-get="{propose_url(order, gig)}?details={worker.pk}"' in page
    assert f'name="w{worker.pk}-support"' not in page  # rendered once the worker is ticked
    assert details.status_code == 200
    html = text(details)
    assert f'name="w{worker.pk}-details" value="1"' in html
    assert f'name="w{worker.pk}-support"' in html and f'name="w{worker.pk}-interest_note"' in html
    assert "<html" not in html and SENTINEL not in html


def test_propose__support_fields_of_a_worker_outside_my_units_are_404(staff_client, need, other_unit):
    order, gig = need
    stranger = worker_in(other_unit, "Bertta", "Muu")

    assert _details(staff_client, order, gig, stranger).status_code == 404


def test_propose__without_javascript_the_fields_open_after_the_first_submit(staff_client, staff, need, unit):
    order, gig = need
    worker = worker_in(unit)
    url = propose_url(order, gig)

    first = staff_client.post(url, {"action": "workers", f"w{worker.pk}-selected": "on"})

    assert first.status_code == 200
    assert not Assignment.objects.exists()  # not proposed before the support was seen
    html = text(first)
    assert "Tarkista jokaisen valitsemasi työntekijän tuki" in html
    assert f'name="w{worker.pk}-selected" class="hds-checkbox__input" id="id_w{worker.pk}-selected" checked' in html
    assert f'value="staff_along" class="hds-radio-button__input" id="id_w{worker.pk}-support_0" checked' in html
    assert f'<option value="{staff.pk}" selected>' in html

    second = staff_client.post(url, {"action": "workers", **worker_data(worker, person=staff)})

    assert second.status_code == 302
    assert Assignment.objects.get(gig=gig, worker=worker).support_person == staff


def test_propose__support_defaults_to_the_units_service_and_lists_only_unit_staff(client, need, unit, other_unit):
    order, gig = need
    worker = worker_in(unit)
    staff = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")
    UnitStaffFactory(unit=other_unit, first_name="Vieras", last_name="Ohjaaja")
    client.force_login(staff)

    html = text(_details(client, order, gig, worker))

    assert f'name="w{worker.pk}-support" value="staff_along"' in html
    assert f'value="staff_along" class="hds-radio-button__input" id="id_w{worker.pk}-support_0" checked' in html
    assert f'<option value="{staff.pk}" selected>Maija Ohjaaja</option>' in html
    assert "Vieras Ohjaaja" not in html


def test_adult_social_work_unit_defaults_to_phone_support(client, need):
    order, gig = need
    unit = UnitFactory(service=WorkActivityServiceFactory(kind=ServiceKind.ADULT_SOCIAL_WORK))
    OrderUnitNotice.objects.create(order=order, unit=unit)
    worker = worker_in(unit)
    client.force_login(UnitStaffFactory(unit=unit))

    html = text(_details(client, order, gig, worker))

    assert f'value="phone" class="hds-radio-button__input" id="id_w{worker.pk}-support_1" checked' in html


def test_propose__one_worker_with_support(staff_client, staff, need, unit):
    order, gig = need
    worker = worker_in(unit)

    response = staff_client.post(
        propose_url(order, gig), {"action": "workers", **worker_data(worker, person=staff, note="Tykkää siivota.")}
    )

    assert response.status_code == 302
    assignment = Assignment.objects.get(gig=gig, worker=worker)
    assert assignment.status == AssignmentStatus.PROPOSED
    assert assignment.support == SupportMode.STAFF_ALONG
    assert assignment.support_person == staff
    assert assignment.skills_checked is True
    assert assignment.interest_note == "Tykkää siivota."
    assert assignment.proposed_by == staff
    change = assignment.status_changes.get()
    assert change.by == staff and change.on_behalf is False
    followed = text(staff_client.get(response.url))
    assert "Ehdotettu keikalle: Aino Laine." in followed


def test_propose__two_workers_at_once(staff_client, staff, need, unit):
    order, gig = need
    first = worker_in(unit, "Aino", "Laine")
    second = worker_in(unit, "Eero", "Esimerkki")
    third = worker_in(unit, "Olli", "Ohitettu")

    response = staff_client.post(
        propose_url(order, gig),
        {
            "action": "workers",
            **worker_data(first, person=staff),
            **worker_data(second, support=SupportMode.PHONE, skills=False),
            f"w{third.pk}-support": SupportMode.STAFF_ALONG,  # not ticked
        },
    )

    assert response.status_code == 302
    rows = {a.worker_id: a for a in Assignment.objects.filter(gig=gig)}
    assert set(rows) == {first.pk, second.pk}
    assert rows[second.pk].support == SupportMode.PHONE and rows[second.pk].skills_checked is False


def test_propose__one_refused_the_other_saved_and_input_kept(staff_client, staff, need, unit):
    order, gig = need
    good = worker_in(unit, "Aino", "Laine")
    refused = worker_in(unit, "Eero", "Peruttu")
    AssignmentFactory(gig=gig, worker=refused, status=AssignmentStatus.WITHDRAWN)
    waiting = worker_in(unit, "Olli", "Odottaa")

    response = staff_client.post(
        propose_url(order, gig),
        {
            "action": "workers",
            **worker_data(good, person=staff),
            **worker_data(refused, note="Eeron oma toive"),
            **worker_data(waiting, person=UnitStaffFactory(unit=UnitFactory()), note="Ollin kiinnostus"),
        },
    )

    html = text(response)
    assert response.status_code == 200
    assert Assignment.objects.filter(gig=gig, worker=good, status=AssignmentStatus.PROPOSED).exists()
    assert not Assignment.objects.filter(gig=gig, worker=waiting).exists()
    assert "Ehdotettu keikalle: Aino Laine." in html
    assert "Eero Peruttu oli jo tällä keikalla" in html  # the service's own message, next to him
    assert "Valitse yksikön Vallila ohjaaja." in html  # the other unit's staff member is refused
    assert "Ollin kiinnostus" in html  # what was typed is kept
    assert "Jotakin työntekijää ei voitu ehdottaa" in html
    assert f'name="w{good.pk}-selected"' not in html  # now shown as being on the gig


def test_propose__support_person_from_another_unit_is_refused(staff_client, need, unit, other_unit):
    order, gig = need
    worker = worker_in(unit)
    stranger = UnitStaffFactory(unit=other_unit)

    response = staff_client.post(propose_url(order, gig), {"action": "workers", **worker_data(worker, person=stranger)})

    assert response.status_code == 200
    assert "Valitse yksikön Vallila ohjaaja." in text(response)
    assert not Assignment.objects.filter(gig=gig).exists()


def test_propose__nothing_chosen_says_so(staff_client, need, unit):
    order, gig = need
    worker_in(unit)

    response = staff_client.post(propose_url(order, gig), {"action": "workers"})

    assert response.status_code == 200
    assert "Valitse ainakin yksi ehdotettava työntekijä." in text(response)


def test_propose__worker_of_another_unit_cannot_be_slipped_in(staff_client, need, unit, other_unit):
    order, gig = need
    stranger = worker_in(other_unit, "Bertta", "Muu")

    response = staff_client.post(propose_url(order, gig), {"action": "workers", **worker_data(stranger)})

    assert response.status_code == 200
    assert not Assignment.objects.filter(gig=gig).exists()


def test_propose__order_not_being_staffed_shows_why_and_service_refuses(staff_client, staff, unit):
    order = informed_order(unit)
    gig = coming_gig(order)
    worker = worker_in(unit)
    order.status = OrderStatus.SCHEDULED
    order.save(update_fields=["status"])

    page = text(staff_client.get(propose_url(order, gig)))
    response = staff_client.post(propose_url(order, gig), {"action": "workers", **worker_data(worker)})

    assert "Työntekijöitä voi ehdottaa, kun tilaukselle haetaan työntekijöitä." in page
    assert "Ehdota valitut työntekijät" not in page
    assert "Nyt tilauksen tila on ”Aikataulutettu”." in text(response)
    assert not Assignment.objects.exists()


def test_propose__group(staff_client, staff, need, unit):
    order, gig = need
    group = WorkerGroupFactory(unit=unit, name="Siivousryhmä")
    members = [worker_in(unit, "Aino", "Laine"), worker_in(unit, "Eero", "Esimerkki")]
    group.members.add(*members, worker_in(unit, "Inaktiivi", "Jäsen", is_active=False))
    prefix = f"g{group.pk}"

    response = staff_client.post(
        propose_url(order, gig),
        {
            "action": "group",
            "group": group.pk,
            f"{prefix}-support": SupportMode.STAFF_ALONG,
            f"{prefix}-support_person": staff.pk,
            f"{prefix}-skills_checked": "on",
            f"{prefix}-interest_note": "Ryhmä haluaa tehdä yhdessä.",
        },
    )

    assert response.status_code == 302
    proposed = Assignment.objects.filter(gig=gig)
    assert {a.worker_id for a in proposed} == {m.pk for m in members}
    assert {a.support_person_id for a in proposed} == {staff.pk}
    assert "Ryhmä Siivousryhmä ehdotettu keikalle" in text(staff_client.get(response.url))


def test_propose__group_of_another_unit_is_404(staff_client, need, other_unit):
    order, gig = need
    group = WorkerGroupFactory(unit=other_unit)
    group.members.add(worker_in(other_unit))

    response = staff_client.post(
        propose_url(order, gig), {"action": "group", "group": group.pk, f"g{group.pk}-support": "phone"}
    )

    assert response.status_code == 404
    assert not Assignment.objects.exists()


def test_propose__group_refusal_shows_on_the_group(staff_client, need, unit):
    order, gig = need
    group = WorkerGroupFactory(unit=unit, name="Tyhjä ryhmä")

    response = staff_client.post(
        propose_url(order, gig), {"action": "group", "group": group.pk, f"g{group.pk}-support": "phone"}
    )

    assert response.status_code == 200
    assert "Ryhmässä ei ole aktiivisia jäseniä." in text(response)


@pytest.mark.parametrize("count", [5, 40])
def test_propose__candidate_page_queries_do_not_grow_with_workers(
    staff_client, need, unit, count, django_assert_max_num_queries
):
    order, gig = need
    workers = [worker_in(unit, f"Etu{i}", f"Suku{i}") for i in range(count)]
    for worker in workers[::3]:
        worker.skills.add(order.task_type)
        worker.interests.add(order.task_type)
    for worker in workers[:2]:
        AssignmentFactory(gig=gig, worker=worker)
    group = WorkerGroupFactory(unit=unit)
    group.members.add(*workers[:4])
    UnitStaffFactory(unit=unit)

    # 15 for the page, +1 for the candidates' consents (no consent here, so no benefit figures are
    # loaded), +1 for the number of candidates (they come 25 to a page).
    with django_assert_max_num_queries(17):
        response = staff_client.get(propose_url(order, gig))

    assert response.status_code == 200
    assert text(response).count('class="candidate"') == min(count, 25)  # 25 to a page
