"""The worker's gig page after plans changed: a gig she cannot come to shows no pay; a gig the client
cancelled late says plainly that she is still paid her minimum, and how much."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus, OrderStatus
from tests.support.workers import assignment_in, gig_on, main_text

pytestmark = pytest.mark.django_db


def test_cant_come__no_pay_on_the_page(logged_in, worker):
    assignment = assignment_in(AssignmentStatus.CANT_COME, worker=worker, gig=gig_on(order_status=OrderStatus.STAFFING))
    text = main_text(logged_in.get(reverse("workers:gig", args=[assignment.pk])))
    assert "Kerroit, ettet pääse. Kiitos, että kerroit." in text
    assert "Saat noin" not in text  # no pay for a gig she does not go to


def test_cancelled_late_by_the_client__she_reads_her_minimum(logged_in, worker):
    gig = gig_on(order_status=OrderStatus.SCHEDULED)
    gig.cancelled_at = timezone.now()
    gig.cancellation_reason = "Tilaaja perui."
    gig.cancelled_by_client = True
    gig.cancelled_late = True
    gig.save()
    assignment = assignment_in(AssignmentStatus.WITHDRAWN, worker=worker, gig=gig)
    assignment.cancellation_pay = Decimal("20.00")
    assignment.save(update_fields=["cancellation_pay"])

    text = main_text(logged_in.get(reverse("workers:gig", args=[assignment.pk])))

    assert "Keikka on peruttu." in text
    assert "Tilaaja perui myöhään, joten saat silti 20,00 euroa ennen veroja." in text
