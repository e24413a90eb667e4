"""Earnings that are not hours of gig work, counted by the foresight beside them: delivered product
compensation, and the minimum paid to a worker whose gig the client cancelled late. Each is paid
through the payment runs like commission work (its run's date, or the next run that takes it)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q

from benefits.foresight import Earning
from benefits.selectors.paid_on import RUN_DATE, Window, _date_range_q, _live_line, _paid_on, _work_days_paid_in
from billing.models import ProductDelivery
from billing.payment_schedule import PaymentCalendar
from orders.models import Assignment, ContractType


def add_cancellation_pay(found: dict[int, list[Earning]], worker_ids: list[int], *, calendar: PaymentCalendar) -> None:
    """The minimum paid for a gig the client cancelled late counts as earned (approved) income of
    the gig's date, paid as the work would have been (its run's date, or the next run that takes
    it), in both paths alike: a worker has few such gigs, so they are read one by one. One query."""
    rows = (
        Assignment.objects.filter(worker_id__in=worker_ids, cancellation_pay__gt=0)
        .annotate(live_line=_live_line())
        .values_list("worker_id", "gig_id", "gig__date", "gig__order__contract_type", "cancellation_pay")
        .annotate(line=F("live_line__id"), run_date=RUN_DATE)
        .order_by("gig__date", "pk")
    )
    for worker_id, gig_id, day, contract, amount, line, run_date in rows:
        found[worker_id].append(
            Earning(
                gig_id=gig_id,
                day=day,
                amount=amount,
                approved=True,
                contract_type=contract,
                paid_on=_paid_on(
                    calendar, work_day=day, contract=contract, on_line=line is not None, done=True, run_date=run_date
                ),
            )
        )


def add_product_compensation(
    earnings: dict[int, list[Earning]],
    worker_ids: list[int],
    start: dt.date,
    end: dt.date,
    *,
    calendar: PaymentCalendar,
    paid_window: Window,
) -> None:
    """Delivered product compensation counts as earned (approved) commission income on the delivery
    date, and is paid through the payment runs like commission work (its run's date, or the next
    run that takes it); an agreement with nothing delivered yet is not counted, not even as
    planned. One query."""
    on_time = _work_days_paid_in(calendar, paid_window, waits=False)
    late = _work_days_paid_in(calendar, paid_window, waits=True)
    rows = (
        ProductDelivery.objects.annotate(live_line=_live_line())
        .annotate(line_id=F("live_line__id"), run_date=RUN_DATE)
        .filter(
            Q(date__range=(start, end))
            | Q(run_date__range=paid_window)
            | (Q(line_id__isnull=False, run_date__isnull=True) & _date_range_q("date", *on_time))
            | (Q(line_id__isnull=True) & _date_range_q("date", *late)),
            product__maker_id__in=worker_ids,
        )
        .values_list("product__maker_id", "date", "amount", "line_id", "run_date")
        .order_by("date", "pk")
    )
    for worker_id, day, amount, line, run_date in rows:
        paid_on = _paid_on(
            calendar,
            work_day=day,
            contract=ContractType.COMMISSION,
            on_line=line is not None,
            done=True,  # delivered
            run_date=run_date,
        )
        earnings.setdefault(worker_id, []).append(
            Earning(
                gig_id=0, day=day, amount=amount, approved=True, contract_type=ContractType.COMMISSION, paid_on=paid_on
            )
        )
