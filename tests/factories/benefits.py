import datetime as dt

import factory
from django.utils import timezone

from benefits.models import Actor, Consent, ConsentData, ReceivedBenefit
from tests.factories.accounts import UserFactory
from tests.factories.workers import WorkerFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    """A valid consent for the unit and the coordinator, covering every kind of information."""

    class Meta:
        model = Consent

    worker = factory.SubFactory(WorkerFactory)
    actors = factory.LazyFunction(lambda: [Actor.UNIT, Actor.COORDINATOR])
    data = factory.LazyFunction(lambda: list(ConsentData.values))
    given_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    recorded_by = factory.SubFactory(UserFactory)


class ReceivedBenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceivedBenefit

    worker = factory.SubFactory(WorkerFactory)
    benefit = "unemployment_benefit"
    recorded_by = factory.SubFactory(UserFactory)
