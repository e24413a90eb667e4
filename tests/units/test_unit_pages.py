"""The unit staff pages (/unit/): who gets in, what is scoped to the user's units, the needs announced
to my units, adding a date to an order, and the pages in Swedish and English.

Proposing workers is in test_unit_propose.py; the workers' pages, their support needs and acting on
a worker's behalf in test_unit_workers.py. The shared fixtures are in this directory's conftest.py,
the builders in tests/support/unit_pages.py."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from orders.models import AssignmentStatus, Gig
from tests.factories import (
    AssignmentFactory,
    CoordinatorFactory,
    OrderFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.support.unit_pages import coming_gig, informed_order, propose_url, text, worker_in
from units.models import StaffRole, UnitMembership
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db


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


# --- Languages -------------------------------------------------------------------------------------
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
