"""`manage.py send_gig_reminders`: the reminder job once, as Celery beat runs it.

For development, where Celery runs tasks inline and no beat is started (`make run`), and as a cron
fallback while beat is down. It calls the beat task's own code (`orders.tasks.send_gig_reminders_task`),
so a reminder still goes once however often either runs: each send claims its rows first
(docs/gig-reminders.md).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from orders.tasks import send_gig_reminders_task


class Command(BaseCommand):
    help = (
        "Send the gig reminders due now (the day before, the morning), once, as the periodic job "
        "orders.send_gig_reminders does. With eager Celery the reminders are sent here; otherwise one "
        "send per reminder is queued for the Celery workers. Safe to run again: nothing is sent twice."
    )

    def handle(self, *args, **options):
        queued = send_gig_reminders_task()
        self.stdout.write(f"Reminder sends queued: {queued}.")
