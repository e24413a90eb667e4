"""The calendar feed (`/calendar/<token>.ics`): what it holds, for whom, and that its address can be
replaced and turned off. The feed is read back with the icalendar library, as a calendar app would."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from jobcenter.calendar_feeds.models import CalendarFeed
from jobcenter.calendar_feeds.services import calendar_feed_create, calendar_feed_revoke
from jobcenter.errors import ActionNotPermitted
from orders.models import AssignmentStatus
from tests.factories import GigFactory
from tests.factories.accounts import UserFactory
from tests.factories.orders import AssignmentFactory
from tests.factories.states import assignment_in
from tests.factories.units import UnitFactory, UnitStaffFactory
from tests.factories.workers import WorkerFactory
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


def _feed(client, token: str):
    response = client.get(reverse("calendar-feed", kwargs={"token": token}))
    assert response.status_code == 200, response.status_code
    return response, Calendar.from_ical(response.content)


def _events(calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _uid(assignment) -> str:
    return f"assignment-{assignment.pk}@testserver"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://testserver"


@pytest.fixture
def worker():
    return WorkerFactory(user__first_name="Aino", support_needs="Tarvitsee selkeät ohjeet.")


def test_the_feed_holds_the_workers_taken_gigs_in_helsinki_time(client, worker):
    taken = assignment_in(AssignmentStatus.ACCEPTED, worker=worker, gig=GigFactory(notes="Ovikoodi 1234."))
    done = assignment_in(AssignmentStatus.DONE, worker=worker, gig=GigFactory(date=timezone.localdate()))
    offered = assignment_in(AssignmentStatus.OFFERED, worker=worker)
    withdrawn = assignment_in(AssignmentStatus.WITHDRAWN, worker=worker)
    feed = calendar_feed_create(user=worker.user)

    response, calendar = _feed(client, feed.token)

    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    events = _events(calendar)
    assert set(events) == {_uid(taken), _uid(done)}
    assert _uid(offered) not in events and _uid(withdrawn) not in events
    event = events[_uid(taken)]
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert (start.date(), start.hour, start.minute) == (taken.gig.date, 9, 0)
    assert event.decoded("DTEND") - start == dt.timedelta(hours=3)
    assert str(event["SUMMARY"]) == taken.gig.order.title
    assert str(event["LOCATION"]) == "Mannerheimintie 1, 00100 Helsinki"
    description = str(event["DESCRIPTION"])
    assert "Ovikoodi 1234." in description
    assert taken.unit.phone in description
    assert str(event["URL"]).endswith(reverse("workers:gig", kwargs={"assignment_pk": taken.pk}))
    # The time zone travels with the feed, summer time included.
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]


def test_nothing_sensitive_is_in_the_feed(client, worker):
    assignment_in(AssignmentStatus.ACCEPTED, worker=worker)
    feed = calendar_feed_create(user=worker.user)
    body = _feed(client, feed.token)[0].content.decode()
    assert "Tarvitsee selkeät ohjeet." not in body
    assert "Tykkään siivota." not in body
    assert "STAFF_ALONG".lower() not in body.lower()


def test_cancelled_old_and_other_workers_gigs_are_not_in_the_feed(client, worker):
    cancelled_gig = GigFactory(cancelled_at=timezone.now(), cancellation_reason="Asiakas perui.")
    cancelled = assignment_in(AssignmentStatus.ACCEPTED, worker=worker, gig=cancelled_gig)
    long_ago = assignment_in(
        AssignmentStatus.APPROVED, worker=worker, gig=GigFactory(date=timezone.localdate() - dt.timedelta(days=40))
    )
    last_week = assignment_in(
        AssignmentStatus.DONE, worker=worker, gig=GigFactory(date=timezone.localdate() - dt.timedelta(days=7))
    )
    someone_elses = assignment_in(AssignmentStatus.ACCEPTED, worker=WorkerFactory(home_unit=worker.home_unit))
    feed = calendar_feed_create(user=worker.user)

    events = _events(_feed(client, feed.token)[1])

    assert set(events) == {_uid(last_week)}
    assert {_uid(cancelled), _uid(long_ago), _uid(someone_elses)}.isdisjoint(events)


def test_the_uid_stays_when_the_gig_moves(client, worker):
    taken = assignment_in(AssignmentStatus.ACCEPTED, worker=worker)
    feed = calendar_feed_create(user=worker.user)
    before = _events(_feed(client, feed.token)[1])[_uid(taken)].decoded("DTSTART")
    taken.gig.start_time = dt.time(12, 30)
    taken.gig.save()
    after = _events(_feed(client, feed.token)[1])[_uid(taken)].decoded("DTSTART")
    assert (before.hour, after.hour, after.minute) == (9, 12, 30)


def test_unit_staff_see_their_units_workers_and_those_they_come_along_with(client):
    unit_x, unit_y = UnitFactory(), UnitFactory()
    staff = UnitStaffFactory(unit=unit_x)
    own_unit_worker = WorkerFactory(home_unit=unit_x, user__first_name="Aino")
    other_unit_worker = WorkerFactory(home_unit=unit_y, user__first_name="Bertta")
    mine = assignment_in(AssignmentStatus.ACCEPTED, worker=own_unit_worker)
    supported = assignment_in(AssignmentStatus.ACCEPTED, worker=other_unit_worker, support_person=staff)
    not_mine = assignment_in(AssignmentStatus.ACCEPTED, worker=WorkerFactory(home_unit=unit_y))
    only_offered = assignment_in(AssignmentStatus.OFFERED, worker=own_unit_worker)
    feed = calendar_feed_create(user=staff)

    events = _events(_feed(client, feed.token)[1])

    assert set(events) == {_uid(mine), _uid(supported)}
    assert {_uid(not_mine), _uid(only_offered)}.isdisjoint(events)
    assert str(events[_uid(mine)]["SUMMARY"]).startswith("Aino: ")
    assert str(events[_uid(supported)]["SUMMARY"]).startswith("Bertta: ")
    # The staff member's page of a worker exists only for her own units' workers.
    assert "URL" in events[_uid(mine)] and "URL" not in events[_uid(supported)]
    # Staff of the other unit see only their own unit's.
    other_feed = calendar_feed_create(user=UnitStaffFactory(unit=unit_y))
    assert set(_events(_feed(client, other_feed.token)[1])) == {_uid(supported), _uid(not_mine)}


def test_the_worker_sees_who_comes_along_in_her_language(client):
    worker = WorkerFactory(user__language="sv")
    staff = UnitStaffFactory(unit=worker.home_unit, first_name="Matti")
    taken = assignment_in(AssignmentStatus.ACCEPTED, worker=worker, support_person=staff)
    feed = calendar_feed_create(user=worker.user)
    description = str(_events(_feed(client, feed.token)[1])[_uid(taken)]["DESCRIPTION"])
    assert "Med: Matti" in description
    assert "Ring" in description


def test_a_new_address_replaces_the_old_one_and_off_means_off(client, worker):
    assignment_in(AssignmentStatus.ACCEPTED, worker=worker)
    first = calendar_feed_create(user=worker.user)
    second = calendar_feed_create(user=worker.user)
    assert first.token != second.token
    assert client.get(reverse("calendar-feed", kwargs={"token": first.token})).status_code == 404
    assert client.get(reverse("calendar-feed", kwargs={"token": second.token})).status_code == 200
    assert CalendarFeed.objects.filter(user=worker.user, revoked_at__isnull=True).count() == 1

    assert calendar_feed_revoke(user=worker.user) == 1
    assert client.get(reverse("calendar-feed", kwargs={"token": second.token})).status_code == 404
    assert calendar_feed_revoke(user=worker.user) == 0


@pytest.mark.parametrize("token", ["unknown", "x" * 64, "x" * 200])
def test_an_unknown_address_is_a_plain_404(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_deactivated_users_address_stops_working(client, worker):
    feed = calendar_feed_create(user=worker.user)
    worker.user.is_active = False
    worker.user.save()
    assert client.get(reverse("calendar-feed", kwargs={"token": feed.token})).status_code == 404


def test_a_feed_that_cannot_be_built_is_a_404_not_a_500(client, worker, monkeypatch):
    feed = calendar_feed_create(user=worker.user)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("web.calendar.feed.calendar_events_for", broken)
    assert client.get(reverse("calendar-feed", kwargs={"token": feed.token})).status_code == 404


def test_only_workers_and_unit_staff_may_have_a_feed():
    with pytest.raises(ActionNotPermitted):
        calendar_feed_create(user=UserFactory())
    assert not CalendarFeed.objects.exists()


def test_the_feed_makes_the_same_queries_for_many_gigs(client, worker, django_assert_max_num_queries):
    staff = UnitStaffFactory(unit=worker.home_unit)
    assignment_in(AssignmentStatus.ACCEPTED, worker=worker, support_person=staff)
    feed = calendar_feed_create(user=worker.user)
    url = reverse("calendar-feed", kwargs={"token": feed.token})

    def grow():
        for days in range(1, 9):
            AssignmentFactory(
                worker=worker,
                status=AssignmentStatus.ACCEPTED,
                support_person=staff,
                gig=GigFactory(date=timezone.localdate() + dt.timedelta(days=days)),
            )

    assert_constant(client, url, grow, ceiling=8, django_assert_max_num_queries=django_assert_max_num_queries)
    assert len(_events(_feed(client, feed.token)[1])) == 9
