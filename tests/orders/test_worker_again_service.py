"""`worker_again_request` and `worker_again_handle`: a client's wish for a worker it had before goes to
the worker's unit (its address and staff told, the order's history notes it), never to the worker;
the guards refuse a worker who never worked for the client, a closed order and a second open wish."""

import pytest
from django.utils import translation

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders.models import AssignmentStatus, OrderEvent, OrderStatus, WorkerAgainOutcome, WorkerAgainRequest
from orders.services.worker_again import worker_again_handle, worker_again_request
from tests.factories import (
    ClientContactFactory,
    CoordinatorFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.states import assignment_in, order_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    unit = UnitFactory(name="Vallilan yksikkö", email="vallila@example.org")
    maija = UnitStaffFactory(unit=unit, first_name="Maija", language="sv")
    aino = WorkerFactory(home_unit=unit, user=UserFactory(first_name="Aino", last_name="Virtanen"))
    done = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED, worker=aino)
    contact = ClientContactFactory(with_user=True, organisation=done.gig.order.client)
    new = order_in(OrderStatus.SUBMITTED, contact=contact)
    OutboundEmail.objects.all().delete()
    return {"unit": unit, "maija": maija, "aino": aino, "contact": contact, "new": new, "earlier": done.gig.order}


def test_request__goes_to_the_unit_and_its_staff_and_into_the_history_never_to_the_worker(world):
    wish = worker_again_request(
        order_id=world["new"].pk, worker_id=world["aino"].pk, by=world["contact"].user, note="  Tuntee  keittiön. "
    )

    assert (wish.unit, wish.asked_by, wish.note, wish.is_open) == (
        world["unit"],
        world["contact"].user,
        "Tuntee keittiön.",
        True,
    )
    sent = set(OutboundEmail.objects.values_list("code", "to", "language"))
    assert sent == {
        ("worker_again_unit", "vallila@example.org", "fi"),
        ("worker_again_unit", world["maija"].email, "sv"),
    }
    assert not OutboundEmail.objects.filter(to=world["aino"].user.email).exists()
    event = world["new"].status_changes.get(kind=OrderEvent.WORKER_AGAIN_ASKED)
    assert event.describe() == "The client asked for Aino V. again. The wish went to Vallilan yksikkö."


def test_request__a_second_open_wish_is_refused_and_after_handling_allowed_again(world):
    args = {"order_id": world["new"].pk, "worker_id": world["aino"].pk, "by": world["contact"].user}
    wish = worker_again_request(**args)
    with pytest.raises(DomainError, match="already asked for Aino V."):
        worker_again_request(**args)
    worker_again_handle(request_id=wish.pk, by=world["maija"], outcome=WorkerAgainOutcome.NOT_POSSIBLE)
    assert worker_again_request(**args).pk != wish.pk


def test_request__only_for_a_worker_who_worked_for_this_client(world):
    stranger = WorkerFactory(home_unit=world["unit"])
    with pytest.raises(DomainError, match="worked for you before"):
        worker_again_request(order_id=world["new"].pk, worker_id=stranger.pk, by=world["contact"].user)
    with pytest.raises(DomainError, match="worked for you before"):
        worker_again_request(order_id=world["new"].pk, worker_id=999999, by=world["contact"].user)
    assert not WorkerAgainRequest.objects.exists()


def test_request__only_on_an_order_still_being_staffed(world):
    with pytest.raises(DomainError, match="no longer being staffed"):
        worker_again_request(order_id=world["earlier"].pk, worker_id=world["aino"].pk, by=world["contact"].user)


def test_request__another_organisations_contact_is_refused(world):
    other = ClientContactFactory(with_user=True)
    with pytest.raises(ActionNotPermitted):
        worker_again_request(order_id=world["new"].pk, worker_id=world["aino"].pk, by=other.user)


def test_handle__by_the_units_staff_once_with_its_outcome_in_the_history(world):
    wish = worker_again_request(order_id=world["new"].pk, worker_id=world["aino"].pk, by=world["contact"].user)
    with pytest.raises(ActionNotPermitted):
        worker_again_handle(request_id=wish.pk, by=UnitStaffFactory(), outcome=WorkerAgainOutcome.PROPOSED)
    with pytest.raises(DomainError):
        worker_again_handle(request_id=wish.pk, by=world["maija"], outcome="maybe")

    handled = worker_again_handle(request_id=wish.pk, by=world["maija"], outcome=WorkerAgainOutcome.PROPOSED)
    again = worker_again_handle(request_id=wish.pk, by=CoordinatorFactory(), outcome=WorkerAgainOutcome.NOT_POSSIBLE)

    assert (handled.outcome, handled.handled_by, again.outcome) == ("proposed", world["maija"], "proposed")
    event = world["new"].status_changes.get(kind=OrderEvent.WORKER_AGAIN_HANDLED)
    assert event.describe() == "Vallilan yksikkö handled the wish for Aino V.: The unit proposed the worker."


def test_export_and_retention__the_wish_is_in_the_workers_export_and_goes_with_her(world):
    from jobcenter.privacy import build_worker_export

    worker_again_request(order_id=world["new"].pk, worker_id=world["aino"].pk, by=world["contact"].user, note="Kiitos")
    export = build_worker_export(worker=world["aino"], include_special=False)
    section = next(s for s in export["sections"] if s["key"] == "worker_again")
    assert [row["note"] for row in section["data"]] == ["Kiitos"]

    from jobcenter.privacy import retention_plan  # noqa: F401  (the steps are registered)
    from orders.privacy_worker_again import _delete_worker_requests

    class Job:
        row = world["aino"]

    _delete_worker_requests(Job())
    assert not WorkerAgainRequest.objects.exists()
