"""The worker's choice of email or text message (`/me/contact/`) and her unit's form for it."""

import pytest
from django.urls import reverse

from tests.factories import UnitStaffFactory, UserFactory, WorkerFactory
from workers.models import NotifyBy

pytestmark = pytest.mark.django_db


def test_contact_page__shows_her_choice_and_saves_a_new_one(client):
    worker = WorkerFactory(user=UserFactory(phone="040 111 2222"))
    client.force_login(worker.user)
    url = reverse("workers:contact")
    page = client.get(url).content.decode()
    assert 'value="email" id="id_notify_by_0" checked' in page and "040 111 2222" in page

    response = client.post(url, {"notify_by": NotifyBy.BOTH})

    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.notify_by == NotifyBy.BOTH


def test_contact_page__text_messages_without_a_number_say_who_adds_it(client):
    worker = WorkerFactory(user=UserFactory(phone=""))
    client.force_login(worker.user)
    response = client.post(reverse("workers:contact"), {"notify_by": NotifyBy.SMS})
    assert response.status_code == 400
    worker.refresh_from_db()
    assert worker.notify_by == NotifyBy.EMAIL


def test_my_gigs__links_the_contact_page(client):
    worker = WorkerFactory()
    client.force_login(worker.user)
    assert reverse("workers:contact") in client.get(reverse("workers:my-gigs")).content.decode()


def test_unit_staff__set_it_for_a_worker_of_their_unit_only(client):
    worker = WorkerFactory(user=UserFactory(phone="0401112222"))
    url = reverse("units:worker-notify-by", args=[worker.pk])
    client.force_login(UnitStaffFactory())
    assert client.post(url, {"notify_by": NotifyBy.SMS}).status_code == 404
    client.force_login(UnitStaffFactory(unit=worker.home_unit))
    page = client.get(reverse("units:worker", args=[worker.pk])).content.decode()
    assert url in page
    assert client.post(url, {"notify_by": NotifyBy.SMS}).status_code == 302
    worker.refresh_from_db()
    assert worker.notify_by == NotifyBy.SMS
