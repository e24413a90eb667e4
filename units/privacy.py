"""The units app's personal data: its inventory (registered in `jobcenter.privacy` when the app is ready).

Units and services are public reference data. A staff membership tells who works in which unit and
in which role, which is personal; memberships are not part of a worker's export and are not retained
by the nightly job (staff accounts are left alone by it).
"""

from __future__ import annotations

from jobcenter.privacy import PERSONAL, PUBLIC, register_inventory

P, PE = PUBLIC, PERSONAL

register_inventory(
    {
        "units.WorkActivityService": {"id": P, "kind": P, "name": P, "default_support": P, "time_limited": P},
        "units.Unit": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "service": P,
            "name": P,
            "street_address": P,
            "postal_code": P,
            "city": P,
            "phone": P,
            "email": P,
            "is_active": P,
        },
        "units.UnitMembership": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "user": PE,
            "unit": P,
            "role": PE,
            "is_active": P,
        },
        # An aggregate count the unit keeps; who entered it is a staff member.
        "units.UnitClientCount": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "unit": P,
            "period_start": P,
            "period_end": P,
            "clients": P,
            "source": P,
            "recorded_by": PE,
        },
    }
)

del P, PE
