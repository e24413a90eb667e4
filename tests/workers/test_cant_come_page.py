""" "En pääse" on the worker's phone: the button on a gig she has taken, the screen with the optional
reason, and the done screen that says who was told. Two taps; never on an offer or a gig that is over."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus, OrderStatus
from tests.factories import UserFactory
from tests.support.workers import assignment_in, gig_on, main_text

pytestmark = pytest.mark.django_db


def _accepted(worker, **kwargs):
    return assignment_in(
        AssignmentStatus.ACCEPTED, worker=worker, gig=gig_on(order_status=OrderStatus.SCHEDULED), **kwargs
    )


def test_gig_page__an_accepted_gig_has_the_button(logged_in, worker):
    assignment = _accepted(worker)
    html = logged_in.get(reverse("workers:gig", args=[assignment.pk])).content.decode()
    assert reverse("workers:gig-cant-come", args=[assignment.pk]) in html
    assert "En pääse" in html


def test_gig_page__an_offer_and_a_past_gig_have_none(logged_in, worker):
    offered = assignment_in(AssignmentStatus.OFFERED, worker=worker)
    past = assignment_in(
        AssignmentStatus.ACCEPTED, worker=worker, gig=gig_on(timezone.localdate() - dt.timedelta(days=2))
    )
    for assignment in (offered, past):
        html = logged_in.get(reverse("workers:gig", args=[assignment.pk])).content.decode()
        assert reverse("workers:gig-cant-come", args=[assignment.pk]) not in html


def test_cant_come__two_taps_with_a_reason_and_the_done_screen_names_who_was_told(logged_in, worker):
    assignment = _accepted(worker, support_person=UserFactory(first_name="Maija"))
    url = reverse("workers:gig-cant-come", args=[assignment.pk])

    page = logged_in.get(url)
    text = main_text(page)
    assert "Etkö pääse keikalle?" in text and "Vahvista: en pääse" in text and "Olen sairas" in text
    assert 'type="radio"' in page.content.decode()

    response = logged_in.post(url, {"reason": "ill"})

    assert response["Location"] == reverse("workers:gig-cant-come-done", args=[assignment.pk])
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANT_COME
    done = main_text(logged_in.get(response["Location"]))
    assert "Kiitos, että kerroit." in done
    assert f"Yksikkösi: {assignment.unit.name}" in done and "Ohjaajasi: Maija" in done


def test_cant_come__without_a_reason_works_too(logged_in, worker):
    assignment = _accepted(worker)
    logged_in.post(reverse("workers:gig-cant-come", args=[assignment.pk]), {})
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANT_COME
    # Her gig page says it plainly, without blame.
    assert "Kerroit, ettet pääse." in main_text(logged_in.get(reverse("workers:gig", args=[assignment.pk])))


def test_cant_come__an_offer_goes_back_to_the_gig(logged_in, worker):
    offered = assignment_in(AssignmentStatus.OFFERED, worker=worker)
    response = logged_in.post(reverse("workers:gig-cant-come", args=[offered.pk]), {"reason": "ill"})
    assert response["Location"] == reverse("workers:gig", args=[offered.pk])
    offered.refresh_from_db()
    assert offered.status == AssignmentStatus.OFFERED


def test_cant_come__another_workers_gig_is_a_404(client, worker):
    assignment = _accepted(worker)
    client.force_login(UserFactory())
    assert client.get(reverse("workers:gig-cant-come", args=[assignment.pk])).status_code in (403, 404)
