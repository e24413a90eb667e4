from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def worker_profile_of(user):
    """The role fact "worker": the user's Worker profile, or None.

    Support needs are special-category (health) data: they are never loaded just to learn the role."""
    from workers.models import Worker

    return Worker.objects.filter(user=user).defer("support_needs").first()


class WorkersConfig(AppConfig):
    name = "workers"
    verbose_name = _("Workers")

    def ready(self):
        from jobcenter.access_log import register_access_log
        from jobcenter.roles import WORKER_PROFILE, register_role_fact
        from workers.models import AccessLogEntry, access_log_worker_facts

        register_role_fact(WORKER_PROFILE, worker_profile_of)
        register_access_log(model=AccessLogEntry, worker_facts=access_log_worker_facts)
        from workers import (
            privacy,  # noqa: F401  (registers the app's personal data)
            privacy_paths,  # noqa: F401  (the workers' paths)
        )
