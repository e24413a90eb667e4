"""What billing does with the demo's finished work, through the billing services only.

The services are the only way an order becomes invoiced: issuing an invoice that covers it moves
it. So every demo order in "invoiced" or "closed" is on an invoice issued here:

- the city (invoiced monthly) gets one collective invoice of the month of its thesis archiving
  and school letters; it is paid, and both orders are closed;
- the housing company's stairwell cleaning: a per-order invoice, paid, the order closed;
- Väylä's floorball mats: invoiced, then credited in full (the work was agreed to be free of
  charge), the order closed with nothing to pay;
- Kotikallio's outdoor assistance: invoiced and still unpaid, now overdue (a reminder can be sent);
- Kotikallio's resident folders stay approved: the billing page offers them for invoicing.

The workers are paid for their commission work in payment runs (`demo.creation.payments`), and
two workers have a work certificate.

Each step is skipped when its result is there already, so a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError

from billing import services as billing_services
from billing.models import Invoice, InvoiceKind, InvoiceStatus
from demo.creation import steps
from demo.creation.context import DemoContext
from demo.creation.orders_done import THESIS_GIG_DAY, school_letters_day
from demo.creation.payments import seed_payments
from orders.certificates import certificate_issue
from orders.models import Order, OrderStatus
from workers.models import WorkCertificate

CREDIT_REASON = (
    "Väylä ry:n hyväntekeväisyysturnaus: sovittiin jälkikäteen, että mattojen levitys tehdään "
    "veloituksetta. Lasku hyvitetään kokonaan."
)
# (worker, day the certificate was issued): a certificate covers all approved work up to then.
CERTIFICATES = [("aino", -15), ("jenni", -5)]


def seed_billing(ctx: DemoContext) -> None:
    _numbered_documents(ctx)
    _payments_and_closing(ctx)
    seed_payments(ctx)
    _certificates(ctx)


# --- Invoices -------------------------------------------------------------------------------------
def _order(ctx: DemoContext, key: str) -> Order:
    order = ctx.order(key)
    if order is None:
        raise CommandError(f"Internal error: the demo order {key!r} is missing.")
    return order


def _invoice_of(ctx: DemoContext, key: str) -> Invoice | None:
    return _order(ctx, key).invoices.filter(kind=InvoiceKind.INVOICE).order_by("pk").first()


def _work_month(ctx: DemoContext) -> tuple[dt.date, dt.date, int]:
    """The first and last day of the archiving's month, and the first day of the next as a demo day."""
    work_day = ctx.date(THESIS_GIG_DAY)
    first = work_day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1), ctx.day_of(following)


def _city_issue_day(ctx: DemoContext) -> int:
    """The month-end run goes on the 2nd of the next month. The hours are approved a day after each
    gig, so by then; the max() keeps it so even when a gig is on the month's last day."""
    return max(_work_month(ctx)[2] + 1, THESIS_GIG_DAY + 2, school_letters_day(ctx) + 2)


def _numbered_documents(ctx: DemoContext) -> None:
    """Invoices and credit notes share one gapless number series and take their numbers as they
    are issued, so they are issued in the order of their dates: a later number, a later date."""
    documents = [
        (ctx.at(_city_issue_day(ctx), 8, 30), _issue_city_monthly),
        (ctx.at(-40, 10), lambda ctx: _issue_for_order(ctx, "stairwell-cleaning")),
        (ctx.at(-27, 10, 30), lambda ctx: _issue_for_order(ctx, "floorball-mats")),
        (ctx.at(-24, 14), _credit_floorball),
        # Due 14 days after issue, so overdue by now: the invoice page offers a reminder.
        (ctx.at(-18, 10), lambda ctx: _issue_for_order(ctx, "assisting-elderly")),
    ]
    for moment, issue in sorted(documents, key=lambda document: document[0]):
        with ctx.frozen(moment):
            issue(ctx)


def _issue_city_monthly(ctx: DemoContext) -> None:
    """The month-end run's invoice of the city: both orders of the month on one e-invoice."""
    if _invoice_of(ctx, "thesis-archiving") is not None:
        return
    first, _last, _next_month = _work_month(ctx)
    invoice = billing_services.invoice_issue_monthly(
        client_id=_order(ctx, "thesis-archiving").client_id, year=first.year, month=first.month, by=ctx.coordinator
    )
    if invoice is None:
        raise CommandError("Internal error: the city's monthly invoice found no approved work.")
    ctx.created += 1


def _issue_for_order(ctx: DemoContext, key: str) -> None:
    if _invoice_of(ctx, key) is None:
        billing_services.invoice_issue_for_order(order_id=_order(ctx, key).pk, by=ctx.coordinator)
        ctx.created += 1


def _credit_floorball(ctx: DemoContext) -> None:
    invoice = _invoice_of(ctx, "floorball-mats")
    if invoice.status != InvoiceStatus.CREDITED:
        billing_services.credit_note_issue(invoice_id=invoice.pk, by=ctx.coordinator, reason=CREDIT_REASON)
        ctx.created += 1


def _payments_and_closing(ctx: DemoContext) -> None:
    paid_day = _city_issue_day(ctx) + 16
    _pay(ctx, "thesis-archiving", paid_day)
    _close(
        ctx, "thesis-archiving", ctx.at(paid_day + 1, 11), "Maksettu. Palaute: huolellista työtä, tilataan uudelleen."
    )
    _close(ctx, "school-letters", ctx.at(paid_day + 1, 11, 5), "Maksettu.")

    _pay(ctx, "stairwell-cleaning", -26)
    _close(ctx, "stairwell-cleaning", ctx.at(-20, 11), "Maksettu. Asukkaat kiittivät siisteistä rappukäytävistä.")

    _close(ctx, "floorball-mats", ctx.at(-23, 9), "Lasku hyvitetty kokonaan hyvityslaskulla; ei maksettavaa.")


def _pay(ctx: DemoContext, key: str, day: int) -> None:
    """The payment is seen on the bank statement the day after it arrived, and recorded then."""
    invoice = _invoice_of(ctx, key)
    if invoice.status != InvoiceStatus.ISSUED:
        return
    with ctx.frozen(ctx.at(day, 11)):
        billing_services.invoice_mark_paid(
            invoice_id=invoice.pk, by=ctx.coordinator, amount=invoice.gross, paid_on=ctx.date(day - 1)
        )
    ctx.created += 1


def _close(ctx: DemoContext, key: str, at: dt.datetime, note: str) -> None:
    order = _order(ctx, key)
    if order.status == OrderStatus.INVOICED:
        steps.close(ctx, order, at, note)
        ctx.created += 1


# --- Certificates --------------------------------------------------------------------------------
def _certificates(ctx: DemoContext) -> None:
    for key, day in CERTIFICATES:
        worker = ctx.workers[key]
        if WorkCertificate.objects.filter(worker=worker).exists():
            continue
        with ctx.frozen(ctx.at(day, 13)):
            certificate_issue(worker_id=worker.pk, by=ctx.coordinator)
        ctx.created += 1
