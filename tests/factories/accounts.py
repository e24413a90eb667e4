import factory
from django.contrib.auth.models import Permission

from jobcenter.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    password = factory.django.Password("correct horse battery staple")
    language = "fi"


class CoordinatorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"coordinator{n}@example.org")

    @factory.post_generation
    def coordinate_permission(obj, create, extracted, **kwargs):
        if create:
            obj.user_permissions.add(Permission.objects.get(codename="coordinate", content_type__app_label="jobcenter"))
            # Drop Django's per-instance permission cache so has_perm sees the new permission.
            for attr in ("_perm_cache", "_user_perm_cache"):
                obj.__dict__.pop(attr, None)


class PayerFactory(UserFactory):
    """A person of the paying role (jobcenter.pay_workers): approves payment runs, sees bank details."""

    email = factory.Sequence(lambda n: f"payer{n}@example.org")

    @factory.post_generation
    def pay_permission(obj, create, extracted, **kwargs):
        if create:
            obj.user_permissions.add(
                Permission.objects.get(codename="pay_workers", content_type__app_label="jobcenter")
            )
            for attr in ("_perm_cache", "_user_perm_cache"):
                obj.__dict__.pop(attr, None)


class AdministratorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@example.org")
    is_staff = True
    is_superuser = True
