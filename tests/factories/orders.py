import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from orders.models import (
    Assignment,
    AssignmentStatus,
    ClientContact,
    ClientOrganisation,
    ClientType,
    ContractType,
    Gig,
    Order,
    OrderStatus,
    OrderTerms,
    TaskType,
)
from tests.factories.accounts import UserFactory
from tests.factories.workers import WorkerFactory
from units.models import SupportMode


# Valid business IDs (check digit computed), so a sequence never collides with the unique constraint.
def _business_id(n: int) -> str:
    from stdnum.fi import ytunnus

    body = f"{2000000 + n:07d}"
    for check in "0123456789":
        if ytunnus.is_valid(f"{body}-{check}"):
            return f"{body}-{check}"
    return _business_id(n + 100000)  # weights make this body impossible (remainder 1): take another


class TaskTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskType
        django_get_or_create = ("code",)

    code = "cleaning"
    name_fi = "Siivous"
    name_sv = "Städning"
    name_en = "Cleaning"


class ClientOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientOrganisation

    name = factory.Sequence(lambda n: f"Asiakas {n} Oy")
    business_id = factory.Sequence(_business_id)
    client_type = ClientType.COMPANY
    billing_name = factory.SelfAttribute("name")
    billing_street = "Laskutie 1"
    billing_postal_code = "00100"
    billing_city = "Helsinki"
    billing_email = factory.Sequence(lambda n: f"billing{n}@client.example.org")


class ClientContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientContact

    organisation = factory.SubFactory(ClientOrganisationFactory)
    name = factory.Faker("name", locale="fi_FI")
    email = factory.Sequence(lambda n: f"contact{n}@client.example.org")
    phone = "040 123 4567"

    class Params:
        with_user = factory.Trait(user=factory.SubFactory(UserFactory, email=factory.SelfAttribute("..email")))


def _terms():
    return OrderTerms.objects.order_by("-valid_from").first()


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    contact = factory.SubFactory(ClientContactFactory)
    client = factory.SelfAttribute("contact.organisation")
    task_type = factory.SubFactory(TaskTypeFactory)
    title = "Toimiston siivous"
    description = "Toimiston pintojen pyyhintä ja imurointi."
    orientation = "Perehdytys paikan päällä, 15 minuuttia."
    street_address = "Mannerheimintie 1"
    postal_code = "00100"
    city = "Helsinki"
    estimated_hours = Decimal("3.00")
    hours_indicative = True
    workers_needed = 2
    tools_provided = True
    contract_type = ContractType.COMMISSION
    status = OrderStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)

    class Params:
        terms_sent = factory.Trait(
            status=OrderStatus.TERMS_SENT,
            terms=factory.LazyFunction(_terms),
            terms_sent_at=factory.LazyFunction(timezone.now),
        )
        terms_accepted = factory.Trait(
            status=OrderStatus.TERMS_ACCEPTED,
            terms=factory.LazyFunction(_terms),
            terms_sent_at=factory.LazyFunction(timezone.now),
            terms_accepted_at=factory.LazyFunction(timezone.now),
            terms_accepted_by=factory.SelfAttribute("contact"),
            terms_accepted_name=factory.SelfAttribute("contact.name"),
        )
        staffing = factory.Trait(
            terms_accepted=True,
            status=OrderStatus.STAFFING,
        )


class GigFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gig

    order = factory.SubFactory(OrderFactory, staffing=True)
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    start_time = dt.time(9, 0)
    planned_hours = Decimal("3.00")
    workers_needed = 2


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    gig = factory.SubFactory(GigFactory)
    worker = factory.SubFactory(WorkerFactory)
    unit = factory.SelfAttribute("worker.home_unit")
    proposed_by = factory.SubFactory(UserFactory)
    support = SupportMode.STAFF_ALONG
    skills_checked = True
    status = AssignmentStatus.PROPOSED

    class Params:
        offered = factory.Trait(status=AssignmentStatus.OFFERED)
        accepted = factory.Trait(status=AssignmentStatus.ACCEPTED)
        done = factory.Trait(
            status=AssignmentStatus.DONE,
            reported_hours=Decimal("3.00"),
            reported_at=factory.LazyFunction(timezone.now),
            gig=factory.SubFactory(
                GigFactory, date=factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
            ),
        )
