"""`manage.py create_gig_follow_ups`: the follow-up job once, as Celery beat runs it.

For development, where no beat is started (`make run`), and as a cron fallback. It calls the beat
task's own code, so an item is still made once however often either runs.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from orders.tasks import create_gig_follow_ups_task


class Command(BaseCommand):
    help = (
        "Make the review items of the gigs that have ended (one per worker and gig), as the periodic "
        "job orders.create_gig_follow_ups does. Safe to run again: nothing is made twice."
    )

    def handle(self, *args, **options):
        made = create_gig_follow_ups_task()
        self.stdout.write(f"Follow-up items made: {made}.")
