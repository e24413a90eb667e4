"""My units' workers on the unit staff pages (/unit/workers/): the list and its search, a worker's page
with gigs, hours and feedback, the support needs shown only through the logged selector (every look
is an access-log row, LOG-1), acting on the worker's behalf (accept, decline, report hours,
withdraw), and query counts that do not grow with the workers or their gigs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, GigFactory
from tests.support.unit_pages import SENTINEL, propose_url, text, worker_in
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db


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


def test_worker__page_queries_do_not_grow_with_gigs(staff_client, unit, django_assert_max_num_queries):
    worker = worker_in(unit)
    for _ in range(10):
        AssignmentFactory(worker=worker, offered=True)
        AssignmentFactory(worker=worker, done=True)

    # 8 + the access-log row of the look (every look at a worker is logged), + the worker's passkeys and
    # the permission check of who may remove them (the unit removes a lost phone's passkeys here).
    with django_assert_max_num_queries(11):
        assert staff_client.get(reverse("units:worker", args=[worker.pk])).status_code == 200


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
