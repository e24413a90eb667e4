from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def staff_unit_ids_of(user) -> set[int]:
    """The role fact "unit staff": ids of the units in which the user has an active membership."""
    from units.models import UnitMembership

    return set(UnitMembership.objects.active().filter(user=user).values_list("unit_id", flat=True))


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Work-activity units")

    def ready(self):
        from jobcenter.roles import STAFF_UNIT_IDS, register_role_fact

        register_role_fact(STAFF_UNIT_IDS, staff_unit_ids_of)
        from units import privacy  # noqa: F401  (registers the app's personal data)
