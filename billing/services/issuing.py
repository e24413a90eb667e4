"""Issuing invoices: one approved order, or a monthly client's approved work of a month.

An invoice is a frozen copy. Issuing copies the seller (settings), the buyer (the client's billing
details), the client's order reference and the lines (approved hours × the client's price of the
work date, VAT of the work date, each line rounded by `billing.pricing`) into `Invoice` and
`InvoiceLine`; the PDF and the Finvoice message never read live order data.

The invoice's VAT is computed per rate on the rate's total (`billing.pricing.vat_by_rate`); the
client's own payment term and contract number are used when it has them. Before the invoice is
issued its Finvoice message is built and checked against the schema, and a client that receives
e-invoices must have its e-invoice address and operator: otherwise nothing is issued.

Numbers are gapless: the series row is locked (`select_for_update`) inside the issuing
transaction, so two issuings queue behind each other and a rolled-back one gives its number back.
Locks are taken in the order orders → series → invoice, so two services never deadlock.

The invoice, its lines and its orders are saved before the orders are moved to invoiced: the order
service asks billing (`billing.coverage`) whether an issued invoice covers the order, and refuses
otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from billing.cancellation import charges_to_invoice
from billing.coverage import standing_invoices, work_to_invoice
from billing.finvoice import FinvoiceInvalid, finvoice_xml
from billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceSeries
from billing.pricing import ZERO, LineAmounts, RateBook, line_amounts, vat_by_rate, vat_total
from billing.references import reference_number, rf_reference
from billing.seller import vat_number
from billing.services.common import event, require_coordinator
from billing.tasks import render_invoice_pdf_task
from jobcenter.errors import DomainError, TransitionNotAllowed
from jobcenter.tasks import enqueue_on_commit
from orders.models import (
    AssignmentStatus,
    ClientOrganisation,
    ContractType,
    InvoicingMode,
    Order,
    OrderEvent,
    OrderStatus,
)
from orders.services import order_mark_invoiced

SERIES_CODE = "JC"


# --- Lines ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineDraft:
    date: dt.date
    task: str
    worker_count: int
    hours: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    # The order whose work the line invoices (saved on the line: what is invoiced is summed per order).
    order_id: int | None = None
    # A late cancellation's charge: the cancelled gig (`billing.cancellation`); None on work.
    gig_id: int | None = None

    @property
    def amounts(self) -> LineAmounts:
        return line_amounts(hours=self.hours, unit_price=self.unit_price, vat_rate=self.vat_rate)

    @property
    def net(self) -> Decimal:
        return self.amounts.net

    @property
    def vat(self) -> Decimal:
        return self.amounts.vat


def _task_name(order: Order, language: str, *, with_order_number: bool) -> str:
    with translation.override(language):
        name = order.task_type.name if order.task_type_id else ""
    text = f"{name}: {order.title}" if name and name.lower() != order.title.lower() else order.title
    return f"{text} ({order.number})" if with_order_number else text


def _line_drafts(
    orders: Iterable[Order], language: str, *, with_order_number: bool, rates: RateBook | None = None
) -> list[LineDraft]:
    """One line per order × gig date × task: the approved hours not yet invoiced (net of credit
    notes, `billing.coverage`) at the price and VAT of that date. After a credit note, exactly the
    credited hours come back."""
    rates = rates or RateBook()
    orders = list(orders)
    by_pk = {order.pk: order for order in orders}
    tasks = {order.pk: _task_name(order, language, with_order_number=with_order_number) for order in orders}
    drafts = []
    for work in work_to_invoice(by_pk):
        order = by_pk[work.order_id]
        drafts.append(
            LineDraft(
                date=work.date,
                task=tasks[order.pk],
                worker_count=work.workers,
                hours=work.hours,
                unit_price=rates.client_hourly_price(contract_type=order.contract_type, day=work.date),
                vat_rate=rates.vat_rate(day=work.date),
                order_id=order.pk,
            )
        )
    drafts += _charge_drafts(by_pk, language, with_order_number=with_order_number, rates=rates)
    return sorted(drafts, key=lambda d: (d.date, d.gig_id is not None, d.task))


def _charge_drafts(
    by_pk: dict[int, Order], language: str, *, with_order_number: bool, rates: RateBook
) -> list[LineDraft]:
    """One line per late cancellation's charge not invoiced yet, at the hourly price frozen when the
    client cancelled and the VAT of the gig's date (the supply the charge stands for)."""
    drafts = []
    for charge in charges_to_invoice(by_pk):
        order = by_pk[charge.order_id]
        with translation.override(language):
            task = _("Cancellation charge %(date)s (late cancellation)") % {"date": f"{charge.date:%d.%m.%Y}"}
        if with_order_number:
            task = f"{task}: {_task_name(order, language, with_order_number=True)}"
        drafts.append(
            LineDraft(
                date=charge.date,
                task=task,
                worker_count=charge.workers,
                hours=charge.hours,
                unit_price=charge.unit_price,
                vat_rate=rates.vat_rate(day=charge.date),
                order_id=order.pk,
                gig_id=charge.gig_id,
            )
        )
    return drafts


def _next_number() -> tuple[InvoiceSeries, int]:
    """Take the series' next number under a row lock (held until the transaction ends)."""
    try:
        series = InvoiceSeries.objects.select_for_update().get(code=SERIES_CODE)
    except InvoiceSeries.DoesNotExist:
        raise DomainError(_("The invoice series %(code)s is missing.") % {"code": SERIES_CODE}) from None
    number = series.next_number
    series.next_number = number + 1
    series.save(update_fields=["next_number"])
    return series, number


def _create_invoice(
    *, client: ClientOrganisation, orders: list[Order], drafts: list[LineDraft], by, issue_date: dt.date
) -> Invoice:
    if not drafts:
        raise DomainError(_("There are no approved hours to invoice."))
    _require_einvoice_routing(client)
    series, number = _next_number()
    reference = reference_number(str(number).rjust(3, "0"))
    term_days = client.invoice_term_days
    client_references = [o.client_reference for o in orders if o.client_reference]
    vat_rows = vat_by_rate(drafts)
    invoice = Invoice(
        series=series,
        number=number,
        kind=InvoiceKind.INVOICE,
        client=client,
        seller_name=settings.JOBCENTER_SELLER_NAME,
        seller_business_id=settings.JOBCENTER_SELLER_BUSINESS_ID,
        seller_iban="".join(settings.JOBCENTER_SELLER_IBAN.split()),
        seller_bic=settings.JOBCENTER_SELLER_BIC,
        seller_street=settings.JOBCENTER_SELLER_STREET,
        seller_postal_code=settings.JOBCENTER_SELLER_POSTAL_CODE,
        seller_city=settings.JOBCENTER_SELLER_CITY,
        seller_vat_number=vat_number(settings.JOBCENTER_SELLER_BUSINESS_ID),
        buyer_name=client.billing_name or client.name,
        buyer_business_id=client.business_id,
        buyer_street=client.billing_street,
        buyer_postal_code=client.billing_postal_code,
        buyer_city=client.billing_city,
        buyer_email=client.billing_email,
        buyer_einvoice_address=client.einvoice_address,
        buyer_einvoice_operator=client.einvoice_operator,
        client_reference=", ".join(dict.fromkeys(client_references))[:200],
        buyer_agreement_identifier=client.contract_number,
        seller_reference=_seller_reference(orders),
        language=client.language,
        issue_date=issue_date,
        due_date=issue_date + dt.timedelta(days=term_days),
        payment_term_days=term_days,
        penalty_interest_note=settings.JOBCENTER_PENALTY_INTEREST_NOTE[:200],
        reference=reference,
        reference_rf=rf_reference(reference),
        net=sum((row.net for row in vat_rows), ZERO),
        vat=vat_total(vat_rows),
        issued_by=by,
    )
    invoice.gross = invoice.net + invoice.vat
    try:
        invoice.full_clean(exclude=["pdf", "issued_by"])
    except ValidationError as err:
        errors = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in err.message_dict.items())
        raise DomainError(_("The client's billing details are incomplete: %(errors)s") % {"errors": errors}) from None
    invoice.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=position,
            date=d.date,
            task=d.task[:300],
            worker_count=d.worker_count,
            hours=d.hours,
            unit_price=d.unit_price,
            vat_rate=d.vat_rate,
            net=d.net,
            vat=d.vat,
            gross=d.amounts.gross,
            order_id=d.order_id,
            gig_id=d.gig_id,
        )
        for position, d in enumerate(drafts, start=1)
    )
    invoice.orders.set(orders)
    _require_valid_finvoice(invoice)
    event(invoice, "issued", by=by, params={"orders": ", ".join(o.number for o in orders)})
    for order in orders:
        order_mark_invoiced(
            order_id=order.pk, by=by, kind=OrderEvent.INVOICED, params={"invoice": invoice.display_number}
        )
    _queue_pdf(invoice)
    return invoice


def _require_einvoice_routing(client: ClientOrganisation) -> None:
    """A client that receives e-invoices (a city unit, or one that gave an e-invoice address) is not
    invoiced before its e-invoice address and operator are both known: the message could not be
    delivered, and the City returns invoices that are not e-invoices."""
    if client.requires_einvoice and not (client.einvoice_address.strip() and client.einvoice_operator.strip()):
        raise DomainError(
            _("Fill in the e-invoice address and operator of %(client)s (client record) before invoicing.")
            % {"client": client.name}
        )


def _seller_reference(orders: list[Order]) -> str:
    """The seller's reference: the invoice's order numbers ("#12, #15"); a long run of a monthly
    invoice is named by its first and last (every line names its order)."""
    numbers = [o.number for o in orders]
    text = ", ".join(numbers)
    return text if len(text) <= 200 else f"{numbers[0]} … {numbers[-1]}"


def _require_valid_finvoice(invoice: Invoice) -> None:
    """Every invoice's Finvoice message is built and checked against the schema while the invoice is
    being issued: one that fails is not issued (the transaction rolls back, the number is given
    back), and the coordinator reads why."""
    try:
        finvoice_xml(invoice)
    except FinvoiceInvalid as err:
        raise DomainError(
            _("The invoice was not issued: its e-invoice (Finvoice 3.0) does not pass the check. %(error)s")
            % {"error": err.first}
        ) from None


def _queue_pdf(invoice: Invoice) -> None:
    # A PDF whose task could not be queued (broker down) is rendered by the periodic sweep
    # (billing.tasks.render_missing_invoice_pdfs_task) or at the first download.
    enqueue_on_commit(render_invoice_pdf_task, invoice.pk)


def _invoice_of(order: Order) -> Invoice | None:
    """The order's newest standing invoice with its work on it, or None."""
    return standing_invoices(order).select_related("series").first()


# --- Issuing --------------------------------------------------------------------------------------
def _lock_order_to_invoice(order_id: int) -> Order:
    try:
        return Order.objects.select_for_update(of=("self",)).select_related("client", "task_type").get(pk=order_id)
    except Order.DoesNotExist:
        raise DomainError(_("The order no longer exists.")) from None


def _require_approved(order: Order) -> None:
    if order.status != OrderStatus.APPROVED:
        raise TransitionNotAllowed(
            label=_("Order %(number)s") % {"number": order.number},
            current=OrderStatus(order.status).label,
            target=OrderStatus.INVOICED.label,
            message=_("Only an approved order can be invoiced."),
        )


def partner_invoices_message(order: Order) -> str | None:
    """Why the Jobcenter does not invoice the order, or None when it does: the employer partner
    invoices the client for partner-model (employment) work and pays the wage itself."""
    if order.contract_type in ContractType.jobcenter_invoiced:
        return None
    return _("Order %(number)s is employment work of the partner model: the employer partner invoices the client.") % {
        "number": order.number
    }


@transaction.atomic
def invoice_issue_for_order(*, order_id: int, by, issue_date: dt.date | None = None) -> Invoice:
    """Invoice the approved hours of one order that no standing invoice covers yet.

    Idempotent: an order whose approved hours are all invoiced returns its newest standing invoice.
    After a credit note the order is approved again, and this invoices exactly the credited hours."""
    require_coordinator(by)
    order = _lock_order_to_invoice(order_id)
    refused = partner_invoices_message(order)
    if refused:
        raise DomainError(refused)
    client = ClientOrganisation.objects.get(pk=order.client_id)
    drafts = _line_drafts([order], client.language, with_order_number=False)
    if not drafts:
        existing = _invoice_of(order)
        if existing is not None:
            return existing
    _require_approved(order)
    return _create_invoice(
        client=client, orders=[order], drafts=drafts, by=by, issue_date=issue_date or timezone.localdate()
    )


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def orders_to_invoice_monthly(*, client_id: int, year: int, month: int):
    """The client's approved orders with hours not yet invoiced whose work ended in that month.

    An order whose work spans two months goes on the invoice of the month its work ended, once.
    """
    first, last = month_bounds(year, month)
    # A late cancellation's charge is work of its gig's date for this purpose.
    approved = Q(gigs__assignments__status=AssignmentStatus.APPROVED) | Q(gigs__cancellation_charge__gt=0)
    # An approved order has approved hours left to invoice: it was never invoiced, or a credit note
    # moved it back (its credited hours are invoiced again; `_line_drafts` leaves the rest out).
    return (
        Order.objects.filter(
            client_id=client_id, status=OrderStatus.APPROVED, contract_type__in=ContractType.jobcenter_invoiced
        )
        .annotate(
            last_work=Max("gigs__date", filter=approved),
            first_work=Min("gigs__date", filter=approved),
        )
        .filter(last_work__gte=first, last_work__lte=last)
        .order_by("first_work", "pk")
    )


@transaction.atomic
def invoice_issue_monthly(
    *, client_id: int, year: int, month: int, by, issue_date: dt.date | None = None, rates: RateBook | None = None
) -> Invoice | None:
    """One collective invoice of the client's approved work of a month. None when nothing is left
    to invoice, so a second run issues nothing twice. The month-end run passes one `rates` for many
    clients (the same dates' prices are not read again for each)."""
    require_coordinator(by)
    try:
        client = ClientOrganisation.objects.get(pk=client_id)
    except ClientOrganisation.DoesNotExist:
        raise DomainError(_("The client no longer exists.")) from None
    if client.invoicing_mode != InvoicingMode.MONTHLY:
        raise DomainError(_("This client is invoiced per order, not monthly."))
    ids = list(orders_to_invoice_monthly(client_id=client_id, year=year, month=month).values_list("pk", flat=True))
    # Lock the orders in a fixed order, then check again: another run may have invoiced them.
    locked = Order.objects.select_for_update(of=("self",)).select_related("task_type").filter(pk__in=ids)
    orders = [o for o in locked.order_by("pk") if o.status == OrderStatus.APPROVED]
    drafts = _line_drafts(orders, client.language, with_order_number=True, rates=rates) if orders else []
    with_work = {d.order_id for d in drafts}
    orders = [o for o in orders if o.pk in with_work]
    if not orders:
        return None
    return _create_invoice(
        client=client, orders=orders, drafts=drafts, by=by, issue_date=issue_date or timezone.localdate()
    )
