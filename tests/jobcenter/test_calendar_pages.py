"""The calendar pages: the worker's `/me/calendar/` and the unit's `/unit/calendar/`."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobcenter.calendar_feeds.selectors import calendar_feed_active_for
from tests.factories.units import UnitStaffFactory
from tests.factories.workers import WorkerFactory

pytestmark = pytest.mark.django_db


def test_the_worker_makes_renews_after_confirming_and_turns_off_her_address(client):
    worker = WorkerFactory()
    client.force_login(worker.user)
    url = reverse("workers:calendar")
    assert client.get(url).status_code == 200

    assert client.post(url, {"action": "create"}).status_code == 302
    first = calendar_feed_active_for(user=worker.user)
    page = client.get(url).content.decode()
    assert first.token in page and "/calendar/" in page

    # "Make a new address" asks first: nothing changes until she confirms.
    asked = client.post(url, {"action": "new"})
    assert asked.status_code == 200 and 'name="confirmed"' in asked.content.decode()
    assert calendar_feed_active_for(user=worker.user) == first
    client.post(url, {"action": "new", "confirmed": "1"})
    second = calendar_feed_active_for(user=worker.user)
    assert second is not None and second.token != first.token

    client.post(url, {"action": "off"})
    assert calendar_feed_active_for(user=worker.user) == second
    client.post(url, {"action": "off", "confirmed": "1"})
    assert calendar_feed_active_for(user=worker.user) is None


def test_unit_staff_have_their_own_address(client):
    staff = UnitStaffFactory()
    client.force_login(staff)
    url = reverse("units:calendar")
    assert client.get(url).status_code == 200
    client.post(url, {"action": "create"})
    assert calendar_feed_active_for(user=staff).token in client.get(url).content.decode()


def test_an_unknown_action_changes_nothing(client):
    worker = WorkerFactory()
    client.force_login(worker.user)
    assert client.post(reverse("workers:calendar"), {"action": "delete-everything"}).status_code == 400
    assert calendar_feed_active_for(user=worker.user) is None
