"""factory_boy factories, one per model, with valid defaults and traits for states."""

from tests.factories.accounts import AdministratorFactory, CoordinatorFactory, PayerFactory, UserFactory  # noqa: F401
from tests.factories.orders import (  # noqa: F401
    AssignmentFactory,
    ClientContactFactory,
    ClientOrganisationFactory,
    GigFactory,
    OrderFactory,
    TaskTypeFactory,
)
from tests.factories.units import UnitFactory, UnitMembershipFactory, UnitStaffFactory, WorkActivityServiceFactory  # noqa: F401
from tests.factories.workers import WorkerFactory, WorkerGroupFactory  # noqa: F401
