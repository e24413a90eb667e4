import factory

from tests.factories.accounts import UserFactory
from tests.factories.units import UnitFactory
from workers.models import Worker, WorkerGroup


class WorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Worker

    user = factory.SubFactory(UserFactory, email=factory.Sequence(lambda n: f"worker{n}@example.org"))
    home_unit = factory.SubFactory(UnitFactory)
    interests_note = "Tykkään siivota."
    support_needs = "Tarvitsee selkeät ohjeet."


class WorkerGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerGroup

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Ryhmä {n}")
