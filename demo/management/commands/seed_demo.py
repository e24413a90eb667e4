"""`manage.py seed_demo`: a demo that looks like the pilot (2020–2022), with a login for every role.

Idempotent: every step is get-or-create (users by email, services by kind, units by name, workers by
user, orders by a fixed submission key, documents by what they cover), so a second run changes
nothing and prints the same logins. The data is built in `demo.creation`, one module per area,
through the services only: orders step by step, invoices, credit notes and payment runs through billing.

All addresses are on `.example` domains (RFC 2606): the emails the services queue can never reach a
real mailbox. The command refuses to run with DEBUG off unless `--force` is given, because it
creates a superuser with a published password.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.creation.logins import (
    ADMIN_EMAIL,
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    LOGINS,
    demo_totp_code,
    logins_table,
)
from demo.creation.run import seed_demo

# Tests and the test factories import the demo's credentials from here.
__all__ = ["ADMIN_EMAIL", "COORDINATOR_EMAIL", "DEMO_PASSWORD", "DEMO_TOTP_SECRET", "LOGINS", "Command"]


class Command(BaseCommand):
    help = "Load demo data that looks like the Jobcenter pilot (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (creates a superuser with the published demo password).",
        )
        parser.add_argument(
            "--totp-code",
            action="store_true",
            help="Only print the current TOTP code of the demo staff logins (valid for about 30 seconds).",
        )

    def handle(self, *args, force: bool = False, totp_code: bool = False, **options):
        if totp_code:
            self.stdout.write(demo_totp_code())
            return
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with DJANGO_DEBUG=1 "
                "(or with --force on a demo server)."
            )
        started = time.monotonic()
        result = seed_demo()
        elapsed = time.monotonic() - started

        if options.get("verbosity", 1) >= 1:
            if result.created:
                self.stdout.write(
                    f"Demo data loaded in {elapsed:.1f} s: {result.created} new records, "
                    f"{result.emails_queued} emails in the outbox (Admin → Outgoing emails)."
                )
            else:
                self.stdout.write("Demo data was already loaded; nothing changed.")
            self.stdout.write(
                "Demo orders by state: " + ", ".join(f"{status} {n}" for status, n in result.orders_by_state.items())
            )
            self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password for every account: {DEMO_PASSWORD})"))
        self.stdout.write(logins_table(LOGINS))
        self.stdout.write(
            "Every other demo account (all unit staff and the 12 workers) has the same password. "
            "Log in at /accounts/login/."
        )
        self.stdout.write(
            "TOTP secret for the staff demo logins (administrator, coordinator, payer, unit staff): "
            f"{DEMO_TOTP_SECRET}. Add it to an authenticator app, or get the current code with "
            "`manage.py seed_demo --totp-code`."
        )
