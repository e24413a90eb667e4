"""Invisible text-direction characters (Unicode bidirectional controls, e.g. U+202E) are refused in
names, titles and free text with a plain message, in every form of the pages and of the admin;
searches drop them instead. "Kahvila\u202eyO alluK" would read "Kahvila Kulla Oy" on a screen."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import uuid

import django_filters
import pytest
from django import forms
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from jobcenter.admin import TextSafeAdminMixin
from jobcenter.forms import NoBidiControlsMixin, guard_text_field
from jobcenter.validators import BIDI_CONTROLS, strip_bidi_controls
from orders.models import ClientOrganisation, Order, OrderStatus
from tests.factories import AdministratorFactory, CoordinatorFactory, OrderFactory, WorkerFactory
from tests.factories.auth import login_staff
from tests.support.coordinator_pages import url
from tests.support.order_form import VALID
from tests.support.pages import visible
from tests.support.workers import order_in
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db

REVERSED = "Kahvila\u202eyO alluK"
MESSAGE_FI = (
    "Tekstissä on näkymättömiä merkkejä, jotka muuttavat sen suuntaa, usein kopioinnin ja liittämisen "
    "jäljiltä. Poista ne: kirjoita teksti uudelleen tai liitä se pelkkänä tekstinä."
)
MESSAGE_EN = (
    "The text has invisible characters that change its direction, often from copying and pasting. "
    "Remove them: type the text again, or paste it as plain text."
)


# --- The public order form -----------------------------------------------------------------------
@pytest.mark.parametrize("field", ["organisation_name", "title", "description", "contact_name"])
def test_order_form__a_name_or_text_with_a_direction_override_is_refused_and_nothing_saved(client, field):
    value = REVERSED if field != "title" else "Ikkuna\u2067pesu\u2069"
    response = client.post("/order/", {**VALID, field: value, "submission_key": str(uuid.uuid4())})

    assert response.status_code == 200
    assert MESSAGE_FI in visible(response)
    assert response.context["form"].errors[field] == [MESSAGE_FI]
    assert not Order.objects.exists() and not ClientOrganisation.objects.exists()


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_order_form__every_bidi_control_is_refused(client, char):
    response = client.post("/order/", {**VALID, "organisation_name": f"Kahvila{char} Kulma Oy"})

    assert "organisation_name" in response.context["form"].errors
    assert not Order.objects.exists()


def test_order_form__right_to_left_letters_without_controls_are_accepted(client):
    response = client.post("/order/", {**VALID, "contact_name": "نور حداد", "submission_key": str(uuid.uuid4())})

    assert response.status_code == 302
    assert Order.objects.get().client.contacts.get().name == "نور حداد"


# --- Staff pages ----------------------------------------------------------------------------------
def test_coordinator_gig_form__notes_with_a_bidi_control_are_refused(client):
    client.force_login(CoordinatorFactory())
    order = order_in(OrderStatus.STAFFING)
    day = timezone.localdate() + dt.timedelta(days=5)

    response = client.post(
        url("gig-add", order.pk),
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "planned_hours": "2",
            "workers_needed": "1",
            "notes": REVERSED,
        },
    )

    assert response.status_code == 200
    assert MESSAGE_EN in visible(response)
    assert not order.gigs.exists()


def test_coordinator_cancel__a_reason_with_a_bidi_control_is_refused(client):
    client.force_login(CoordinatorFactory())
    order = OrderFactory()

    client.post(url("order-cancel", order.pk), {"reason": "Asiakas\u202e peruutti"})

    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


def test_unit_support_needs__a_reason_with_a_bidi_control_is_refused(client, staff, worker):
    login_staff(client, staff)

    response = client.post(f"/unit/workers/{worker.pk}/support-needs/", {"reason": "Keikan\u200f valmistelu"})

    assert MESSAGE_FI in visible(response)
    assert not AccessLogEntry.objects.filter(worker=worker, data="support_needs").exists()


def test_coordinator_worker_search__drops_bidi_controls_instead_of_refusing(client):
    client.force_login(CoordinatorFactory())
    worker = WorkerFactory(user__first_name="Aino", user__last_name="Virtanen")

    response = client.get(reverse("worker_certificates:workers"), {"q": "Vir\u202etanen"})

    assert response.status_code == 200
    assert worker.display_name in visible(response)
    assert MESSAGE_EN not in visible(response)


# --- The admin ------------------------------------------------------------------------------------
def _admin_form(model, obj, **changes):
    model_admin = admin.site._registry[model]
    request = RequestFactory().post("/")
    request.user = AdministratorFactory()
    form_class = model_admin.get_form(request, obj, change=True)
    data = {key: ("" if value is None else value) for key, value in model_to_dict(obj).items()}
    return form_class(data={**data, **changes}, instance=obj)


def test_admin__an_order_title_and_a_client_name_with_bidi_controls_are_refused():
    order = OrderFactory(title="Ikkunanpesu")

    order_form = _admin_form(Order, order, title="Ikkuna\u202epesu")
    client_form = _admin_form(ClientOrganisation, order.client, name=REVERSED)

    assert not order_form.is_valid() and order_form.errors["title"] == [MESSAGE_FI]
    assert not client_form.is_valid() and client_form.errors["name"] == [MESSAGE_FI]


# Admins of installed packages, registered after ours: a group's name (administrators only), an email
# address (the email validator refuses these characters anyway) and an authenticator (no text).
THIRD_PARTY_ADMINS = {"auth.Group", "account.EmailAddress", "mfa.Authenticator"}


def test_admin__every_model_admin_and_inline_checks_its_text():
    unchecked = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, TextSafeAdminMixin) and model._meta.label not in THIRD_PARTY_ADMINS
    ]
    unchecked += [
        f"{model._meta.label}: {inline.__name__}"
        for model, model_admin in admin.site._registry.items()
        for inline in model_admin.inlines
        if not issubclass(inline, TextSafeAdminMixin)
    ]
    assert unchecked == [], "build admins on jobcenter.admin.ModelAdmin / TabularInline"


# --- Every form of the pages ----------------------------------------------------------------------
PACKAGES = ("web", "orders", "benefits", "billing", "workers", "units", "jobcenter")


def _project_modules():
    for name in PACKAGES:
        package = importlib.import_module(name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            parts = info.name.split(".")
            # The admin's forms are checked through the admin (above); migrations and commands have none.
            if {"migrations", "management", "admin"} & set(parts):
                continue
            yield importlib.import_module(info.name)


def test_every_form_and_filter_of_the_project_refuses_or_strips_bidi_controls():
    forms_found, unchecked = [], []
    for module in _project_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or cls.__module__ == "jobcenter.forms":
                continue
            if issubclass(cls, forms.BaseForm):
                forms_found.append(cls)
                if not issubclass(cls, NoBidiControlsMixin):
                    unchecked.append(f"{cls.__module__}.{cls.__qualname__}")
            if issubclass(cls, django_filters.FilterSet) and not issubclass(cls._meta.form, NoBidiControlsMixin):
                unchecked.append(f"{cls.__module__}.{cls.__qualname__} (Meta.form)")
    assert len(forms_found) > 30  # the scan found the forms
    assert unchecked == [], "mix jobcenter.forms.NoBidiControlsMixin (or HdsFormMixin) into these forms"


def test_guard__passwords_are_left_alone_and_stripping_keeps_the_text():
    password = forms.CharField(widget=forms.PasswordInput)
    guard_text_field(password)
    assert password.clean("salasana\u202e") == "salasana\u202e"

    search = forms.CharField(required=False)
    guard_text_field(search, strip=True)
    guard_text_field(search, strip=True)
    assert search.clean(" Vir\u202etanen\u2069 ") == "Virtanen"
    assert strip_bidi_controls("a\u061cb\u200ec") == "abc"
