"""The paying role: its permission grants it; a superuser has it only when given it."""

import pytest
from django.contrib.auth.models import Permission

from jobcenter.roles import Role, is_payer, roles_of
from tests.factories import AdministratorFactory, CoordinatorFactory, PayerFactory

pytestmark = pytest.mark.django_db


def test_is_payer__the_permission_grants_the_role_and_the_coordinators_does_not():
    assert is_payer(PayerFactory()) and Role.PAYER in roles_of(PayerFactory())
    assert not is_payer(CoordinatorFactory())


def test_is_payer__a_superuser_only_when_given_the_role():
    admin = AdministratorFactory()
    assert not is_payer(admin)

    admin.user_permissions.add(Permission.objects.get(codename="pay_workers"))

    assert is_payer(admin)
