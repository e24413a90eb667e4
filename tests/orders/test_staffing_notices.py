"""The staffing moves of a gig reach the people they concern, by email after commit, once, each in
their own language: a worker taking the gig (her unit, the staff member along), saying no (the
proposing unit, with her reason), being taken off it (the worker herself, the staff member, her unit
when the coordinator did it, the client when her place is filled again), and the client told once
when a gig has all its workers, again as a change when it is staffed again. Nobody is told of their
own move, and a repeated move sends nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from jobcenter.errors import TransitionNotAllowed
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentStatus, OrderEvent, OrderStatus
from tests.factories import GigFactory, UnitFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.workers import main_text
from units.models import SupportMode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

GIG_DAY = timezone.localdate() + dt.timedelta(days=10)


def _sent() -> set[tuple[str, str, str]]:
    return {(e.code, e.to, e.language) for e in OutboundEmail.objects.all()}


def _gig(workers_needed=1, *, order_language="sv"):
    order = order_in(OrderStatus.STAFFING, language=order_language)
    return GigFactory(order=order, workers_needed=workers_needed, date=GIG_DAY, start_time=dt.time(10))


def _offered(gig, *, language="fi", support=SupportMode.STAFF_ALONG, support_person=None):
    worker = WorkerFactory(user=UserFactory(first_name="Aino", last_name="Virtanen", language=language))
    return assignment_in(
        AssignmentStatus.OFFERED, gig=gig, worker=worker, support=support, support_person=support_person
    )


# --- Accepting ------------------------------------------------------------------------------------
def test_accept__the_unit_and_the_staff_member_along_are_told_and_the_client_once_staffed(
    django_capture_on_commit_callbacks, mailoutbox
):
    gig = _gig(workers_needed=1)
    staff = UserFactory(language="en")
    assignment = _offered(gig, support_person=staff)

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)

    assert _sent() == {
        ("gig_accepted_unit", assignment.unit.email, "fi"),
        ("gig_accepted_unit", staff.email, "en"),
        ("gig_staffed_client", gig.order.contact.email, "sv"),
    }
    assert len(mailoutbox) == 3
    to_staff = OutboundEmail.objects.get(to=staff.email)
    assert "Aino Virtanen accepted the gig" in to_staff.subject
    assert "You are the staff member who comes along" in to_staff.body_text
    # The unit's own address reads Finnish.
    to_unit = OutboundEmail.objects.get(to=assignment.unit.email)
    assert "otti keikan" in to_unit.body_text and "klo 10" in to_unit.body_text


def test_accept__the_worker_herself_gets_no_email_of_her_own_move(django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=2)
    assignment = _offered(gig)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assert not OutboundEmail.objects.filter(to=assignment.worker.user.email).exists()
    # One of two places taken: the client is not told yet.
    assert not OutboundEmail.objects.filter(code="gig_staffed_client").exists()


def test_accept__by_staff_for_the_worker_the_unit_is_not_told_of_its_own_move(django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=2)
    assignment = _offered(gig)
    instructor = UnitStaffFactory(unit=assignment.unit)
    assignment.support_person = instructor
    assignment.save(update_fields=["support_person"])

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=assignment.pk, by=instructor)

    # The staff member took the gig for the worker and is the one coming along: nobody to tell.
    assert _sent() == set()


def test_accept__twice_sends_nothing_more(django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=1)
    assignment = _offered(gig)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
        count = OutboundEmail.objects.count()
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assert OutboundEmail.objects.count() == count == 2  # the unit, the client


def test_accept__nothing_is_sent_before_commit(django_capture_on_commit_callbacks, mailoutbox):
    gig = _gig(workers_needed=1)
    assignment = _offered(gig)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assert callbacks and not mailoutbox


# --- The client's confirmation --------------------------------------------------------------------
def test_staffed__the_client_is_told_once_with_the_count_and_the_staff_member_never_names(
    django_capture_on_commit_callbacks,
):
    gig = _gig(workers_needed=2, order_language="fi")
    first = _offered(gig, support=SupportMode.STAFF_ALONG)
    second = _offered(gig, support=SupportMode.PHONE)
    second.worker.user.first_name = "Bertta"
    second.worker.user.save(update_fields=["first_name"])

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=first.pk, by=first.worker.user)
        assert not OutboundEmail.objects.filter(code="gig_staffed_client").exists()
        services.assignment_accept(assignment_id=second.pk, by=second.worker.user)

    email = OutboundEmail.objects.get(code="gig_staffed_client")
    assert email.to == gig.order.contact.email and email.language == "fi"
    day = GIG_DAY.strftime("%-d.%-m.")
    assert f"{day}" in email.body_text
    assert "klo 10–13: 2 työntekijää tulossa, ohjaaja mukana." in email.body_text
    assert "on työntekijät" in email.subject
    for private in ("Aino", "Bertta", "Virtanen", "puhelin", "phone"):
        assert private not in email.body_text + email.subject + email.body_html
    row = gig.order.status_changes.get(kind=OrderEvent.GIG_STAFFED)
    assert row.params["gig"] == gig.pk and row.params["workers"] == 2
    assert "has its workers" in row.describe()


def test_staffed__without_a_staff_member_along_says_only_the_count(django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=1, order_language="en")
    assignment = _offered(gig, support=SupportMode.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    email = OutboundEmail.objects.get(code="gig_staffed_client")
    assert ": 1 worker coming." in email.body_text
    assert "staff member" not in email.body_text


def test_staffed__again_after_a_worker_dropped_out_is_told_as_a_change(coordinator, django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=1, order_language="en")
    first = _offered(gig)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=first.pk, by=first.worker.user)
        services.assignment_withdraw(assignment_id=first.pk, by=coordinator, reason="Sairastui.")
        stand_in = _offered(gig)
        services.assignment_accept(assignment_id=stand_in.pk, by=stand_in.worker.user)

    confirmations = list(OutboundEmail.objects.filter(code="gig_staffed_client").order_by("pk"))
    assert len(confirmations) == 2
    assert "has its workers" in confirmations[0].subject and "changed" not in confirmations[0].subject
    assert "changed" in confirmations[1].subject and "again" in confirmations[1].body_text
    assert gig.order.status_changes.filter(kind=OrderEvent.GIG_STAFFED).count() == 2


def test_staffed__by_a_stand_in_the_client_gets_the_stand_in_email_not_a_second_one(django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=1)
    assignment_in(AssignmentStatus.CANT_COME, gig=gig)
    stand_in = _offered(gig)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=stand_in.pk, by=stand_in.worker.user)
    assert not OutboundEmail.objects.filter(code="gig_staffed_client").exists()
    # Still a line in the history: the next confirmation of this gig says it is a change.
    assert gig.order.status_changes.filter(kind=OrderEvent.GIG_STAFFED).count() == 1


# --- Declining ------------------------------------------------------------------------------------
def test_decline__the_proposing_unit_is_told_with_the_reason_and_not_the_worker(django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=1)
    assignment = _offered(gig, support_person=UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user, reason="Lääkäriaika")
        services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user, reason="Lääkäriaika")

    assert _sent() == {("gig_declined_unit", assignment.unit.email, "fi")}
    email = OutboundEmail.objects.get()
    assert "Lääkäriaika" in email.body_text and "Aino Virtanen" in email.subject
    assert "ehdottaa toista työntekijää" in email.body_text


def test_decline__a_unit_without_its_own_address_is_told_through_the_staff_member_who_proposed(
    django_capture_on_commit_callbacks,
):
    gig = _gig(workers_needed=1)
    proposer = UserFactory(language="sv")
    worker = WorkerFactory(home_unit=UnitFactory(email=""))
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig, worker=worker, proposed_by=proposer)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_decline(assignment_id=assignment.pk, by=worker.user)
    assert _sent() == {("gig_declined_unit", proposer.email, "sv")}
    assert "Why:" not in OutboundEmail.objects.get().body_text  # no reason given, no empty line for it


def test_decline__by_staff_for_the_worker_sends_nothing(django_capture_on_commit_callbacks):
    assignment = _offered(_gig())
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_decline(assignment_id=assignment.pk, by=UnitStaffFactory(unit=assignment.unit))
    assert _sent() == set()


# --- Taking a worker off the gig ------------------------------------------------------------------
def test_withdraw__an_accepted_worker_the_staff_member_her_unit_and_the_client_are_told(
    coordinator, django_capture_on_commit_callbacks
):
    gig = _gig(workers_needed=1, order_language="sv")
    staff = UserFactory(language="fi")
    assignment = _offered(gig, language="en", support_person=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
        OutboundEmail.objects.all().delete()
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason="Asiakas pyysi muutosta.")
        # Taking her off again is refused and tells nobody anything.
        with pytest.raises(TransitionNotAllowed):
            services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason="Toinen kerta.")

    assert _sent() == {
        ("gig_withdrawn_worker", assignment.worker.user.email, "en"),
        ("gig_withdrawn_unit", staff.email, "fi"),
        ("gig_withdrawn_unit", assignment.unit.email, "fi"),
        ("gig_restaffing_client", gig.order.contact.email, "sv"),
    }
    to_worker = OutboundEmail.objects.get(code="gig_withdrawn_worker")
    assert "You are no longer on this gig. You do not go to this gig." in to_worker.body_text
    to_client = OutboundEmail.objects.get(code="gig_restaffing_client")
    # The client hears that a place is filled again, never who or why.
    for private in ("Aino", "Virtanen", "Asiakas pyysi"):
        assert private not in to_client.subject + to_client.body_text
    assert "Asiakas pyysi" not in to_worker.body_text  # her instructor tells her why, in person
    assert "Asiakas pyysi muutosta." in OutboundEmail.objects.get(to=assignment.unit.email).body_text


def test_withdraw__an_offered_worker_by_her_unit_only_she_is_told(django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=1)
    assignment = _offered(gig, language="sv")
    instructor = UnitStaffFactory(unit=assignment.unit)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_withdraw(assignment_id=assignment.pk, by=instructor, reason="Ei sovi aikatauluun.")
    assert _sent() == {("gig_withdrawn_worker", assignment.worker.user.email, "sv")}
    email = OutboundEmail.objects.get()
    with translation.override("sv"):
        assert "Du är inte längre med" in email.body_text


def test_withdraw__a_worker_only_proposed_hears_nothing_herself(coordinator, django_capture_on_commit_callbacks):
    gig = _gig(workers_needed=1)
    assignment = assignment_in(AssignmentStatus.PROPOSED, gig=gig)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason="Paikka täynnä.")
    # She never heard of the gig from the Jobcenter; her unit, which proposed her, is told.
    assert _sent() == {("gig_withdrawn_unit", assignment.unit.email, "fi")}


def test_withdraw__before_the_client_was_told_of_the_staffing_the_client_hears_nothing(
    coordinator, django_capture_on_commit_callbacks
):
    gig = _gig(workers_needed=2)
    assignment = _offered(gig)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason="Sairastui.")
    assert not OutboundEmail.objects.filter(to=gig.order.contact.email).exists()


def test_gig_cancel__does_not_send_the_withdrawal_emails_on_top_of_the_cancellation(
    coordinator, django_capture_on_commit_callbacks
):
    gig = _gig(workers_needed=1)
    assignment = _offered(gig)
    with django_capture_on_commit_callbacks(execute=True):
        services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Sade")
    codes = set(OutboundEmail.objects.values_list("code", flat=True))
    assert codes == {"gig_cancelled_worker", "gig_cancelled_unit", "gig_cancelled_client"}
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN


# --- The worker's own gig page --------------------------------------------------------------------
def _gig_page(client, assignment) -> str:
    with translation.override("fi"):  # the page in the worker's default language
        return main_text(client.get(reverse("workers:gig", args=[assignment.pk])))


def test_worker_gig_page__a_gig_cancelled_under_her_says_so_plainly_with_the_day_and_reason(client, coordinator):
    gig = _gig(workers_needed=1)
    assignment = _offered(gig)
    services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Asiakas siirsi remontin.")
    gig.refresh_from_db()

    client.force_login(assignment.worker.user)
    text = _gig_page(client, assignment)

    day = timezone.localtime(gig.cancelled_at).strftime("%-d.%-m.%Y")
    assert f"Keikka on peruttu. Se peruttiin {day}. Et mene tälle keikalle." in text
    assert "Miksi: Asiakas siirsi remontin." in text
    assert "Et ole enää tällä keikalla" not in text and "Ask your instructor" not in text


def test_worker_gig_page__taken_off_a_gig_that_goes_ahead_still_reads_as_before(client, coordinator):
    gig = _gig(workers_needed=1)
    assignment = _offered(gig)
    services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason="Sairastui.")

    client.force_login(assignment.worker.user)
    text = _gig_page(client, assignment)

    assert "peruttu" not in text
    assert "Sairastui" not in text
