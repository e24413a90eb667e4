"""The demo's "when plans change" stories (demo/creation/plans_change.py) are there to click through:
a freed place with a stand-in candidate, a client's late cancellation charged, a text message."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from billing.models import PaymentRun
from billing.services.preview import invoice_preview_for_order
from demo.creation.context import order_key
from demo.creation.logins import COORDINATOR_EMAIL, staff_email
from jobcenter.models import OutboundSms, User
from orders.models import AssignmentStatus, AttendanceNote, Order, OrderEvent, OrderStatus
from tests.factories.auth import login_staff
from workers.models import NotifyBy, Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    """The demo, seeded once for the three stories (seeding it takes a while)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "incomes-register-outbox"
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def _order(key: str) -> Order:
    return Order.objects.get(submission_key=order_key(key))


def _gig_with(order: Order, status: str):
    return order.gigs.get(assignments__status=status)


def _a_worker_could_not_come_and_the_stand_in_page_has_a_candidate(client):
    order = _order("resident-letters")
    assert order.status == OrderStatus.STAFFING
    gig = _gig_with(order, AssignmentStatus.CANT_COME)
    assert gig.assignments.get(status=AssignmentStatus.CANT_COME).worker.user.first_name == "Eeva"
    assert gig.assignments.get(status=AssignmentStatus.PROPOSED).worker.user.first_name == "Aino"
    assert not AttendanceNote.objects.filter(assignment__gig=gig).exists()  # days ahead: not late

    login_staff(client, User.objects.get(email=staff_email("Maija", "Virtanen")))
    stand_in = reverse("units:stand-in", kwargs={"order_pk": order.pk, "gig_pk": gig.pk})
    eeva = gig.assignments.get(status=AssignmentStatus.CANT_COME).worker
    worker_page = client.get(reverse("units:worker", args=[eeva.pk])).content.decode()
    assert "Etsi sijainen" in worker_page and stand_in in worker_page
    page = client.get(stand_in)
    assert page.status_code == 200 and "Aino" in page.content.decode()

    login_staff(client, User.objects.get(email=COORDINATOR_EMAIL))
    with translation.override("en"):
        order_page = client.get(reverse("coordinator:order", args=[order.pk])).content.decode()
        assert "Find a stand-in" in order_page and reverse("coordinator:stand-in", args=[gig.pk]) in order_page


def _the_clients_late_cancellation_waits_to_be_invoiced_and_paid():
    order = _order("renovation-cleaning")
    assert order.status == OrderStatus.APPROVED
    cancelled = order.gigs.get(cancelled_at__isnull=False)
    assert cancelled.cancelled_by_client and cancelled.cancelled_late and cancelled.cancellation_charge > 0
    assert order.status_changes.filter(kind=OrderEvent.CLIENT_CANCELLED_GIG_LATE).exists()

    label = f"Peruutusmaksu {cancelled.date:%d.%m.%Y} (myöhäinen peruutus)"
    with translation.override("fi"):
        lines = invoice_preview_for_order(order.pk).lines
    assert label in [line.task for line in lines]
    assert any(line.gig_id is None for line in lines)  # the first time's work is invoiced with it

    minimum = cancelled.assignments.get(cancellation_pay__isnull=False)
    assert minimum.worker.user.first_name == "Sami" and minimum.cancellation_pay > 0
    # This month's draft run pays work up to yesterday: the minimum waits for the next run.
    assert all(run.cutoff_date < cancelled.date for run in PaymentRun.objects.all())


def _a_worker_told_by_text_message_got_the_message_to_everyone_on_the_gig():
    riikka = Worker.objects.get(user__first_name="Riikka")
    assert riikka.notify_by == NotifyBy.SMS
    order = _order("safety-phones-second")
    event = order.status_changes.get(kind=OrderEvent.GIG_MESSAGE)
    assert "4521" in event.params["text"]
    sms = OutboundSms.objects.get(code="gig_message")
    assert sms.to == "+358400000107" and "4521" in sms.text


def test_demo__the_plans_change_stories_are_there_to_click_through(demo, client):
    _a_worker_could_not_come_and_the_stand_in_page_has_a_candidate(client)
    _the_clients_late_cancellation_waits_to_be_invoiced_and_paid()
    _a_worker_told_by_text_message_got_the_message_to_everyone_on_the_gig()
