"""`manage.py seed_cityscale`: a city-wide dataset for the performance benchmark (bulk inserts).

The generator is `demo.cityscale`; this command checks the arguments and the database, and runs it in
one transaction.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from demo.cityscale import SEED, CityScale, empty_domain_tables
from orders.models import ClientOrganisation, Order
from workers.models import Worker


class Command(BaseCommand):
    help = "Generate a city-scale dataset (bulk inserts) for the performance benchmark. See docs/performance.md."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Size factor: 1 = 5,000 workers, 50,000 orders.")
        parser.add_argument("--seed", type=int, default=SEED, help="Random seed (the same seed gives the same data).")
        parser.add_argument(
            "--force", action="store_true", help="Empty the domain tables first when the database has data."
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run with DEBUG off (a benchmark server). Never on a production database.",
        )

    def handle(self, *args, scale: float, seed: int, force: bool, allow_without_debug: bool, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_cityscale fills the database with generated people and orders; with DEBUG off it runs only "
                "with --allow-without-debug (on a benchmark database, never in production)."
            )
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        has_data = Worker.objects.exists() or Order.objects.exists() or ClientOrganisation.objects.exists()
        if has_data and not force:
            raise CommandError(
                "The database already has workers, clients or orders. Use --force to empty those tables first "
                "(reference data stays)."
            )
        started = time.monotonic()
        with transaction.atomic():
            if has_data:
                empty_domain_tables()
            counts = CityScale(scale=scale, seed=seed, out=self.stdout).run()
        # VACUUM as well: it sets the visibility map that autovacuum keeps on a live database, without
        # which counts read every row instead of the index alone. PostgreSQL refuses VACUUM inside a
        # transaction, so when a caller holds one (a test's), the statistics are left to the caller.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"City-scale data (scale {scale:g}) generated in {elapsed:.1f} s: ")
            + ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
        )
