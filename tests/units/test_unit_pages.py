"""The unit staff pages (/unit/): who gets in, what is scoped to the user's units, proposing workers
(one, several, a group), adding a date, acting on the worker's behalf, support needs only through
the logged selector, and query counts that do not grow with the number of workers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from orders.models import Assignment, AssignmentStatus, Gig, OrderStatus, OrderUnitNotice
from tests.factories import (
    AssignmentFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    TaskTypeFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
    WorkerGroupFactory,
)
from tests.factories.units import WorkActivityServiceFactory
from units.models import ServiceKind, StaffRole, SupportMode, UnitMembership
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db

SENTINEL = "SENTINEL-support-needs-7f3a"


# --- Helpers ---------------------------------------------------------------------------------------
@pytest.fixture
def unit():
    return UnitFactory(name="Vallila")


@pytest.fixture
def other_unit():
    return UnitFactory(name="Töölö")


@pytest.fixture
def staff(unit):
    return UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def informed_order(*units, **kwargs):
    order = OrderFactory(staffing=True, **kwargs)
    for unit in units:
        OrderUnitNotice.objects.create(order=order, unit=unit)
    return order


def coming_gig(order, **kwargs):
    kwargs.setdefault("date", timezone.localdate() + dt.timedelta(days=7))
    return GigFactory(order=order, **kwargs)


def worker_in(unit, first_name="Aino", last_name="Laine", **kwargs):
    return WorkerFactory(
        home_unit=unit,
        user__first_name=first_name,
        user__last_name=last_name,
        support_needs=SENTINEL,
        **kwargs,
    )


def propose_url(order, gig):
    return reverse("units:propose", args=[order.pk, gig.pk])


def worker_data(worker, *, support=SupportMode.STAFF_ALONG, person=None, skills=True, note="Haluaa kokeilla."):
    prefix = f"w{worker.pk}"
    data = {f"{prefix}-selected": "on", f"{prefix}-support": support, f"{prefix}-interest_note": note}
    if person is not None:
        data[f"{prefix}-support_person"] = str(person.pk)
    if skills:
        data[f"{prefix}-skills_checked"] = "on"
    return data


def text(response) -> str:
    return response.content.decode()


# --- Who gets in -----------------------------------------------------------------------------------
UNIT_URLS = [
    ("units:needs", []),
    ("units:gig-add", [1]),
    ("units:propose", [1, 1]),
    ("units:workers", []),
    ("units:worker", [1]),
    ("units:worker-support-needs", [1]),
    ("units:assignment-accept", [1, 1]),
    ("units:assignment-decline", [1, 1]),
    ("units:assignment-report", [1, 1]),
    ("units:assignment-withdraw", [1, 1]),
]


@pytest.mark.parametrize(("name", "args"), UNIT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_unit_pages__anonymous_goes_to_login(client, name, args, method):
    url = reverse(name, args=args)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: WorkerFactory().user,
        CoordinatorFactory,
        UserFactory,
    ],
    ids=["worker", "coordinator-only", "no-role"],
)
@pytest.mark.parametrize(("name", "args"), UNIT_URLS)
def test_unit_pages__user_who_is_not_unit_staff_gets_403_page(client, make_user, name, args):
    client.force_login(make_user())

    response = client.get(reverse(name, args=args))

    assert response.status_code == 403
    assert "Sivut ovat työtoimintayksiköiden henkilökunnalle" in text(response)


def test_unit_pages__ended_membership_no_longer_lets_in(client, staff):
    UnitMembership.objects.filter(user=staff).update(is_active=False)
    client.force_login(staff)

    assert client.get(reverse("units:needs")).status_code == 403


def test_unit_pages__responses_are_never_cached(staff_client):
    response = staff_client.get(reverse("units:needs"))

    assert "no-store" in response["Cache-Control"]


def test_unit_pages__staff_of_another_unit_gets_404_on_my_units_objects(client, unit, other_unit):
    order = informed_order(unit)
    gig = coming_gig(order)
    worker = worker_in(unit)
    assignment = AssignmentFactory(gig=gig, worker=worker, offered=True)
    client.force_login(UnitStaffFactory(unit=other_unit))
    urls = [
        reverse("units:gig-add", args=[order.pk]),
        propose_url(order, gig),
        reverse("units:worker", args=[worker.pk]),
        reverse("units:assignment-decline", args=[worker.pk, assignment.pk]),
        reverse("units:assignment-withdraw", args=[worker.pk, assignment.pk]),
    ]
    posts = [
        reverse("units:gig-add", args=[order.pk]),
        propose_url(order, gig),
        reverse("units:worker-support-needs", args=[worker.pk]),
        reverse("units:assignment-accept", args=[worker.pk, assignment.pk]),
        reverse("units:assignment-decline", args=[worker.pk, assignment.pk]),
        reverse("units:assignment-report", args=[worker.pk, assignment.pk]),
        reverse("units:assignment-withdraw", args=[worker.pk, assignment.pk]),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    assert [client.post(url, {"reason": "x", "hours": "2"}).status_code for url in posts] == [404] * len(posts)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED
    assert not AccessLogEntry.objects.exists()
    assert Gig.objects.filter(order=order).count() == 1


def test_unit_pages__other_units_workers_are_not_listed(staff_client, unit, other_unit):
    worker_in(unit, "Aino", "Laine")
    worker_in(other_unit, "Bertta", "Muu")

    html = text(staff_client.get(reverse("units:workers")))

    assert "Aino Laine" in html
    assert "Bertta Muu" not in html


def test_unit_pages__gig_of_another_order_is_404(staff_client, unit):
    order = informed_order(unit)
    other_gig = coming_gig(informed_order(unit))

    assert staff_client.get(propose_url(order, other_gig)).status_code == 404


def test_unit_pages__assignment_of_another_worker_is_404(staff_client, unit):
    worker = worker_in(unit)
    someone_else = AssignmentFactory(worker=worker_in(unit, "Eero", "Toinen"), offered=True)

    response = staff_client.post(reverse("units:assignment-accept", args=[worker.pk, someone_else.pk]))

    assert response.status_code == 404
    someone_else.refresh_from_db()
    assert someone_else.status == AssignmentStatus.OFFERED  # not accepted on the wrong worker's behalf


def test_unit_pages__home_panels_link_to_the_unit_pages(staff_client):
    html = text(staff_client.get("/"))

    assert f'href="{reverse("units:needs")}"' in html
    assert f'href="{reverse("units:workers")}"' in html


# --- Needs -----------------------------------------------------------------------------------------
def test_needs__lists_orders_announced_to_my_unit_with_what_where_when(staff_client, unit, other_unit):
    order = informed_order(
        unit,
        title="Ikkunanpesu",
        street_address="Hämeentie 5",
        tools_provided=True,
        contact__organisation__name="Kahvila Oy",
    )
    coming_gig(order, date=dt.date(2099, 3, 3), start_time=dt.time(10), planned_hours=Decimal("3"), workers_needed=2)
    informed_order(other_unit, title="Toisen yksikön tilaus")
    OrderFactory(terms_accepted=True, title="Ei vielä haussa")

    response = staff_client.get(reverse("units:needs"))

    html = text(response)
    assert response.status_code == 200
    assert "Ikkunanpesu" in html
    assert "Hämeentie 5" in html
    assert "Kahvila Oy" in html
    assert "Toimeksiantosopimus" in html
    assert "Tilaaja antaa työvälineet." in html
    assert "3 tuntia" in html
    assert "0/2" in html
    assert propose_url(order, order.gigs.get()) in html
    assert reverse("units:gig-add", args=[order.pk]) in html
    assert "Toisen yksikön tilaus" not in html
    assert "Ei vielä haussa" not in html


def test_needs__empty_state(staff_client):
    html = text(staff_client.get(reverse("units:needs")))

    assert "Mikään tilaus ei nyt hae työntekijöitä yksiköistäsi." in html


def test_needs__staff_of_two_units_sees_both_and_can_filter(client, unit, other_unit):
    staff = UnitStaffFactory(unit=unit)
    UnitMembership.objects.create(user=staff, unit=other_unit, role=StaffRole.JOB_COACH)
    informed_order(unit, title="Vallilan tilaus")
    informed_order(other_unit, title="Töölön tilaus")
    client.force_login(staff)

    both = text(client.get(reverse("units:needs")))
    one = text(client.get(reverse("units:needs"), {"unit": other_unit.pk}))

    assert "Vallilan tilaus" in both and "Töölön tilaus" in both
    assert "Töölön tilaus" in one and "Vallilan tilaus" not in one


def test_needs__query_count_does_not_grow_with_orders(staff_client, unit, django_assert_max_num_queries):
    for _ in range(8):
        order = informed_order(unit)
        coming_gig(order)
        coming_gig(order)

    with django_assert_max_num_queries(12):
        assert staff_client.get(reverse("units:needs")).status_code == 200


# --- Proposing workers -----------------------------------------------------------------------------
@pytest.fixture
def need(unit):
    order = informed_order(unit, task_type=TaskTypeFactory(code="cleaning"))
    return order, coming_gig(order)


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


def test_propose__support_defaults_to_the_units_service_and_lists_only_unit_staff(client, need, unit, other_unit):
    order, gig = need
    worker = worker_in(unit)
    staff = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")
    UnitStaffFactory(unit=other_unit, first_name="Vieras", last_name="Ohjaaja")
    client.force_login(staff)

    html = text(client.get(propose_url(order, gig)))

    assert f'name="w{worker.pk}-support" value="staff_along"' in html
    assert f'value="staff_along" class="hds-radio-button__input" id="id_w{worker.pk}-support_0" checked' in html
    assert f'<option value="{staff.pk}" selected>Maija Ohjaaja</option>' in html
    assert "Vieras Ohjaaja" not in html


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


# --- Adding a date ---------------------------------------------------------------------------------
def test_gig_add__creates_the_gig_through_the_service(staff_client, staff, unit):
    order = informed_order(unit)
    day = timezone.localdate() + dt.timedelta(days=10)

    response = staff_client.post(
        reverse("units:gig-add", args=[order.pk]),
        {
            "date": day.isoformat(),
            "start_time": "09:30",
            "planned_hours": "2.5",
            "workers_needed": "2",
            "notes": "Ovi B",
        },
    )

    assert response.status_code == 302
    gig = Gig.objects.get(order=order)
    assert (gig.date, gig.start_time, gig.planned_hours, gig.workers_needed, gig.notes) == (
        day,
        dt.time(9, 30),
        Decimal("2.50"),
        2,
        "Ovi B",
    )


def test_gig_add__date_in_the_past_is_refused_with_the_services_message(staff_client, unit):
    order = informed_order(unit)
    day = timezone.localdate() - dt.timedelta(days=1)

    response = staff_client.post(
        reverse("units:gig-add", args=[order.pk]),
        {"date": day.isoformat(), "start_time": "09:00", "planned_hours": "2", "workers_needed": "1"},
    )

    assert response.status_code == 200
    assert "Keikan päivä on jo mennyt." in text(response)
    assert not Gig.objects.exists()


def test_gig_add__order_not_announced_to_my_unit_is_404(staff_client, other_unit):
    order = informed_order(other_unit)

    assert staff_client.get(reverse("units:gig-add", args=[order.pk])).status_code == 404


def test_gig_add__page_shows_the_form(staff_client, unit):
    order = informed_order(unit, title="Muuttoapu")

    html = text(staff_client.get(reverse("units:gig-add", args=[order.pk])))

    assert "Muuttoapu" in html
    assert 'type="date"' in html and 'type="time"' in html


# --- My units' workers -----------------------------------------------------------------------------
def test_workers__list_counts_upcoming_and_past_gigs_and_next_date(staff_client, unit):
    worker = worker_in(unit)
    today = timezone.localdate()
    AssignmentFactory(worker=worker, gig=GigFactory(date=today + dt.timedelta(days=3)), accepted=True)
    AssignmentFactory(worker=worker, gig=GigFactory(date=today + dt.timedelta(days=9)), offered=True)
    AssignmentFactory(worker=worker, done=True)
    AssignmentFactory(worker=worker, gig=GigFactory(date=today + dt.timedelta(days=5)), status="declined")

    response = staff_client.get(reverse("units:workers"))

    row = next(w for w in response.context["workers"] if w.pk == worker.pk)
    assert (row.upcoming_count, row.past_count, row.next_date) == (2, 1, today + dt.timedelta(days=3))


def test_workers__search_by_name(staff_client, unit):
    worker_in(unit, "Aino", "Laine")
    worker_in(unit, "Eero", "Esimerkki")

    html = text(staff_client.post(reverse("units:workers"), {"q": "lain"}))

    assert "Aino Laine" in html and "Eero Esimerkki" not in html


def test_workers__a_name_in_the_url_is_not_used_for_searching(staff_client, unit):
    worker_in(unit, "Aino", "Laine")
    worker_in(unit, "Eero", "Esimerkki")

    html = text(staff_client.get(reverse("units:workers"), {"q": "lain"}))

    assert "Aino Laine" in html and "Eero Esimerkki" in html
    assert 'method="post" class="unit-filter"' in html


def test_workers__query_count_does_not_grow(staff_client, unit, django_assert_max_num_queries):
    for i in range(15):
        worker = worker_in(unit, f"Etu{i}", f"Suku{i}")
        AssignmentFactory(worker=worker, offered=True)

    with django_assert_max_num_queries(8):
        assert staff_client.get(reverse("units:workers")).status_code == 200


def test_worker__page_shows_gigs_with_status_hours_and_feedback(staff_client, unit):
    from orders.models import Feedback, FeedbackSource

    worker = worker_in(unit)
    AssignmentFactory(
        worker=worker,
        offered=True,
        gig=GigFactory(order__title="Tuleva siivous", date=dt.date(2099, 3, 3), start_time=dt.time(10)),
    )
    past = AssignmentFactory(
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal("3"),
        approved_hours=Decimal("2.5"),
        gig=GigFactory(order__title="Mennyt pakkaus", date=timezone.localdate() - dt.timedelta(days=20)),
    )
    Feedback.objects.create(assignment=past, rating=5, text="Hienosti tehty!", source=FeedbackSource.COORDINATOR)

    response = staff_client.get(reverse("units:worker", args=[worker.pk]))

    html = text(response)
    assert "Toimit työntekijän Aino L. puolesta" in html
    assert "Tuleva siivous" in html and "Tarjottu" in html
    assert "Mennyt pakkaus" in html and "2,5 tuntia, hyväksytty" in html
    assert "Hienosti tehty!" in html and "5 / 5" in html


# --- Support needs: only through the logged selector ------------------------------------------------
def test_worker__opening_the_page_does_not_show_or_log_support_needs(staff_client, unit):
    worker = worker_in(unit)

    html = text(staff_client.get(reverse("units:worker", args=[worker.pk])))

    assert SENTINEL not in html
    assert "Näytä tuen tarpeet" in html
    # The look at the worker's details is logged; the support needs are neither shown nor logged.
    assert not AccessLogEntry.objects.filter(data="support_needs").exists()
    assert AccessLogEntry.objects.filter(worker=worker, data="worker_profile").count() == 1


def test_worker__showing_support_needs_writes_an_access_log_entry(staff_client, staff, unit):
    worker = worker_in(unit)
    url = reverse("units:worker-support-needs", args=[worker.pk])

    response = staff_client.post(url, {"reason": "Keikan valmistelu"})

    assert response.status_code == 200
    assert SENTINEL in text(response)
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.worker, entry.data, entry.path, entry.reason) == (
        staff,
        worker,
        "support_needs",
        url,
        "Keikan valmistelu",
    )
    assert "no-store" in response["Cache-Control"]


def test_worker__support_needs_by_htmx_returns_only_the_section(staff_client, unit):
    worker = worker_in(unit)

    response = staff_client.post(
        reverse("units:worker-support-needs", args=[worker.pk]), {"reason": ""}, HTTP_HX_REQUEST="true"
    )

    html = text(response)
    assert SENTINEL in html
    assert "<html" not in html
    assert AccessLogEntry.objects.count() == 1


def test_worker__every_look_is_logged(staff_client, unit):
    worker = worker_in(unit)
    url = reverse("units:worker-support-needs", args=[worker.pk])

    staff_client.post(url)
    staff_client.post(url)

    assert AccessLogEntry.objects.filter(worker=worker).count() == 2


def test_worker__support_needs_cannot_be_read_by_get(staff_client, unit):
    worker = worker_in(unit)

    response = staff_client.get(reverse("units:worker-support-needs", args=[worker.pk]))

    assert response.status_code == 405
    assert not AccessLogEntry.objects.exists()


def test_worker__other_pages_never_show_support_needs(staff_client, unit, need):
    order, gig = need
    worker = worker_in(unit)
    AssignmentFactory(worker=worker, offered=True, gig=gig)

    for url in [reverse("units:needs"), reverse("units:workers"), propose_url(order, gig)]:
        assert SENTINEL not in text(staff_client.get(url))
    assert not AccessLogEntry.objects.exists()


# --- Acting on the worker's behalf -----------------------------------------------------------------
def test_behalf__accept_records_staff_for_the_worker(staff_client, staff, unit):
    worker = worker_in(unit)
    assignment = AssignmentFactory(worker=worker, offered=True)

    response = staff_client.post(reverse("units:assignment-accept", args=[worker.pk, assignment.pk]))

    assert response.status_code == 302 and response.url == reverse("units:worker", args=[worker.pk])
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED
    change = assignment.status_changes.get()
    assert (change.by, change.on_behalf, change.to_status) == (staff, True, AssignmentStatus.ACCEPTED)


def test_behalf__accept_is_post_only(staff_client, unit):
    worker = worker_in(unit)
    assignment = AssignmentFactory(worker=worker, offered=True)

    response = staff_client.get(reverse("units:assignment-accept", args=[worker.pk, assignment.pk]))

    assert response.status_code == 405
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_behalf__decline_asks_first_then_records(staff_client, staff, unit):
    worker = worker_in(unit)
    assignment = AssignmentFactory(worker=worker, offered=True)
    url = reverse("units:assignment-decline", args=[worker.pk, assignment.pk])

    page = staff_client.get(url)
    assignment.refresh_from_db()
    assert page.status_code == 200 and assignment.status == AssignmentStatus.OFFERED
    assert "Kieltäydytäänkö keikasta työntekijän Aino L. puolesta?" in text(page)

    response = staff_client.post(url, {"reason": "Sairaana"})

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED
    change = assignment.status_changes.get()
    assert (change.by, change.on_behalf, change.note) == (staff, True, "Sairaana")


def test_behalf__report_hours_for_a_gig_whose_day_has_come(staff_client, staff, unit):
    worker = worker_in(unit)
    assignment = AssignmentFactory(worker=worker, accepted=True, gig=GigFactory(date=timezone.localdate()))

    page = text(staff_client.get(reverse("units:worker", args=[worker.pk])))
    response = staff_client.post(reverse("units:assignment-report", args=[worker.pk, assignment.pk]), {"hours": "2,5"})

    assert "Ilmoita tunnit työntekijän Aino L. puolesta" in page
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.reported_hours) == (AssignmentStatus.DONE, Decimal("2.50"))
    change = assignment.status_changes.get()
    assert (change.by, change.on_behalf) == (staff, True)


def test_behalf__hours_before_the_day_are_refused_with_the_services_message(staff_client, unit):
    worker = worker_in(unit)
    assignment = AssignmentFactory(worker=worker, accepted=True)

    response = staff_client.post(
        reverse("units:assignment-report", args=[worker.pk, assignment.pk]), {"hours": "2"}, follow=True
    )

    assert "Voit ilmoittaa sen tehdyksi sinä päivänä tai myöhemmin." in text(response)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED


def test_behalf__withdraw_needs_a_reason_and_confirmation(staff_client, staff, unit):
    worker = worker_in(unit)
    assignment = AssignmentFactory(worker=worker, accepted=True)
    url = reverse("units:assignment-withdraw", args=[worker.pk, assignment.pk])

    assert "Poistetaanko Aino L. keikalta?" in text(staff_client.get(url))
    refused = staff_client.post(url, {"reason": "  "})
    assignment.refresh_from_db()
    assert refused.status_code == 200 and assignment.status == AssignmentStatus.ACCEPTED
    assert "Kirjoita, miksi työntekijä poistetaan keikalta." in text(refused)

    response = staff_client.post(url, {"reason": "Sairastui"})

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert assignment.status_changes.get().by == staff


def test_behalf__actions_offered_match_the_state(staff_client, unit):
    worker = worker_in(unit)
    offered = AssignmentFactory(worker=worker, offered=True)
    future_accepted = AssignmentFactory(worker=worker, accepted=True)

    html = text(staff_client.get(reverse("units:worker", args=[worker.pk])))

    assert reverse("units:assignment-accept", args=[worker.pk, offered.pk]) in html
    assert reverse("units:assignment-decline", args=[worker.pk, offered.pk]) in html
    assert reverse("units:assignment-report", args=[worker.pk, future_accepted.pk]) not in html
    assert reverse("units:assignment-withdraw", args=[worker.pk, future_accepted.pk]) in html


def test_worker__page_queries_do_not_grow_with_gigs(staff_client, unit, django_assert_max_num_queries):
    worker = worker_in(unit)
    for _ in range(10):
        AssignmentFactory(worker=worker, offered=True)
        AssignmentFactory(worker=worker, done=True)

    with django_assert_max_num_queries(9):  # 8 + the access-log row of the look (every look at a worker is logged)
        assert staff_client.get(reverse("units:worker", args=[worker.pk])).status_code == 200


def test_adult_social_work_unit_defaults_to_phone_support(client, need):
    order, gig = need
    unit = UnitFactory(service=WorkActivityServiceFactory(kind=ServiceKind.ADULT_SOCIAL_WORK))
    OrderUnitNotice.objects.create(order=order, unit=unit)
    worker = worker_in(unit)
    client.force_login(UnitStaffFactory(unit=unit))

    html = text(client.get(propose_url(order, gig)))

    assert f'value="phone" class="hds-radio-button__input" id="id_w{worker.pk}-support_1" checked' in html


def test_unit_pages__render_in_swedish_and_english(staff_client, unit):
    order = informed_order(unit, title="Flyttstädning")
    worker = worker_in(unit)
    AssignmentFactory(worker=worker, offered=True, gig=coming_gig(order))
    informed_order(unit, title="Utan datum")

    with translation.override("fi"):  # the middleware activates sv/en; leave the thread as it was
        needs_sv = text(staff_client.get("/sv/unit/"))
        worker_en = text(staff_client.get(f"/en/unit/workers/{worker.pk}/"))

    assert "Behov som meddelats mina enheter" in needs_sv and "Flyttstädning" in needs_sv
    assert "Inga datum har bestämts ännu." in needs_sv
    assert "You are acting for Aino L." in worker_en
