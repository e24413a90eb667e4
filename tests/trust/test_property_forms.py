"""Bad input on every public form and signed link (IN-1, IN-2, IN-4), as Hypothesis properties,
plus the order form's anti-automation rules (IN-2) as plain examples. The login forms' properties
are in test_property_login.py; the strategies in tests/support/properties.py.

Properties, for any generated input:
- no page answers with an error (the test client re-raises any exception, so a 500 fails the test);
- nothing is half-saved: an order is saved whole (organisation, contact, history row, confirmation
  email) or not at all; terms are accepted together with the billing details or not at all; feedback
  is saved for every worker or for none (row counts before and after each example);
- a tampered, random, expired, reused or other-purpose link changes nothing.

Each example runs in its own transaction (`hypothesis.extra.django.TestCase`). The example budget
comes from the profile the root conftest loads (HYPOTHESIS_PROFILE).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time
from hypothesis import assume, event, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from jobcenter.models import OutboundEmail, User
from orders import services
from orders.models import (
    AssignmentStatus,
    ClientContact,
    ClientOrganisation,
    Feedback,
    Order,
    OrderStatus,
    OrderStatusChange,
)
from orders.tokens import make_feedback_token, make_terms_token
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, WorkerFactory
from tests.support.order_form import MINIMAL
from tests.support.properties import ANY_TEXT, NASTY, PROPERTY, URLSAFE, VALUE, tampered
from web.public.forms import STARTED_FIELD, form_started_at, form_started_token

ORDER_URL = "/order/"
VALID_ORDER = MINIMAL
ORDER_FIELDS = sorted(set(VALID_ORDER) - {"website"})
VALID_TERMS = {
    "billing_name": "Kahvila Kulma Oy",
    "billing_street": "Hämeentie 10",
    "billing_postal_code": "00530",
    "billing_city": "Helsinki",
    "billing_email": "laskut@kulma.example.org",
    "einvoice_address": "",
    "einvoice_operator": "",
    "invoicing_mode": "per_order",
    "accepted_name": "Liisa Laine",
    "accept": "on",
}


@st.composite
def order_form_data(draw) -> dict:
    """The valid order form with some fields replaced by anything, some left out, and some extra
    fields a client must never be able to set (mass assignment)."""
    data = dict(VALID_ORDER, submission_key=str(uuid.uuid4()))
    for name, value in draw(st.dictionaries(st.sampled_from(ORDER_FIELDS), VALUE, max_size=6)).items():
        data[name] = value
    for name in draw(st.sets(st.sampled_from(ORDER_FIELDS), max_size=3)):
        data.pop(name, None)
    extra = draw(
        st.dictionaries(st.sampled_from(["status", "client", "contact", "id", "pk", "submitted_at", "number"]), NASTY)
    )
    data.update(extra)
    if draw(st.booleans()):
        data["submission_key"] = draw(st.one_of(NASTY, ANY_TEXT))
    return data


def _snapshot() -> dict[str, int]:
    return {
        "orders": Order.objects.count(),
        "organisations": ClientOrganisation.objects.count(),
        "contacts": ClientContact.objects.count(),
        "history": OrderStatusChange.objects.count(),
        "emails": OutboundEmail.objects.count(),
        "feedback": Feedback.objects.count(),
        "users": User.objects.count(),
    }


# --- The public order form ------------------------------------------------------------------------
class OrderFormProperties(TestCase):
    def post(self, data):
        cache.clear()  # rate-limit counters: every example is a fresh visitor
        before = _snapshot()
        response = self.client.post(ORDER_URL, data)
        return before, response

    @PROPERTY
    @given(data=order_form_data())
    def test_any_input_saves_a_whole_order_or_nothing(self, data):
        before, response = self.post(data)
        after = _snapshot()
        assert response.status_code in {200, 302}, response.status_code
        event("saved" if response.status_code == 302 else "refused")
        if response.status_code == 302:
            order = Order.objects.select_related("client", "contact").latest("pk")
            assert response["Location"] == f"/order/sent/{order.pk}/"
            assert after["orders"] == before["orders"] + 1
            assert order.contact.organisation_id == order.client_id
            assert order.status == OrderStatus.SUBMITTED  # never what the client posted
            assert order.status_changes.count() == 1
            assert OutboundEmail.objects.filter(code="order_received", to=order.contact.email).count() == 1
            assert after["organisations"] - before["organisations"] in {0, 1}
            assert after["contacts"] - before["contacts"] in {0, 1}
            assert "\x00" not in order.title + order.description + order.client.name + order.contact.name
        else:
            assert after == before
            assert "<script>alert(1)</script>" not in response.content.decode()  # escaped if shown

    @PROPERTY
    @given(
        title=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(str.strip),
        description=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=500),
    )
    def test_any_printable_text_in_free_fields_is_saved_as_written(self, title, description):
        assume(description.strip())
        before, response = self.post(dict(VALID_ORDER, title=title, description=description))
        assert response.status_code == 302, response.content.decode()[:2000]
        order = Order.objects.latest("pk")
        assert order.title == title.strip()
        assert _snapshot()["orders"] == before["orders"] + 1

    @PROPERTY
    @given(key=st.uuids(), times=st.integers(2, 4))
    def test_the_same_form_sent_again_is_one_order(self, key, times):
        data = dict(VALID_ORDER, submission_key=str(key))
        before = _snapshot()
        locations = {self.post(data)[1]["Location"] for _ in range(times)}
        assert len(locations) == 1
        assert _snapshot()["orders"] == before["orders"] + 1


# --- The terms link -------------------------------------------------------------------------------
def _terms_state(order) -> tuple:
    order.refresh_from_db()
    client = ClientOrganisation.objects.get(pk=order.client_id)
    billing = tuple(getattr(client, name) for name in VALID_TERMS if hasattr(client, name))
    return (order.status, order.terms_accepted_at, order.terms_accepted_name, billing)


def terms_url(token: str) -> str:
    with translation.override("fi"):
        return reverse("orders:terms", kwargs={"token": token})


class TermsLinkProperties(TestCase):
    @PROPERTY
    @given(data=st.data(), form=st.dictionaries(st.sampled_from(sorted(VALID_TERMS)), VALUE, max_size=4))
    def test_tampered_link_changes_nothing(self, data, form):
        order = OrderFactory(terms_sent=True)
        token = tampered(make_terms_token(order), data.draw)
        before = _terms_state(order)
        assert self.client.get(terms_url(token)).status_code == 404
        assert self.client.post(terms_url(token), {**VALID_TERMS, **form}).status_code == 404
        assert _terms_state(order) == before

    @PROPERTY
    @given(token=st.text(alphabet=URLSAFE, min_size=1, max_size=300))
    def test_random_link_changes_nothing(self, token):
        order = OrderFactory(terms_sent=True)
        before = _terms_state(order)
        assert self.client.post(terms_url(token), VALID_TERMS).status_code in {404, 410}
        assert _terms_state(order) == before

    @PROPERTY
    @given(late=st.integers(1, 10**7))
    def test_expired_link_changes_nothing(self, late):
        sent = timezone.now()
        with freeze_time(sent):
            order = OrderFactory(terms_sent=True)
            token = make_terms_token(order)
        before = _terms_state(order)
        with freeze_time(sent + dt.timedelta(seconds=settings.JOBCENTER_SIGNED_LINK_MAX_AGE + late)):
            response = self.client.post(terms_url(token), VALID_TERMS)
        assert response.status_code == 410
        assert _terms_state(order) == before

    @PROPERTY
    @given(form=st.dictionaries(st.sampled_from(sorted(VALID_TERMS)), VALUE, max_size=5))
    def test_reused_link_changes_nothing(self, form):
        order = OrderFactory(terms_sent=True)
        token = make_terms_token(order)
        assert self.client.post(terms_url(token), VALID_TERMS).status_code == 200
        accepted = _terms_state(order)
        assert accepted[0] == OrderStatus.TERMS_ACCEPTED
        assert self.client.post(terms_url(token), {**VALID_TERMS, **form}).status_code == 410
        assert _terms_state(order) == accepted

    def test_a_link_signed_for_another_purpose_changes_nothing(self):
        order = OrderFactory(terms_sent=True, feedback_requested_at=timezone.now())
        before = _terms_state(order)
        assert self.client.post(terms_url(make_feedback_token(order)), VALID_TERMS).status_code == 404
        assert _terms_state(order) == before

    @PROPERTY
    @given(form=st.dictionaries(st.sampled_from(sorted(VALID_TERMS)), VALUE, max_size=5))
    def test_any_input_accepts_with_the_billing_details_or_changes_nothing(self, form):
        order = OrderFactory(terms_sent=True)
        before = _terms_state(order)
        response = self.client.post(terms_url(make_terms_token(order)), {**VALID_TERMS, **form})
        assert response.status_code == 200
        after = _terms_state(order)
        if after[0] == OrderStatus.TERMS_ACCEPTED:
            assert after[1] is not None and after[2]
        else:
            assert after == before


# --- The feedback link ----------------------------------------------------------------------------
def _feedback_order():
    order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED)
    gig = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=2), workers_needed=2)
    assignments = [
        AssignmentFactory(
            gig=gig,
            worker=WorkerFactory(user__first_name=name),
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("3"),
            approved_hours=Decimal("3"),
        )
        for name in ("Maija", "Pekka")
    ]
    services.order_request_feedback(order_id=order.pk, by=CoordinatorFactory())
    order.refresh_from_db()
    return order, assignments


def feedback_url(token: str) -> str:
    with translation.override("fi"):
        return reverse("orders:feedback", kwargs={"token": token})


def _feedback_answers(assignments) -> dict:
    data = {"given_by_name": "Liisa Laine"}
    for assignment in assignments:
        data[f"rating_{assignment.pk}"] = "5"
        data[f"text_{assignment.pk}"] = "Kiitos!"
    return data


class FeedbackLinkProperties(TestCase):
    @PROPERTY
    @given(data=st.data())
    def test_any_answers_save_feedback_for_every_worker_or_none(self, data):
        order, assignments = _feedback_order()
        names = sorted(_feedback_answers(assignments))
        answers = {**_feedback_answers(assignments), **data.draw(st.dictionaries(st.sampled_from(names), VALUE))}
        before = Feedback.objects.count()
        response = self.client.post(feedback_url(make_feedback_token(order)), answers)
        assert response.status_code == 200
        assert Feedback.objects.count() - before in {0, len(assignments)}

    @PROPERTY
    @given(data=st.data())
    def test_tampered_expired_or_reused_link_saves_nothing(self, data):
        order, assignments = _feedback_order()
        token = make_feedback_token(order)
        case = data.draw(st.sampled_from(["tampered", "expired", "reused"]))
        answers = _feedback_answers(assignments)
        if case == "reused":
            assert self.client.post(feedback_url(token), answers).status_code == 200
        before = Feedback.objects.count()
        if case == "tampered":
            response = self.client.post(feedback_url(tampered(token, data.draw)), answers)
        elif case == "expired":
            late = data.draw(st.integers(1, 10**7))
            with freeze_time(timezone.now() + dt.timedelta(seconds=settings.JOBCENTER_SIGNED_LINK_MAX_AGE + late)):
                response = self.client.post(feedback_url(token), answers)
        else:
            response = self.client.post(feedback_url(token), {**answers, "given_by_name": "Someone else"})
        assert response.status_code in {404, 410}
        assert Feedback.objects.count() == before


# --- IN-2: the order form resists automation ------------------------------------------------------
def _started_value(html: str) -> str:
    match = re.search(rf'name="{STARTED_FIELD}" value="([^"]+)"', html)
    assert match, "the form has no signed start time"
    return match.group(1)


@pytest.mark.django_db
@override_settings(JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS=3)
def test_order_form__sent_too_fast_keeps_the_input_explains_and_saves_nothing(client, caplog):
    token = _started_value(client.get(ORDER_URL).content.decode())
    assert form_started_at(token) is not None
    data = dict(VALID_ORDER, started=token, submission_key=str(uuid.uuid4()), title="Nopea tilaus")

    with caplog.at_level(logging.WARNING, logger="jobcenter.security"):
        response = client.post(ORDER_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tarkista tilauksesi ja lähetä se uudelleen" in html
    assert 'value="Nopea tilaus"' in html and 'value="Liisa Laine"' in html
    assert _started_value(html) == token  # the original time is kept: the next send passes
    assert Order.objects.count() == 0
    assert "sent too soon" in caplog.text

    with freeze_time(timezone.now() + dt.timedelta(seconds=4)):
        assert client.post(ORDER_URL, data).status_code == 302
    assert Order.objects.count() == 1


@pytest.mark.django_db
@override_settings(JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS=3)
@pytest.mark.parametrize("started", [None, "", "forged", form_started_token(0)[:-2] + "xx"])
def test_order_form__missing_or_forged_start_time_is_asked_again_with_a_valid_one(client, started):
    data = dict(VALID_ORDER, submission_key=str(uuid.uuid4()))
    if started is not None:
        data[STARTED_FIELD] = started
    response = client.post(ORDER_URL, data)
    assert response.status_code == 200
    assert Order.objects.count() == 0
    fresh = _started_value(response.content.decode())
    assert form_started_at(fresh) == pytest.approx(time.time(), abs=5)


@pytest.mark.django_db
@override_settings(JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS=3)
def test_order_form__filled_in_at_human_speed_is_sent(client):
    data = dict(VALID_ORDER, started=form_started_token(time.time() - 60), submission_key=str(uuid.uuid4()))
    assert client.post(ORDER_URL, data).status_code == 302
    assert Order.objects.count() == 1


@pytest.mark.django_db
@override_settings(JOBCENTER_ORDER_FORM_EMAIL_LIMIT=2)
def test_order_form__per_email_cap_from_any_connection_keeps_the_input(client, caplog):
    for number in range(2):
        data = dict(VALID_ORDER, submission_key=str(uuid.uuid4()))
        assert client.post(ORDER_URL, data, REMOTE_ADDR=f"198.51.100.{number + 1}").status_code == 302

    data = dict(
        VALID_ORDER, submission_key=str(uuid.uuid4()), title="Kolmas tilaus", contact_email="LIISA.LAINE@example.org"
    )
    with caplog.at_level(logging.WARNING, logger="jobcenter.security"):
        response = client.post(ORDER_URL, data, REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Tällä sähköpostiosoitteella on lähetetty tänään liian monta tilausta" in html
    assert 'value="Kolmas tilaus"' in html
    assert Order.objects.count() == 2
    assert "email rate limit reached" in caplog.text
    other = dict(VALID_ORDER, submission_key=str(uuid.uuid4()), contact_email="toinen@example.org")
    assert client.post(ORDER_URL, other, REMOTE_ADDR="198.51.100.10").status_code == 302
