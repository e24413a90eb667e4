import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from orders.models import AssignmentStatus, OrderUnitNotice
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2026, 3, 3)


def _page(client, url="/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Layout and language --------------------------------------------------------------------------
def test_home__anonymous_visitor_sees_finnish_explanation_and_login_link(client):
    html = _page(client)

    assert '<html lang="fi"' in html
    assert "Jobcenter: pieniä palkallisia keikkoja tuen kanssa" in html
    assert 'href="/accounts/login/"' in html
    assert "Kirjaudu sisään" in html


def test_home__renders_in_english_under_en(client):
    html = _page(client, "/en/")

    assert '<html lang="en"' in html
    assert "Jobcenter: small paid gigs with support" in html
    assert 'href="/en/accounts/login/"' in html


def test_home__renders_in_swedish_under_sv(client):
    html = _page(client, "/sv/")

    assert '<html lang="sv"' in html
    assert "Logga in" in html


def test_base__has_skip_link_landmarks_status_area_and_language_switcher(client):
    html = _page(client)

    assert '<a class="skip-link" href="#main">Siirry pääsisältöön</a>' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert 'role="status"' in html
    assert 'action="/i18n/setlang/" method="post"' in html
    for code in ("fi", "sv", "en"):
        assert f'name="language" value="{code}"' in html
    assert 'value="fi" lang="fi"\n                        class="button button--quiet" aria-current="true"' in html


def test_base__language_switcher_takes_the_visitor_to_the_same_page_in_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_base__logged_in_user_logs_out_with_a_post_form(client):
    client.force_login(UserFactory(first_name="Maija"))

    html = _page(client)

    assert '<form action="/accounts/logout/" method="post">' in html
    assert "Kirjaudu ulos" in html
    assert "Hei, Maija" in html


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/login/code/", "/en/accounts/login/"])
def test_login_pages__use_the_site_layout(client, url):
    html = _page(client, url)

    assert 'class="skip-link"' in html
    assert 'class="site-name"' in html
    assert "<form" in html


def test_home__user_without_a_role_is_told_whom_to_ask(client):
    client.force_login(UserFactory())

    assert "Pyydä koordinaattoria" in _page(client)


# --- What each role sees --------------------------------------------------------------------------
def test_home__coordinator_sees_counts_per_state_and_newest_orders(client):
    OrderFactory(title="Lattiamattojen asennus")
    OrderFactory(title="Muuttopakkaus", staffing=True)
    client.force_login(CoordinatorFactory())

    html = _page(client)

    assert "Tilaukset tiloittain" in html
    assert "Uusimmat tilaukset" in html
    assert "Lattiamattojen asennus" in html and "Muuttopakkaus" in html
    assert "Työntekijöiden haku" in html  # the staffing state's label


def test_home__coordinator_without_orders_sees_empty_state(client):
    client.force_login(CoordinatorFactory())

    assert "Tilauksia ei ole vielä." in _page(client)


def test_home__unit_staff_see_own_units_needs_and_workers_only(client):
    unit_x, unit_y = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    need_x = OrderFactory(title="Ikkunanpesu X", staffing=True)
    OrderUnitNotice.objects.create(order=need_x, unit=unit_x)
    GigFactory(order=need_x)
    need_y = OrderFactory(title="Ompelutyö Y", staffing=True)
    OrderUnitNotice.objects.create(order=need_y, unit=unit_y)
    AssignmentFactory(
        worker=WorkerFactory(home_unit=unit_x, user__first_name="Aino", user__last_name="Xläinen"),
        accepted=True,
    )
    AssignmentFactory(
        worker=WorkerFactory(home_unit=unit_y, user__first_name="Yrjö", user__last_name="Yläinen"),
        accepted=True,
    )
    client.force_login(UnitStaffFactory(unit=unit_x))

    html = _page(client)

    assert "Yksiköilleni ilmoitetut tarpeet" in html
    assert "Ikkunanpesu X" in html
    assert "Työntekijöitä löydetty: 0 / 2" in html
    assert "Aino Xläinen" in html
    assert "Ompelutyö Y" not in html
    assert "Yläinen" not in html


@freeze_time("2026-03-01 12:00")
def test_home__worker_sees_own_gigs_in_plain_finnish_and_not_another_workers(client):
    worker_a, worker_b = WorkerFactory(), WorkerFactory()
    offered = GigFactory(
        order__title="Toimiston siivous", date=TUESDAY, start_time=dt.time(10), planned_hours=Decimal("3")
    )
    AssignmentFactory(gig=offered, worker=worker_a, offered=True)
    AssignmentFactory(
        gig=GigFactory(order__title="Postitus", date=dt.date(2026, 3, 5), start_time=dt.time(9, 30)),
        worker=worker_a,
        accepted=True,
    )
    AssignmentFactory(
        gig=GigFactory(order__title="Arkistointi", date=dt.date(2026, 2, 20), planned_hours=Decimal("2")),
        worker=worker_a,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal("2"),
        approved_hours=Decimal("2"),
    )
    AssignmentFactory(gig=GigFactory(order__title="Worker B:n keikka", date=TUESDAY), worker=worker_b, offered=True)
    client.force_login(worker_a.user)

    html = _page(client)

    assert "Sinulle tarjotut keikat" in html
    assert "Tiistaina 3.3. klo 10–13" in html
    assert "Saat 30 euroa. Siitä vähennetään vero." in html
    assert "3 tuntia" in html
    assert "Ohjaaja tulee mukaan." in html
    assert "Torstaina 5.3. klo 9.30–12.30" in html
    assert "Perjantaina 20.2. klo 9–11" in html
    assert "Työ on hyväksytty." in html and "Saat 20 euroa." in html
    assert "Worker B:n keikka" not in html


@freeze_time("2026-03-01 12:00")
def test_home__worker_panel_in_english_uses_the_same_plain_facts(client):
    worker = WorkerFactory()
    gig = GigFactory(order__title="Office cleaning", date=TUESDAY, start_time=dt.time(10), planned_hours=Decimal("3"))
    AssignmentFactory(gig=gig, worker=worker, offered=True)
    client.force_login(worker.user)

    html = _page(client, "/en/")

    assert "Gigs offered to you" in html
    assert "On Tuesday 3 March at 10:00–13:00" in html
    assert "You get 30 euros. Tax is taken from it." in html


def test_home__worker_without_gigs_sees_helpful_empty_states(client):
    client.force_login(WorkerFactory().user)

    html = _page(client)

    assert "Sinulle ei ole nyt tarjolla keikkaa. Ohjaaja kertoo, kun keikka tulee." in html
    assert "Et ole vielä tehnyt keikkoja." in html


def test_home__client_contact_sees_own_organisations_orders_only(client):
    contact_p = ClientContactFactory(with_user=True)
    OrderFactory(contact=contact_p, title="P:n lumityöt", staffing=True)
    OrderFactory(title="Q:n salainen tilaus")
    client.force_login(contact_p.user)

    html = _page(client)

    assert "Organisaatiosi tilaukset" in html
    assert "P:n lumityöt" in html
    assert "Työntekijöiden haku" in html
    assert "Q:n salainen tilaus" not in html


# --- Queries do not grow with rows ----------------------------------------------------------------
def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client)
    return len(queries)


def _coordinator_rows(count: int, unit) -> None:
    for _ in range(count):
        assignment = AssignmentFactory(accepted=True, worker=WorkerFactory(home_unit=unit))
        OrderUnitNotice.objects.create(order=assignment.gig.order, unit=unit)


def _worker_rows(count: int, worker) -> None:
    for _ in range(count):
        AssignmentFactory(worker=worker, offered=True)
        AssignmentFactory(worker=worker, accepted=True)
        AssignmentFactory(worker=worker, done=True)


# Session, user, 2 permission queries, 3 role look-ups, then 2 (coordinator) or 3 (worker) panel queries.
HOME_QUERY_CEILING = 10


def test_home__coordinator_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    unit = UnitFactory()
    client.force_login(CoordinatorFactory())
    _coordinator_rows(2, unit)
    _page(client)  # warm up (session, content types)
    with_two = _home_queries(client)
    _coordinator_rows(18, unit)

    with_twenty = _home_queries(client)

    assert with_two == with_twenty
    with django_assert_max_num_queries(HOME_QUERY_CEILING):
        _page(client)


def test_home__worker_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    worker = WorkerFactory()
    client.force_login(worker.user)
    _worker_rows(2, worker)
    _page(client)
    with_two = _home_queries(client)
    _worker_rows(18, worker)

    with_twenty = _home_queries(client)

    assert with_two == with_twenty
    with django_assert_max_num_queries(HOME_QUERY_CEILING):
        _page(client)


def test_home__unit_staff_and_client_query_counts_do_not_grow_with_rows(client):
    unit = UnitFactory()
    contact = ClientContactFactory(with_user=True)
    staff = UnitStaffFactory(unit=unit)

    def rows(count):
        for _ in range(count):
            gig = GigFactory(order__contact=contact)
            OrderUnitNotice.objects.create(order=gig.order, unit=unit)
            AssignmentFactory(gig=gig, worker=WorkerFactory(home_unit=unit), accepted=True)

    for user in (staff, contact.user):
        client.force_login(user)
        rows(2)
        _page(client)
        with_two = _home_queries(client)
        rows(18)
        assert _home_queries(client) == with_two, user


def test_home__the_payer_sees_the_runs_waiting_for_them(client):
    from django.utils import timezone

    from billing.services.payment_runs import payment_run_approve, payment_run_create
    from tests.factories import CoordinatorFactory, PayerFactory, WorkerFactory
    from tests.factories.payments import approved_commission_work, payment_details

    payer = PayerFactory()
    client.force_login(payer)
    assert "Yksikään maksuajo ei odota" in client.get("/").content.decode()

    worker = WorkerFactory()
    payment_details(worker)
    today = timezone.localdate()
    approved_commission_work(worker, today - dt.timedelta(days=20), "2")
    approved = payment_run_create(
        payment_date=today, cutoff_date=today - dt.timedelta(days=10), by=CoordinatorFactory()
    )
    payment_run_approve(run_id=approved.pk, by=PayerFactory())
    approved_commission_work(worker, today - dt.timedelta(days=2), "2")
    draft = payment_run_create(payment_date=today, cutoff_date=today, by=CoordinatorFactory())

    page = client.get("/").content.decode()

    assert "Sinua odottavat maksuajot" in page and "maksuliikenne" in page
    assert f'href="/billing/payment-runs/{draft.pk}/"' in page and "Odottaa hyväksyntää" in page
    assert f'href="/billing/payment-runs/{approved.pk}/"' in page and "Odottaa pankin tilaraporttia" in page
