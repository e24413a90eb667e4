"""The whole demo, in order, in one transaction: a refused step saves nothing."""

from __future__ import annotations

import contextlib
import io
import logging
from dataclasses import dataclass

from django.core.management.base import CommandError
from django.db import transaction

from demo.creation.benefits import seed_benefits
from demo.creation.billing import seed_billing
from demo.creation.context import DemoContext
from demo.creation.orders_done import seed_orders_done
from demo.creation.orders_open import seed_orders_open
from demo.creation.partner_model import seed_partner_model
from demo.creation.paths_follow_ups import seed_paths_and_follow_ups
from demo.creation.people import seed_people_and_units
from demo.creation.pilot_history import seed_pilot_history
from demo.creation.plans_change import seed_plans_change
from demo.creation.product_sales import seed_product_sales
from demo.creation.production_orders import seed_production_orders
from jobcenter.errors import DomainError
from jobcenter.models import OutboundEmail
from orders.models import Order, OrderStatus, TaskType

# Days before today when the demo's units, staff and workers were entered (the first order is at -70).
PEOPLE_SINCE_DAY = -90


@dataclass(frozen=True)
class DemoResult:
    created: int  # records created by this run (0: the demo was there already)
    emails_queued: int
    orders_by_state: dict[str, int]


def _freeze_time():
    """freezegun is needed only here, so it is an optional extra (`pip install -e .[demo]`): the
    services stamp records with the current time and refuse past work, and the demo's history is
    entered at the moments it happened. A production install does not need it."""
    try:
        from freezegun import freeze_time
    except ImportError as exc:  # pragma: no cover - the dev and test installs have it
        raise CommandError("seed_demo needs the freezegun package: pip install -e '.[demo]'.") from exc
    return freeze_time


def seed_demo() -> DemoResult:
    freeze_time = _freeze_time()
    if not TaskType.objects.exists():
        raise CommandError("No task types: run `manage.py migrate` first.")
    emails_before = OutboundEmail.objects.count()
    ctx = DemoContext()
    # The services queue emails that are sent after commit; with the console backend they would
    # bury the logins. They stay readable in the admin (Outgoing emails).
    with contextlib.redirect_stdout(io.StringIO()), _quiet_loggers("celery", "kombu"):
        with transaction.atomic():
            # The units, staff and workers are there before the first demo order arrives.
            with freeze_time(ctx.at(PEOPLE_SINCE_DAY, 8, 0)) as clock:
                ctx.clock = clock
                try:
                    seed_people_and_units(ctx)
                    seed_partner_model(ctx)
                    seed_orders_done(ctx)
                    seed_orders_open(ctx)
                    seed_plans_change(ctx)
                    seed_production_orders(ctx)
                    seed_product_sales(ctx)  # before the payment runs, which pay its deliveries
                    seed_billing(ctx)
                    seed_benefits(ctx)
                    seed_paths_and_follow_ups(ctx)  # paths, and the items after the demo's gigs
                    seed_pilot_history(ctx)  # the 2022 pilot, apart from everything above
                except DomainError as err:
                    # E.g. no order terms in force on a demo date: nothing is saved.
                    raise CommandError(f"A demo step was refused: {err.message}") from err
    counts = dict.fromkeys(OrderStatus.values, 0)
    for status in Order.objects.filter(submission_key__in=ctx.order_keys).values_list("status", flat=True):
        counts[status] += 1
    return DemoResult(
        created=ctx.created,
        emails_queued=OutboundEmail.objects.count() - emails_before,
        orders_by_state=counts,
    )


@contextlib.contextmanager
def _quiet_loggers(*names: str):
    """Silence the eager Celery task's "succeeded" lines (and kombu's memory-broker warning) meanwhile."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
