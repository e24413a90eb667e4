"""The Django admin on the demo data: every page opens, and state changes go only through services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth import authenticate
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from demo.management.commands.seed_demo import ADMIN_EMAIL, COORDINATOR_EMAIL
from jobcenter.models import User
from orders.models import Assignment, AssignmentStatus, Order, OrderStatus
from tests.support.module_data import module_transaction
from units.models import Unit
from workers.models import AccessLogEntry, Worker

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module inside a transaction rolled back at its end. Each test
    runs in a savepoint of its own (pytest-django), so what an admin action changes is undone after
    the test, as with a seeding of its own: seeding the demo for every test took about 13 s each."""
    outbox = tmp_path_factory.mktemp("admin-demo-einvoices")
    with module_transaction(django_db_blocker, JOBCENTER_EINVOICE_OUTBOX_DIR=outbox):
        call_command("seed_demo", force=True, stdout=StringIO())
        yield


@pytest.fixture
def admin_user(demo) -> User:
    return User.objects.get(email=ADMIN_EMAIL)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def coordinator_client(client, demo):
    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    return client


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _changelist_action(client, model, action: str, objects, **extra):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [o.pk for o in objects], "index": 0, **extra}
    return client.post(_url(model, "changelist"), data, follow=True)


def _confirm_action(client, model, action: str, objects, **fields):
    """The second step of an action with a form page: post the form back with `_confirm`."""
    data = {
        "action": action,
        helpers.ACTION_CHECKBOX_NAME: [o.pk for o in objects],
        "_confirm": "1",
        **fields,
    }
    return client.post(_url(model, "changelist"), data, follow=True)


def test_admin__every_changelist_add_and_change_page_opens(admin_client, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    problems = []
    for model, model_admin in admin.site._registry.items():
        response = admin_client.get(_url(model, "changelist"))
        if response.status_code != 200:
            problems.append(f"{model._meta.label} changelist: {response.status_code}")
        expected = 200 if model_admin.has_add_permission(request) else 403
        response = admin_client.get(_url(model, "add"))
        if response.status_code != expected:
            problems.append(f"{model._meta.label} add: {response.status_code}, expected {expected}")
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            response = admin_client.get(_url(model, "change", obj.pk))
            if response.status_code != 200:
                problems.append(f"{model._meta.label} change: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_admin__seeded_objects_of_the_order_flow_have_change_pages(admin_client):
    for obj in (
        Order.objects.get(status=OrderStatus.CLOSED, title__startswith="Opinnäytetöiden"),
        Assignment.objects.filter(status=AssignmentStatus.APPROVED).first(),
        Worker.objects.first(),
    ):
        assert admin_client.get(_url(type(obj), "change", obj.pk)).status_code == 200


def test_order_admin__state_and_terms_fields_are_read_only(admin_client):
    order = Order.objects.filter(status=OrderStatus.SUBMITTED).first()
    response = admin_client.get(_url(Order, "change", order.pk))
    html = response.content.decode()

    for name in ("status", "terms", "terms_sent_at", "terms_accepted_at", "submitted_at", "closed_reason"):
        assert f'name="{name}"' not in html, name
    assert 'name="title"' in html


def test_order_admin__send_terms_moves_a_submitted_order_to_terms_sent(admin_client):
    order = Order.objects.filter(status=OrderStatus.SUBMITTED).first()

    response = _changelist_action(admin_client, Order, "send_terms", [order])

    order.refresh_from_db()
    assert response.status_code == 200
    assert order.status == OrderStatus.TERMS_SENT
    assert order.status_changes.order_by("at", "pk").last().to_status == OrderStatus.TERMS_SENT
    shown = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    # In the admin's language (Finnish by default), with the number's own plural form.
    assert shown == [("success", "1 tilaus: ehdot lähetetty.")]


def test_order_admin__an_illegal_action_shows_the_error_and_changes_nothing(admin_client):
    order = Order.objects.filter(status=OrderStatus.CLOSED).first()
    history = order.status_changes.count()

    response = _changelist_action(admin_client, Order, "send_terms", [order])

    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert order.status_changes.count() == history
    errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and f"#{order.pk}" in str(errors[0])


def test_order_admin__reject_asks_for_a_reason_first(admin_client):
    order = Order.objects.filter(status=OrderStatus.SUBMITTED).first()

    page = _changelist_action(admin_client, Order, "reject", [order])
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED

    without_reason = _confirm_action(admin_client, Order, "reject", [order], reason="   ")
    assert 'name="reason"' in without_reason.content.decode()  # the form again, with its error
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED

    _confirm_action(admin_client, Order, "reject", [order], reason="Ei sovellu Jobcenterille.")
    order.refresh_from_db()
    assert order.status == OrderStatus.REJECTED
    assert order.closed_reason == "Ei sovellu Jobcenterille."


def test_order_admin__cancel_with_a_reason_withdraws_open_assignments(coordinator_client):
    order = (
        Order.objects.filter(status=OrderStatus.STAFFING, gigs__assignments__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    assert order is not None  # the demo has orders being staffed with workers proposed

    _confirm_action(coordinator_client, Order, "cancel", [order], reason="Asiakas perui muuton.")

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    statuses = set(Assignment.objects.filter(gig__order=order).values_list("status", flat=True))
    assert statuses == {AssignmentStatus.WITHDRAWN}


def test_order_admin__inform_units_and_add_a_gig_through_the_form_pages(coordinator_client):
    order = Order.objects.get(status=OrderStatus.TERMS_ACCEPTED)
    vallila = Unit.objects.get(name="Vallila")
    day = timezone.localdate() + dt.timedelta(days=3)

    page = _changelist_action(coordinator_client, Order, "add_gig", [order])
    assert 'name="planned_hours"' in page.content.decode()
    _confirm_action(coordinator_client, Order, "inform_units", [order], units=[vallila.pk])
    _confirm_action(
        coordinator_client, Order, "add_gig", [order],
        date=day.isoformat(), start_time="09:00", planned_hours="2,5", workers_needed=1, notes="",
    )  # fmt: skip
    past = _confirm_action(
        coordinator_client, Order, "add_gig", [order],
        date="2020-01-01", start_time="09:00", planned_hours="2", workers_needed=1, notes="",
    )  # fmt: skip

    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
    assert list(order.unit_notices.values_list("unit", flat=True)) == [vallila.pk]
    assert [(g.date, g.planned_hours) for g in order.gigs.all()] == [(day, Decimal("2.50"))]
    errors = [str(m) for m in get_messages(past.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1


def test_user_admin__creates_a_user_who_logs_in_with_the_email(admin_client):
    response = admin_client.post(
        _url(User, "add"),
        {
            "email": "Uusi.Ohjaaja@Jobcenter.example",
            "first_name": "Uusi",
            "last_name": "Ohjaaja",
            "language": "fi",
            "usable_password": "true",
            "password1": "pitka-salasana-123",
            "password2": "pitka-salasana-123",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="uusi.ohjaaja@jobcenter.example")
    assert authenticate(email=user.email, password="pitka-salasana-123") == user


def test_assignment_admin__offer_and_approve_as_reported_go_through_the_services(coordinator_client):
    proposed = (
        Assignment.objects.filter(status=AssignmentStatus.PROPOSED, gig__order__status=OrderStatus.STAFFING)
        .exclude(worker__received_benefits__benefit="unemployment_benefit")
        .first()
    )
    done = Assignment.objects.get(status=AssignmentStatus.DONE, gig__order__status=OrderStatus.DONE)

    _changelist_action(coordinator_client, Assignment, "offer", [proposed])
    _changelist_action(coordinator_client, Assignment, "approve_as_reported", [done])

    proposed.refresh_from_db()
    done.refresh_from_db()
    assert proposed.status == AssignmentStatus.OFFERED
    assert done.status == AssignmentStatus.APPROVED and done.approved_hours == done.reported_hours
    assert done.gig.order.status == OrderStatus.APPROVED


def test_assignment_admin__a_commission_gig_is_not_offered_to_a_worker_on_unemployment_benefit(coordinator_client):
    """Antti (demo) gets unemployment benefit and is proposed for commission work: the admin action goes
    through the same guard as the coordinator's page and says why."""
    antti = Assignment.objects.get(
        status=AssignmentStatus.PROPOSED,
        gig__order__contract_type="commission",
        worker__received_benefits__benefit="unemployment_benefit",
    )
    response = _changelist_action(coordinator_client, Assignment, "offer", [antti])
    antti.refresh_from_db()
    assert antti.status == AssignmentStatus.PROPOSED
    assert any("yrittäjyyttä" in str(m) for m in get_messages(response.wsgi_request))


def test_assignment_admin__approving_twice_is_harmless_and_offering_a_done_one_is_refused(coordinator_client):
    done = Assignment.objects.get(status=AssignmentStatus.DONE, gig__order__status=OrderStatus.DONE)

    response = _changelist_action(coordinator_client, Assignment, "offer", [done])

    done.refresh_from_db()
    assert done.status == AssignmentStatus.DONE
    assert any(m.level_tag == "error" for m in get_messages(response.wsgi_request))


def test_access_log_admin__offers_no_add_change_or_delete(admin_client):
    worker = Worker.objects.first()
    admin_client.get(_url(Worker, "change", worker.pk))  # shows the support needs: one log row
    entry = AccessLogEntry.objects.get(worker=worker, data="support_needs")

    changelist = admin_client.get(_url(AccessLogEntry, "changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert admin_client.get(_url(AccessLogEntry, "delete", entry.pk)).status_code == 403
    assert admin_client.get(_url(AccessLogEntry, "add")).status_code == 403
    change = admin_client.get(_url(AccessLogEntry, "change", entry.pk))
    assert change.status_code == 200 and 'name="reason"' not in change.content.decode()  # view only

    response = _changelist_action(admin_client, AccessLogEntry, "delete_selected", [entry], post="yes")
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_worker_admin__support_needs_stay_out_of_the_list_and_their_reads_are_logged(admin_client):
    worker = Worker.objects.select_related("user").first()

    changelist = admin_client.get(_url(Worker, "changelist"))
    assert worker.support_needs not in changelist.content.decode()
    # (The demo's own rows are the instructors' entering of bank accounts, as the seed does it.)
    assert not AccessLogEntry.objects.filter(data="support_needs").exists()

    change = admin_client.get(_url(Worker, "change", worker.pk))
    assert worker.support_needs in change.content.decode()
    assert AccessLogEntry.objects.filter(worker=worker, data="support_needs").count() == 1


def test_vat_admin__an_overlapping_or_incomplete_rate_is_refused_with_a_form_error(admin_client):
    from billing.models import VatRate

    before = VatRate.objects.count()
    overlapping = admin_client.post(
        _url(VatRate, "add"), {"rate": "25.50", "valid_from": "2025-01-01", "valid_to": "", "source": "test"}
    )
    incomplete = admin_client.post(_url(VatRate, "add"), {"rate": "25.50", "valid_from": "", "source": "test"})

    assert overlapping.status_code == 200 and "errornote" in overlapping.content.decode()
    assert incomplete.status_code == 200 and "errornote" in incomplete.content.decode()
    assert VatRate.objects.count() == before


def test_admin__unit_staff_and_workers_do_not_get_in(client, demo):
    for email in ("maija.virtanen@jobcenter.example", "aino.lahtinen@koti.example"):
        client.force_login(User.objects.get(email=email))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302, email


def test_order_admin__the_coordinator_sees_the_actions_the_admin_offers(coordinator_client):
    response = coordinator_client.get(_url(Order, "changelist"))
    html = response.content.decode()

    assert response.status_code == 200
    for action in ("send_terms", "inform_units", "add_gig", "reject", "cancel", "close"):
        assert f'value="{action}"' in html, action


def test_payout_admin__the_account_paid_to_is_masked(admin_client):
    from billing.models import PayoutStatus
    from tests.factories import WorkerFactory
    from tests.support.worker_payments import TEST_IBAN, worker_payout

    payout = worker_payout(WorkerFactory(), status=PayoutStatus.PAID)

    response = admin_client.get(reverse("admin:billing_payout_change", args=[payout.pk]))

    page = response.content.decode()
    assert response.status_code == 200 and TEST_IBAN not in page
    assert "FI" + "•" * 14 + "85" in page
