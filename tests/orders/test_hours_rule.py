"""One hours rule (`orders.hours`) and one gig form (`orders.forms.GigForm`) for every page.

The same hours are taken or refused alike by the coordinator's gig form and approval, the unit's
gig form and report on the worker's behalf, the worker's own report and the admin's "Add a gig…".
Unit staff used to be held to quarter hours by their form and could not write a decimal comma;
2,1 hours now go through on every page. Pages are read in English so the assertions use the
source strings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from jobcenter.forms import HoursField
from orders import hours as rule
from orders.forms import GigForm
from orders.models import Assignment, AssignmentStatus, Gig, OrderStatus, OrderUnitNotice
from tests.factories import (
    AdministratorFactory,
    AssignmentFactory,
    CoordinatorFactory,
    GigFactory,
    UnitFactory,
    UnitStaffFactory,
    WorkerFactory,
)
from tests.factories.states import assignment_in, order_in
from web.coordinator import forms as coordinator_forms
from web.me.forms import HoursForm
from web.unit import forms as unit_forms

pytestmark = pytest.mark.django_db


def en(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


# --- The rule itself ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("2,5", Decimal("2.50")),
        ("2.5", Decimal("2.50")),
        ("2 h", Decimal("2.00")),
        (" 2,5 H ", Decimal("2.50")),
        ("2,1", Decimal("2.10")),
        ("0,01", Decimal("0.01")),
        ("12", Decimal("12.00")),
        ("3,00", Decimal("3.00")),
        (Decimal("2.1"), Decimal("2.10")),
        (3, Decimal("3.00")),
    ],
)
def test_parse_hours__reads_what_people_type(typed, hours):
    parsed = rule.parse_hours(typed)
    assert parsed == hours and parsed.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("kolme", "invalid"),
        ("-1", "invalid"),
        ("1e1", "invalid"),
        ("NaN", "invalid"),
        ("2,5,1", "invalid"),
        ("", "invalid"),
        ("0", "zero"),
        ("0,00", "zero"),
        ("12,01", "too_many"),
        ("25", "too_many"),
        ("9" * 40, "too_many"),
        ("2,125", "step"),
        ("0,001", "step"),
    ],
)
def test_parse_hours__refuses_with_a_reason(typed, code):
    with pytest.raises(rule.HoursError) as refused:
        rule.parse_hours(typed)
    assert refused.value.code == code


def test_parse_hours__messages_say_the_limits():
    with translation.override("en"):
        with pytest.raises(rule.HoursError) as too_many:
            rule.parse_hours("13")
        with pytest.raises(rule.HoursError) as too_few:
            rule.parse_planned_hours("0,1")
    assert too_many.value.message == "One gig can have at most 12 hours."
    assert too_few.value.message == "A gig must be at least 0.25 hours."


def test_the_rule_keeps_the_values_the_services_enforce():
    assert (rule.HOURS_STEP, rule.MAX_HOURS_PER_GIG, rule.MIN_PLANNED_HOURS) == (
        Decimal("0.01"),
        Decimal("12"),
        Decimal("0.25"),
    )
    field = Gig._meta.get_field("planned_hours")
    validators = {type(v).__name__: v.limit_value for v in field.validators if hasattr(v, "limit_value")}
    assert validators == {"MinValueValidator": rule.MIN_PLANNED_HOURS, "MaxValueValidator": rule.MAX_HOURS_PER_GIG}


def test_hours_field__a_form_may_say_a_reason_in_its_own_words():
    class Form(forms.Form):
        hours = rule.hours_field(error_messages={"too_many": "At most %(max)s, ask someone."})

    with translation.override("en"):
        refused, finer, taken = Form({"hours": "13"}), Form({"hours": "2,333"}), Form({"hours": "2,1"})
        assert not refused.is_valid() and refused.errors["hours"] == ["At most 12, ask someone."]
        assert not finer.is_valid() and finer.errors["hours"] == [
            "Write the hours with at most two decimals, for example 2.25."
        ]
    assert taken.is_valid() and taken.cleaned_data["hours"] == Decimal("2.10")


def test_every_form_that_takes_hours_uses_the_one_field():
    fields = {
        "coordinator gig": coordinator_forms.GigForm().fields["planned_hours"],
        "coordinator approve": coordinator_forms.ApproveForm().fields["hours"],
        "unit gig": unit_forms.GigForm().fields["planned_hours"],
        "unit report": unit_forms.ReportHoursForm().fields["hours"],
        "worker report": HoursForm().fields["hours"],
        "admin gig": GigForm().fields["planned_hours"],
    }
    assert {name: type(field) for name, field in fields.items()} == dict.fromkeys(fields, HoursField)
    gig_fields = {name: field for name, field in fields.items() if "gig" in name}
    assert {field.parse for field in gig_fields.values()} == {rule.parse_planned_hours}
    reports = {name: field for name, field in fields.items() if "gig" not in name}
    assert {field.parse for field in reports.values()} == {rule.parse_hours}


def test_the_gig_forms_of_the_pages_are_the_one_gig_form():
    assert issubclass(coordinator_forms.GigForm, GigForm)
    assert issubclass(unit_forms.GigForm, GigForm)
    assert admin.site._registry[Gig].form is GigForm
    names = ["date", "start_time", "planned_hours", "workers_needed", "notes"]
    assert list(coordinator_forms.GigForm().fields) == list(unit_forms.GigForm().fields) == names


# --- The pages ------------------------------------------------------------------------------------
@pytest.fixture
def unit():
    return UnitFactory(name="Vallila")


@pytest.fixture
def staff_client(client, unit):
    client.force_login(UnitStaffFactory(unit=unit))
    return client


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


@pytest.fixture
def admin_client(client):
    client.force_login(AdministratorFactory())
    return client


def _informed_order(unit):
    order = order_in(OrderStatus.STAFFING)
    OrderUnitNotice.objects.create(order=order, unit=unit)
    return order


def _gig_data(**changes) -> dict:
    day = timezone.localdate() + dt.timedelta(days=5)
    return {"date": day.isoformat(), "start_time": "10:00", "planned_hours": "2,1", "workers_needed": "1", **changes}


def _post_gig(page: str, http, order, data):
    """Add a gig on the coordinator's page, the unit's page or with the admin's order action."""
    if page == "coordinator":
        return http.post(en("coordinator:gig-add", order.pk), data)
    if page == "unit":
        return http.post(en("units:gig-add", order.pk), data)
    selection = {"action": "add_gig", helpers.ACTION_CHECKBOX_NAME: [order.pk], "index": 0, "_confirm": "1"}
    return http.post(en("admin:orders_order_changelist"), {**selection, **data}, follow=True)


@pytest.fixture(params=["coordinator", "unit", "admin"])
def gig_page(request, unit):
    """(page, logged-in client, an order that page may add a gig to)."""
    fixture = {"coordinator": "coordinator_client", "unit": "staff_client", "admin": "admin_client"}[request.param]
    return request.param, request.getfixturevalue(fixture), _informed_order(unit)


def test_gig_pages__take_2_1_hours_with_a_comma(gig_page):
    page, http, order = gig_page

    response = _post_gig(page, http, order, _gig_data(notes="Ovi B"))

    assert response.status_code in {200, 302}
    gig = order.gigs.get()
    assert (gig.planned_hours, gig.start_time, gig.workers_needed, gig.notes) == (
        Decimal("2.10"),
        dt.time(10),
        1,
        "Ovi B",
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("13", "One gig can have at most 12 hours."),
        ("2,125", "Write the hours with at most two decimals, for example 2.25."),
        ("0,1", "A gig must be at least 0.25 hours."),
        ("kaksi", "Write the hours as a number, for example 2 or 2.5."),
    ],
)
def test_gig_pages__refuse_the_same_hours_with_the_same_words(gig_page, typed, message):
    page, http, order = gig_page

    response = _post_gig(page, http, order, _gig_data(planned_hours=typed))

    assert response.status_code == 200
    assert message in text(response)
    assert not order.gigs.exists()


def test_gig_pages__no_browser_step_holds_unit_staff_to_quarter_hours(unit):
    order = _informed_order(unit)
    for user, address in (
        (UnitStaffFactory(unit=unit), en("units:gig-add", order.pk)),
        (CoordinatorFactory(), en("coordinator:gig-add", order.pk)),
    ):
        http = Client()
        http.force_login(user)
        html = text(http.get(address))
        start = html.index('name="planned_hours"')
        tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
        assert 'type="text"' in tag and 'inputmode="decimal"' in tag and "step=" not in tag


def test_unit_report__takes_2_1_hours_for_the_worker(staff_client, unit):
    worker = WorkerFactory(home_unit=unit)
    assignment = AssignmentFactory(worker=worker, accepted=True, gig=GigFactory(date=timezone.localdate()))

    response = staff_client.post(en("units:assignment-report", worker.pk, assignment.pk), {"hours": "2,1"})

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.reported_hours) == (AssignmentStatus.DONE, Decimal("2.10"))


def test_unit_report__too_many_hours_are_refused_with_the_reason(staff_client, unit):
    worker = WorkerFactory(home_unit=unit)
    assignment = AssignmentFactory(worker=worker, accepted=True, gig=GigFactory(date=timezone.localdate()))

    response = staff_client.post(en("units:assignment-report", worker.pk, assignment.pk), {"hours": "13"}, follow=True)

    assert "One gig can have at most 12 hours." in text(response)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.reported_hours) == (AssignmentStatus.ACCEPTED, None)


def _worker_today(worker):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=timezone.localdate())
    return AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.ACCEPTED)


def test_worker_report__takes_2_1_hours(client):
    worker = WorkerFactory()
    assignment = _worker_today(worker)
    client.force_login(worker.user)

    response = client.post(en("workers:report", assignment.pk), {"hours": "2,1"})

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.reported_hours) == (AssignmentStatus.DONE, Decimal("2.10"))


def test_worker_report__finer_than_the_step_is_refused_like_everywhere(client):
    worker = WorkerFactory()
    assignment = _worker_today(worker)
    client.force_login(worker.user)

    response = client.post(en("workers:report", assignment.pk), {"hours": "2,125"})

    assert response.status_code == 200
    assert "Write the hours with at most two decimals, for example 2.25." in text(response)
    assignment.refresh_from_db()
    assert assignment.reported_hours is None


def test_coordinator_approve__corrects_to_2_1_hours(coordinator_client):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    response = coordinator_client.post(
        en("coordinator:assignment-approve", assignment.pk), {"hours": "2,1", "reason": "Lähti aiemmin"}
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.approved_hours) == (AssignmentStatus.APPROVED, Decimal("2.10"))


def test_coordinator_approve__too_many_hours_are_refused_with_the_reason(coordinator_client):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    response = coordinator_client.post(
        en("coordinator:assignment-approve", assignment.pk), {"hours": "13", "reason": "x"}, follow=True
    )

    assert "One gig can have at most 12 hours." in text(response)
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.DONE


def test_gig_admin__the_change_page_corrects_only_the_notes(admin_client):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), planned_hours=Decimal("3"), notes="Vanha")
    address = en("admin:orders_gig_change", gig.pk)

    page = text(admin_client.get(address))
    inline = {"assignments-TOTAL_FORMS": "0", "assignments-INITIAL_FORMS": "0"}
    response = admin_client.post(address, {"notes": "Ovi B", "planned_hours": "2,1", "_save": "Save", **inline})

    assert 'name="notes"' in page and 'name="planned_hours"' not in page
    assert response.status_code == 302
    gig.refresh_from_db()
    assert (gig.notes, gig.planned_hours) == ("Ovi B", Decimal("3.00"))
