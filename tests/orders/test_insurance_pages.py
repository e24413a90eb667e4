"""Insurance on the pages: the worker's gig page says in one plain line who insures her, and the
coordinator's pages and the admin's index warn of a contract type in use that no insurance covers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus, ContractType, InsurancePolicy, OrderStatus
from tests.factories import AdministratorFactory, CoordinatorFactory, GigFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.partners import active_contract, employer_partner, employment_order
from tests.support.workers import main_text

pytestmark = pytest.mark.django_db


def _worker_page(client, assignment) -> str:
    client.force_login(assignment.worker.user)
    return main_text(client.get(reverse("workers:gig", args=[assignment.pk])))


def test_worker_gig__commission_gig_names_the_citys_insurance(client):
    assignment = assignment_in(AssignmentStatus.OFFERED, worker=WorkerFactory())

    text = _worker_page(client, assignment)

    assert "Sinut on vakuutettu tällä keikalla: Helsingin kaupungin toimeksiantotyön tapaturmavakuutus." in text


def test_worker_gig__employment_gig_names_the_employer(client):
    partner = employer_partner(name="Väylä ry")
    gig = GigFactory(order=employment_order(partner))
    worker = WorkerFactory()
    assignment = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker)
    active_contract(worker, partner)

    text = _worker_page(client, assignment)

    assert "Työnantajasi Väylä ry vakuuttaa sinut." in text
    assert "toimeksiantotyön" not in text


def test_worker_gig__in_swedish(client):
    assignment = assignment_in(AssignmentStatus.OFFERED, worker=WorkerFactory())
    client.force_login(assignment.worker.user)

    text = main_text(client.get("/sv" + reverse("workers:gig", args=[assignment.pk])))

    assert "Du är försäkrad på det här jobbet: Helsingfors stads olycksfallsförsäkring för uppdragsarbete." in text


def test_worker_gig__says_nothing_untrue_when_no_insurance_covers_the_day(client):
    assignment = assignment_in(AssignmentStatus.OFFERED, worker=WorkerFactory())
    InsurancePolicy.objects.filter(contract_type=ContractType.COMMISSION).update(
        valid_to=assignment.gig.date - dt.timedelta(days=1)
    )

    text = _worker_page(client, assignment)

    assert "vakuutettu" not in text


def test_coordinator_pages__warn_of_a_contract_in_use_with_no_insurance_ahead(client):
    today = timezone.localdate()
    GigFactory(order=order_in(OrderStatus.STAFFING), date=today + dt.timedelta(days=30))
    client.force_login(CoordinatorFactory())
    url = reverse("coordinator:dashboard")
    assert "Mikään vakuutus ei kata" not in client.get(url).content.decode()

    policy = InsurancePolicy.objects.get(contract_type=ContractType.COMMISSION)
    policy.valid_to = today + dt.timedelta(days=9)
    policy.save()  # forgets the cached answer at once

    page = client.get(url).content.decode()
    day = today + dt.timedelta(days=10)
    assert f"Mikään vakuutus ei kata toimeksiantokeikkoja {day.day}.{day.month}.{day.year} alkaen." in page
    assert "Pyydä ylläpitäjää lisäämään vakuutus." in page


def test_admin_index__warns_with_a_link_to_the_policies(client):
    GigFactory(order=order_in(OrderStatus.STAFFING))
    InsurancePolicy.objects.filter(contract_type=ContractType.COMMISSION).delete()
    client.force_login(AdministratorFactory())

    page = client.get(reverse("admin:index")).content.decode()

    assert "insurance-health-warning" in page
    assert reverse("admin:orders_insurancepolicy_changelist") in page


def test_admin__policies_list_filters_by_contract(client):
    client.force_login(AdministratorFactory())
    url = reverse("admin:orders_insurancepolicy_changelist")

    page = client.get(url, {"contract_type__exact": "employment"}).content.decode()

    assert "työnantajakumppanin lakisääteinen tapaturmavakuutus" in page
    assert "Helsingin kaupungin toimeksiantotyön tapaturmavakuutus" not in page
