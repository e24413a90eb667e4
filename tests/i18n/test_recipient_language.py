"""Data in three languages, and each person's documents in that person's language.

Task types and order terms are translated with modeltranslation (the admin shows a field per
language, the public form the reader's); a client's invoices and emails are in the client's
language, a worker's emails in hers, which she (or her unit) chooses."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from billing import services as billing
from billing.pdf import render_invoice_html
from jobcenter.errors import ActionNotPermitted, DomainError
from orders import services
from orders.models import AssignmentStatus, OrderStatus, OrderTerms, TaskType
from tests.factories import (
    AdministratorFactory,
    AssignmentFactory,
    ClientOrganisationFactory,
    CoordinatorFactory,
    GigFactory,
    TaskTypeFactory,
    UnitFactory,
    UnitStaffFactory,
    WorkerFactory,
)
from tests.factories.auth import mark_session_mfa
from tests.factories.states import order_in
from tests.support.billing import approved_order
from workers.services import worker_set_language

pytestmark = pytest.mark.django_db


# --- Task types and terms as translated data -------------------------------------------------------
def test_task_type__name_in_the_readers_language_with_finnish_standing_in():
    task = TaskTypeFactory(code="hand-sewing", name_fi="Ompelu", name_sv="Sömnad", name_en="")
    for language, expected in (("fi", "Ompelu"), ("sv", "Sömnad"), ("en", "Ompelu")):
        with translation.override(language):
            assert str(task) == task.name == expected


def test_public_order_form__task_types_in_swedish_on_the_swedish_page(client):
    TaskTypeFactory(code="window-washing", name_fi="Ikkunanpesu", name_sv="Fönstertvätt", name_en="Window washing")
    with translation.override("sv"):
        html = client.get(reverse("orders:request")).content.decode()
    assert "Fönstertvätt" in html and "Ikkunanpesu" not in html


def test_admin__shows_the_name_and_the_terms_in_each_language(client):
    admin = AdministratorFactory()
    client.force_login(admin)
    mark_session_mfa(client, admin)
    task = TaskTypeFactory(code="mailing", name_fi="Postitus", name_sv="Postning", name_en="Mailing")
    html = client.get(reverse("admin:orders_tasktype_change", args=[task.pk])).content.decode()
    for field in ("name_fi", "name_sv", "name_en"):
        assert f'name="{field}"' in html, field
    html = client.get(reverse("admin:orders_orderterms_add")).content.decode()
    for field in ("text_fi", "text_sv", "text_en"):
        assert f'name="{field}"' in html, field


def test_migration__fills_the_base_field_and_the_seeded_languages():
    TaskType.objects.filter(code="cleaning").delete()
    task = TaskType.objects.create(code="cleaning", name_fi="Siivous", name_sv="", name_en="")
    terms = OrderTerms.objects.get(version="2026-1")
    OrderTerms.objects.filter(pk=terms.pk).update(text_sv="", text_en="")
    migration = importlib.import_module("orders.migrations.0013_translated_task_types_and_terms")

    migration.fill(apps, None)

    task.refresh_from_db()
    assert (task.name_fi, task.name_sv, task.name_en) == ("Siivous", "Städning", "Cleaning")
    terms.refresh_from_db()
    assert terms.text_sv.startswith("Villkor för Jobcenter") and terms.text_en.startswith("Jobcenter order terms")


# --- The client's language ------------------------------------------------------------------------
def test_invoice__for_a_swedish_client_is_in_swedish():
    client_org = ClientOrganisationFactory(language="sv")
    TaskTypeFactory(code="cleaning")  # Siivous / Städning / Cleaning
    order = approved_order({dt.date(2025, 1, 15): ["2.5"]}, client=client_org)
    type(order).objects.filter(pk=order.pk).update(task_type=TaskType.objects.get(code="cleaning"))
    with translation.override("fi"):  # the coordinator works in Finnish
        invoice = billing.invoice_issue_for_order(
            order_id=order.pk, by=CoordinatorFactory(), issue_date=dt.date(2025, 2, 1)
        )
    assert invoice.language == "sv"
    html = render_invoice_html(invoice)
    assert 'lang="sv"' in html or "Faktura" in html
    assert "Städning" in html and "Siivous" not in html
    assert "2,50" in html


def test_terms_email__in_the_orders_language_with_the_terms_in_it(mailoutbox, django_capture_on_commit_callbacks):
    order = order_in(OrderStatus.SUBMITTED, language="sv")
    with translation.override("fi"), django_capture_on_commit_callbacks(execute=True):
        services.order_send_terms(order_id=order.pk, by=CoordinatorFactory())
    body = mailoutbox[0].body
    with translation.override("sv"):
        regards = translation.gettext("Best regards,")
    assert "/sv/order/terms/" in body and regards in body and regards != "Best regards,"


# --- The worker's language ------------------------------------------------------------------------
def _offer(worker, mailoutbox, capture):
    gig = GigFactory(
        order=order_in(OrderStatus.STAFFING),
        date=timezone.localdate() + dt.timedelta(days=7),
        start_time=dt.time(10),
        planned_hours=Decimal("3"),
    )
    assignment = AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.PROPOSED)
    with translation.override("fi"), capture(execute=True):
        services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    return mailoutbox[-1]


def test_worker_with_english__gets_english_emails(mailoutbox, django_capture_on_commit_callbacks):
    worker = WorkerFactory(user__language="en")
    email = _offer(worker, mailoutbox, django_capture_on_commit_callbacks)
    assert "You have a new gig offer." in email.body
    assert "at 10:00–13:00" in email.body and "3 hours" in email.body
    assert "klo" not in email.body and "tuntia" not in email.body


def test_worker__chooses_her_language_on_her_own_page(client, mailoutbox, django_capture_on_commit_callbacks):
    worker = WorkerFactory(user__language="fi")
    client.force_login(worker.user)
    page = client.get(reverse("workers:language")).content.decode()
    assert 'lang="sv"' in page and "svenska" in page

    response = client.post(reverse("workers:language"), {"language": "sv"}, follow=True)

    assert response.status_code == 200
    worker.user.refresh_from_db()
    assert worker.user.language == "sv"
    assert "Sparat." in response.content.decode()
    body = _offer(worker, mailoutbox, django_capture_on_commit_callbacks).body
    assert "Du erbjuds ett nytt jobb." in body and "kl. 10–13" in body


def test_worker_language_page__refuses_an_unknown_language_with_a_message(client):
    worker = WorkerFactory(user__language="fi")
    client.force_login(worker.user)
    response = client.post(reverse("workers:language"), {"language": "de"})
    assert response.status_code == 400 and "Valitse kieli." in response.content.decode()
    worker.user.refresh_from_db()
    assert worker.user.language == "fi"


def test_unit_staff__set_the_language_of_their_worker_and_not_of_another_units(client):
    unit = UnitFactory()
    worker = WorkerFactory(home_unit=unit, user__language="fi")
    staff = UnitStaffFactory(unit=unit)
    client.force_login(staff)
    assert (
        'action="{}"'.format(reverse("units:worker-language", args=[worker.pk]))
        in client.get(reverse("units:worker", args=[worker.pk])).content.decode()
    )

    response = client.post(reverse("units:worker-language", args=[worker.pk]), {"language": "en"})

    assert response.status_code == 302
    worker.user.refresh_from_db()
    assert worker.user.language == "en"

    stranger = UnitStaffFactory(unit=UnitFactory())
    client.force_login(stranger)
    response = client.post(reverse("units:worker-language", args=[worker.pk]), {"language": "sv"})
    assert response.status_code == 404
    worker.user.refresh_from_db()
    assert worker.user.language == "en"


def test_worker_set_language__guards():
    worker = WorkerFactory(user__language="fi")
    with pytest.raises(ActionNotPermitted):
        worker_set_language(worker_id=worker.pk, language="sv", by=WorkerFactory().user)
    with pytest.raises(DomainError):
        worker_set_language(worker_id=worker.pk, language="de", by=worker.user)
    worker_set_language(worker_id=worker.pk, language="sv", by=worker.user)
    worker_set_language(worker_id=worker.pk, language="sv", by=worker.user)  # again: nothing changes
    worker.user.refresh_from_db()
    assert worker.user.language == "sv"
