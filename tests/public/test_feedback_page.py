"""The client's feedback page behind the signed link in the feedback email (/order/feedback/<token>/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from orders import services
from orders.models import AssignmentStatus, Feedback, OrderStatus
from orders.tokens import make_feedback_token, make_terms_token
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, WorkerFactory
from tests.support.pages import visible

pytestmark = pytest.mark.django_db


def approved_order(first_names=("Maija", "Pekka"), **order_kwargs):
    """An approved order with one approved assignment per worker, and feedback asked for."""
    order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED, **order_kwargs)
    gig = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=2), workers_needed=len(first_names))
    assignments = [
        AssignmentFactory(
            gig=gig,
            worker=WorkerFactory(user__first_name=name, user__last_name="Virtanen", support_needs="Tarvitsee taukoja."),
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("3"),
            approved_hours=Decimal("3"),
        )
        for name in first_names
    ]
    services.order_request_feedback(order_id=order.pk, by=CoordinatorFactory())
    order.refresh_from_db()
    return order, assignments


def url_for(order) -> str:
    """The link as the email has it: without a language prefix (the page then uses the order's)."""
    with translation.override("fi"):
        return reverse("orders:feedback", kwargs={"token": make_feedback_token(order)})


def answers(assignments, **extra):
    data = {"given_by_name": "Liisa Laine"}
    for number, assignment in enumerate(assignments):
        data[f"rating_{assignment.pk}"] = str(5 - number)
        data[f"text_{assignment.pk}"] = f"Kiitos, {assignment.worker.user.first_name}!"
    data.update(extra)
    return data


def test_feedback_page__shows_the_order_and_each_worker_by_first_name_only(client):
    order, _ = approved_order()

    response = client.get(url_for(order))

    assert response.status_code == 200
    text = visible(response)
    assert f"Palaute tilauksesta #{order.pk}" in text
    assert order.title in text
    assert "Maija" in text and "Pekka" in text
    assert "Virtanen" not in text  # first names only
    assert "Tarvitsee taukoja" not in text  # never support needs
    assert "1 – Heikko" in text and "5 – Erinomainen" in text
    page = response.content.decode()
    assert '<legend class="hds-fieldset-legend"><h2 class="public-section__title">Maija</h2></legend>' in page


def test_feedback_page__get_changes_nothing(client):
    order, _ = approved_order()
    updated = order.updated_at

    client.get(url_for(order))

    order.refresh_from_db()
    assert order.updated_at == updated
    assert Feedback.objects.count() == 0


def test_feedback_page__saves_a_rating_and_words_for_each_worker(client):
    order, (maija, pekka) = approved_order()

    response = client.post(url_for(order), answers([maija, pekka]))

    assert response.status_code == 200
    assert "Kiitos palautteestasi!" in visible(response)
    saved = {f.assignment_id: f for f in Feedback.objects.all()}
    assert (saved[maija.pk].rating, saved[maija.pk].text) == (5, "Kiitos, Maija!")
    assert (saved[pekka.pk].rating, saved[pekka.pk].text) == (4, "Kiitos, Pekka!")
    assert {f.source for f in saved.values()} == {"client_link"}
    assert {f.given_by_name for f in saved.values()} == {"Liisa Laine"}


@pytest.mark.parametrize(("ticked", "may_quote"), [({"may_quote": "on"}, True), ({}, False)])
def test_feedback_page__the_client_chooses_whether_the_words_may_be_quoted_in_a_cv(client, ticked, may_quote):
    order, (maija, pekka) = approved_order()
    assert "Sanojamme saa lainata: työntekijöiden ansioluetteloissa" in visible(client.get(url_for(order)))

    client.post(url_for(order), answers([maija, pekka], **ticked))

    assert {f.may_quote for f in Feedback.objects.all()} == {may_quote}


def test_feedback_page__a_worker_with_several_gigs_is_rated_once_for_all_of_them(client):
    order, (maija,) = approved_order(first_names=("Maija",))
    second = AssignmentFactory(
        gig=GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=1), workers_needed=1),
        worker=maija.worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal("2"),
        approved_hours=Decimal("2"),
    )

    page = client.get(url_for(order)).content.decode()
    assert page.count('class="hds-fieldset public-section public-worker"') == 1

    client.post(url_for(order), answers([maija]))

    assert sorted(Feedback.objects.values_list("assignment_id", "rating")) == [(maija.pk, 5), (second.pk, 5)]


def test_feedback_page__two_workers_of_the_same_first_name_are_told_apart(client):
    order, (first, second) = approved_order(first_names=("Maija", "Maija"))
    second.worker.user.last_name = "Korhonen"
    second.worker.user.save()

    text = visible(client.get(url_for(order)))

    assert "Maija V." in text and "Maija K." in text


def test_feedback_page__missing_rating_is_listed_in_the_error_summary_and_nothing_is_saved(client):
    order, (maija, pekka) = approved_order()

    response = client.post(url_for(order), answers([maija, pekka], **{f"rating_{pekka.pk}": ""}))

    assert response.status_code == 200
    text = visible(response)
    assert "Tarkista yksi kohta lomakkeessa" in text
    assert "Valitse arvosana työntekijälle Pekka." in text
    assert f'href="#id_rating_{pekka.pk}_0"' in response.content.decode()
    assert "Kiitos, Maija!" in response.content.decode()  # what was typed is kept
    assert Feedback.objects.count() == 0


def test_feedback_page__reused_link_says_already_given_and_changes_nothing(client):
    order, assignments = approved_order()
    url = url_for(order)
    client.post(url, answers(assignments))

    again = client.post(url, answers(assignments, given_by_name="Joku Muu", **{f"rating_{assignments[0].pk}": "1"}))

    assert again.status_code == 410
    assert "Palaute on jo annettu" in visible(again)
    assert client.get(url).status_code == 410
    assert sorted(Feedback.objects.values_list("rating", flat=True)) == [4, 5]
    assert set(Feedback.objects.values_list("given_by_name", flat=True)) == {"Liisa Laine"}


def test_feedback_page__tampered_link_is_a_404_that_reveals_nothing(client):
    order, assignments = approved_order()
    token = make_feedback_token(order)
    tampered = url_for(order).replace(token, token[:-3] + "xyz")

    page = client.get(tampered)
    sent = client.post(tampered, answers(assignments))

    assert page.status_code == sent.status_code == 404
    for response in (page, sent):
        text = visible(response)
        assert "Maija" not in text and "Pekka" not in text and order.title not in text
    assert Feedback.objects.count() == 0
    assert client.post(url_for(order), answers(assignments)).status_code == 200  # the real link still works
    assert Feedback.objects.count() == 2
    text = visible(response)
    assert "Tätä linkkiä ei voi käyttää" in text
    assert order.title not in text


def test_feedback_page__a_link_signed_for_another_purpose_is_refused(client):
    order = OrderFactory(terms_sent=True)
    with translation.override("fi"):
        url = reverse("orders:feedback", kwargs={"token": make_terms_token(order)})

    response = client.get(url)

    assert response.status_code == 404


def test_feedback_page__expired_link_is_gone(client):
    with freeze_time(timezone.now() - dt.timedelta(days=20)):
        order, assignments = approved_order()
        url = url_for(order)

    response = client.post(url, answers(assignments))

    assert response.status_code == 410
    assert "Linkki on vanhentunut" in visible(response)
    assert Feedback.objects.count() == 0


def test_feedback_page__an_older_link_is_replaced_by_a_newer_one(client):
    with freeze_time(timezone.now() - dt.timedelta(days=1)):
        order, assignments = approved_order()
        old_url = url_for(order)
    services.order_request_feedback(order_id=order.pk, by=CoordinatorFactory())

    response = client.post(old_url, answers(assignments))

    assert response.status_code == 410
    assert "uudempi sähköposti, jossa on uusi linkki" in visible(response)
    assert Feedback.objects.count() == 0
    order.refresh_from_db()
    assert client.get(url_for(order)).status_code == 200


def test_feedback_page__order_no_longer_waiting_for_feedback_is_gone(client):
    order, assignments = approved_order()
    url = url_for(order)
    order.status = OrderStatus.CANCELLED
    order.save()

    response = client.post(url, answers(assignments))

    assert response.status_code == 410
    assert "Tämä tilaus ei odota palautetta." in visible(response)


def test_feedback_page__feedback_recorded_by_the_coordinator_closes_the_link(client):
    order, (maija, pekka) = approved_order()
    services.feedback_record(assignment_id=maija.pk, by=CoordinatorFactory(), rating=4)

    response = client.get(url_for(order))

    assert response.status_code == 410
    assert "Palaute on jo annettu" in visible(response)


def test_feedback_page__is_in_the_order_language_unless_the_address_names_one(client):
    order, _ = approved_order(language="sv")

    assert "Respons på beställning" in visible(client.get(url_for(order)))
    assert f"Feedback on order #{order.pk}" in visible(client.get("/en" + url_for(order)))
