from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def client_organisation_ids_of(user) -> set[int]:
    """The role fact "client contact": ids of the organisations of which the user is an active contact."""
    from orders.models import ClientContact

    return set(ClientContact.objects.filter(user=user, is_active=True).values_list("organisation_id", flat=True))


# The access-log code of a worker's employment contracts and income clarifications (partner model).
LOG_EMPLOYMENT_CONTRACTS = "employment_contracts"


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders and gigs")

    def ready(self):
        from jobcenter.roles import CLIENT_ORGANISATION_IDS, register_role_fact

        register_role_fact(CLIENT_ORGANISATION_IDS, client_organisation_ids_of)
        from jobcenter.access_log import register_data_label
        from orders import (  # noqa: F401  (registers the app's personal data)
            privacy,
            privacy_accepted_terms,  # noqa: F401  (the accepted terms' PDFs)
            privacy_attendance,  # noqa: F401  (attendance notes: inventory, export, retention)
            privacy_contacts,  # noqa: F401  (the retention of client contacts)
            privacy_follow_ups,  # noqa: F401  (gig follow-up notes: inventory, export, retention)
            privacy_insurance,  # noqa: F401  (the insurance policies: no personal data)
            privacy_partners,
            privacy_production,
            privacy_reminders,  # noqa: F401  (the gig reminders sent)
            privacy_series,  # noqa: F401  (the repeating gigs)
            privacy_worker_again,  # noqa: F401  (clients' wishes for a worker again)
        )

        register_data_label(LOG_EMPLOYMENT_CONTRACTS, _("Employment contracts and income clarifications"))
        from orders.selectors.insurance import forget_policies_on_change

        forget_policies_on_change()
