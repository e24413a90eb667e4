"""The Celery application. Tasks live in each app's `tasks.py` and take ids only."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")

app = Celery("jobcenter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def redact_personal_data_in_worker_logs(logger=None, **kwargs):
    """A Celery worker sets up its own log handlers; they redact identity codes and email addresses
    like the web process's (jobcenter/logging.py): a task's traceback may quote an address too."""
    from jobcenter.logging import RedactPersonalDataFilter

    for handler in getattr(logger, "handlers", []):
        if not any(isinstance(f, RedactPersonalDataFilter) for f in handler.filters):
            handler.addFilter(RedactPersonalDataFilter())
