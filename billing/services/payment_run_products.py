"""The product sales part of a payment run: each delivered, unpaid product compensation becomes a
line of its maker's payout, next to the commission work.

A delivery is unpaid while it is on no live payout line (never in a run, or released again by the
bank's rejection). The line's source is the delivery (`PayoutLine.delivery`); the partial unique
constraint "one live line per delivery" pays it once, as assignments are, and the run's one-draft
constraint keeps two coordinators from building two runs at once. The compensation is a fee for
work like the commission fee (the worker made the products under the same commission terms), so
it is withheld by the same tax card and reported in the same Incomes Register report (income type
336, työkorvaus); docs/product-sales.md says why.

One query whatever the number of deliveries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from billing.models import PayoutLine, ProductDelivery
from billing.pricing import ZERO


def unpaid_deliveries(*, cutoff_date: dt.date, worker_id: int | None = None):
    """Deliveries up to the cut-off date that are on no live payout line."""
    qs = ProductDelivery.objects.filter(date__lte=cutoff_date).exclude(payout_lines__released=False)
    if worker_id is not None:
        qs = qs.filter(product__maker_id=worker_id)
    return qs


def unpaid_delivery_makers(*, cutoff_date: dt.date):
    """The workers with unpaid deliveries, as a subquery of worker ids."""
    return unpaid_deliveries(cutoff_date=cutoff_date).values("product__maker_id")


def product_lines_up_to(cutoff_date: dt.date) -> dict[int, list[PayoutLine]]:
    """Each maker's unpaid deliveries up to the cut-off as payout lines (not saved), by worker id.

    The line's hours are zero (a product is paid by the piece), `rate` is the compensation per
    product and `quantity` the number delivered, all as frozen on the delivery."""
    rows = (
        unpaid_deliveries(cutoff_date=cutoff_date)
        .values_list("pk", "product__maker_id", "product__name", "date", "quantity", "compensation", "amount")
        .order_by("product__maker_id", "date", "pk")
    )
    lines: dict[int, list[PayoutLine]] = defaultdict(list)
    for pk, maker_id, name, day, quantity, compensation, amount in rows:
        lines[maker_id].append(
            PayoutLine(
                delivery_id=pk,
                date=day,
                task=name[:300],
                hours=ZERO,
                quantity=quantity,
                rate=compensation,
                amount=amount,
            )
        )
    return dict(lines)
