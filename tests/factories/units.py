import factory

from tests.factories.accounts import UserFactory
from units.models import ServiceKind, StaffRole, SupportMode, Unit, UnitMembership, WorkActivityService


class WorkActivityServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkActivityService
        django_get_or_create = ("kind",)

    kind = ServiceKind.DISABILITY
    name = factory.LazyAttribute(lambda o: ServiceKind(o.kind).label)
    default_support = factory.LazyAttribute(
        lambda o: SupportMode.STAFF_ALONG if o.kind == ServiceKind.DISABILITY else SupportMode.PHONE
    )
    time_limited = factory.LazyAttribute(lambda o: o.kind == ServiceKind.ADULT_SOCIAL_WORK)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    service = factory.SubFactory(WorkActivityServiceFactory)
    name = factory.Sequence(lambda n: f"Yksikkö {n}")
    street_address = "Työpajankatu 2"
    postal_code = "00580"
    phone = "09 310 12345"
    email = factory.Sequence(lambda n: f"unit{n}@example.org")


class UnitMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitMembership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = StaffRole.INSTRUCTOR


class UnitStaffFactory(UserFactory):
    """A user who is staff of a unit: `UnitStaffFactory(unit=some_unit, unit__role=StaffRole.JOB_COACH)`."""

    email = factory.Sequence(lambda n: f"staff{n}@example.org")

    @factory.post_generation
    def unit(obj, create, extracted, **kwargs):
        if create:
            UnitMembership.objects.create(
                user=obj, unit=extracted or UnitFactory(), role=kwargs.get("role", StaffRole.INSTRUCTOR)
            )
