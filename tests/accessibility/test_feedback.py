"""The accessibility feedback channel: anyone sends a message without logging in; it is stored,
the coordinators get one email, and the coordinator answers within 14 days and marks it answered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.feedback.models import AccessibilityFeedback
from jobcenter.feedback.services import accessibility_feedback_mark_answered, accessibility_feedback_submit
from jobcenter.models import OutboundEmail
from tests.factories import CoordinatorFactory, UnitStaffFactory
from web.public.forms import form_started_token

pytestmark = pytest.mark.django_db

FORM = reverse("accessibility:feedback")


def _post(client, **data):
    fields = {"message": "", "page_url": "", "name": "", "email": "", "website": "", "started": form_started_token()}
    fields.update(data)
    return client.post(FORM, fields)


@override_settings(JOBCENTER_CONTACT_EMAIL="jobcenter@hel.example")
def test_feedback__is_stored_and_the_coordinators_get_one_email(client):
    response = _post(
        client,
        message="Kalenterin päivät eivät toimi näppäimistöllä.",
        page_url="/order/",
        name="Aino",
        email="aino@example.fi",
    )

    assert response.status_code == 302 and response.url == reverse("accessibility:feedback-sent")
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.message, feedback.page_url, feedback.name, feedback.email) == (
        "Kalenterin päivät eivät toimi näppäimistöllä.",
        "/order/",
        "Aino",
        "aino@example.fi",
    )
    emails = OutboundEmail.objects.filter(code="accessibility_feedback")
    assert emails.count() == 1
    email = emails.get()
    assert email.to == "jobcenter@hel.example"
    assert "Kalenterin päivät eivät toimi näppäimistöllä." in email.body_text
    assert feedback.answer_due.strftime("%-d.%-m.%Y") in email.subject
    assert "Kiitos palautteestasi" in client.get(response.url).content.decode()


def test_feedback__needs_no_name_nor_email(client):
    response = _post(client, message="Kontrasti on heikko.")

    assert response.status_code == 302
    assert AccessibilityFeedback.objects.get().email == ""


def test_feedback__the_form_remembers_the_page_it_was_opened_from(client):
    page = client.get(FORM, {"page": "/me/gigs/"}).content.decode()

    assert 'value="/me/gigs/"' in page
    assert "Sinun ei tarvitse kirjautua." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": "   "}, "Kirjoita palautteesi."),
        ({"message": "Hei", "email": "ei-osoite"}, "Tarkista sähköpostiosoite."),
        ({"message": "x" * 5001}, "5000"),
    ],
)
def test_feedback__bad_input_gets_a_clear_message_and_nothing_is_saved(client, data, message):
    response = _post(client, **data)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page and message in page
    assert not AccessibilityFeedback.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_feedback__a_bot_filling_the_honeypot_saves_nothing(client):
    response = _post(client, message="Buy now", website="http://spam.example")

    assert response.status_code == 302
    assert not AccessibilityFeedback.objects.exists()


@override_settings(JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS=3)
def test_feedback__sent_at_once_after_the_form_was_shown_is_asked_again(client):
    response = _post(client, message="Nopea viesti")

    assert response.status_code == 200
    assert "Tarkista palautteesi ja lähetä se uudelleen" in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_feedback__one_connection_is_limited(client):
    for number in range(5):
        assert _post(client, message=f"Viesti {number}").status_code == 302
    response = _post(client, message="Kuudes")

    assert response.status_code == 429
    assert "Tästä yhteydestä on lähetetty liian monta viestiä" in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 5


def _received(days_ago: int, **extra) -> AccessibilityFeedback:
    feedback = accessibility_feedback_submit(message=f"Viesti {days_ago} päivän takaa", **extra)
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        received_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    feedback.refresh_from_db()
    return feedback


def test_feedback__the_coordinator_sees_the_answer_deadline_and_what_is_overdue(client):
    late, fresh = _received(15, email="a@example.fi"), _received(1)
    client.force_login(CoordinatorFactory())

    page = client.get(reverse("coordinator:accessibility-feedback")).content.decode()

    late_row = page.split(f'id="feedback-{late.pk}"', 1)[1].split("</tr>", 1)[0]
    fresh_row = page.split(f'id="feedback-{fresh.pk}"', 1)[1].split("</tr>", 1)[0]
    assert late.answer_due == timezone.localdate(late.received_at) + dt.timedelta(days=14)
    assert late.answer_due.strftime("%-d.%-m.%Y") in late_row and "Myöhässä" in late_row
    assert fresh.answer_due.strftime("%-d.%-m.%Y") in fresh_row and "Myöhässä" not in fresh_row
    assert "Ei sähköpostia: ei voi vastata" in fresh_row
    assert '<caption class="visually-hidden">Odottaa vastausta</caption>' in page


def test_feedback__marking_answered_records_who_when_and_how(client):
    feedback = _received(3, email="a@example.fi")
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    url = reverse("coordinator:accessibility-feedback-answered", args=[feedback.pk])

    empty = client.post(url, {"note": "  "})
    assert empty.status_code == 400 and "Kirjoita, miten palautteeseen vastattiin." in empty.content.decode()
    response = client.post(url, {"note": "Vastattu sähköpostilla, vika korjattu."})

    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.answered_by == coordinator and feedback.answered_at is not None
    assert feedback.answer_note == "Vastattu sähköpostilla, vika korjattu."
    page = client.get(reverse("coordinator:accessibility-feedback")).content.decode()
    assert "Mikään palaute ei odota vastausta." in page
    assert "Vastattu sähköpostilla, vika korjattu." in page


def test_feedback__marking_answered_is_the_coordinators_and_happens_once():
    feedback = _received(1)
    coordinator = CoordinatorFactory()

    with pytest.raises(ActionNotPermitted):
        accessibility_feedback_mark_answered(feedback_id=feedback.pk, by=UnitStaffFactory(), note="x")
    with pytest.raises(ValidationError):
        accessibility_feedback_mark_answered(feedback_id=feedback.pk, by=coordinator, note="")
    accessibility_feedback_mark_answered(feedback_id=feedback.pk, by=coordinator, note="Soitettu")
    with pytest.raises(DomainError):
        accessibility_feedback_mark_answered(feedback_id=feedback.pk, by=coordinator, note="Uudestaan")
    feedback.refresh_from_db()
    assert feedback.answer_note == "Soitettu"
