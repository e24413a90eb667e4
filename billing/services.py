"""Every write of billing: issue invoices and credit notes, record payments, attach the PDF.

An invoice is a frozen copy. Issuing copies the seller (settings), the buyer (the client's billing
details), the client's order reference and the lines (approved hours × the price list of the work
date, VAT of the work date, each line rounded half up to cents) into `Invoice`/`InvoiceLine`; the
PDF and the Finvoice message never read live order data.

Numbers are gapless: the series row is locked (`select_for_update`) inside the issuing
transaction, so two issuings queue behind each other and a rolled-back one gives its number back.
Locks are taken in the order orders → series → invoice, so two services never deadlock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from billing.models import Invoice, InvoiceEvent, InvoiceKind, InvoiceLine, InvoiceSeries, InvoiceStatus
from billing.references import reference_number, rf_reference
from billing.selectors import price_list_on, vat_rate_on
from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from jobcenter.mail import queue_email
from jobcenter.models import OutboundEmail
from jobcenter.money import round_cents
from orders import permissions
from orders.models import Assignment, AssignmentStatus, ClientOrganisation, InvoicingMode, Order, OrderStatus
from orders.services import order_mark_invoiced

SERIES_CODE = "JC"
ZERO = Decimal("0.00")


def _require_coordinator(by) -> None:
    if not permissions.can_coordinate(by):
        raise ActionNotPermitted


def _event(invoice: Invoice, action: str, *, by, note: str = "") -> None:
    InvoiceEvent.objects.create(invoice=invoice, action=action, by=by, note=note)


# --- Lines ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineDraft:
    date: dt.date
    task: str
    worker_count: int
    hours: Decimal
    unit_price: Decimal
    vat_rate: Decimal

    @property
    def net(self) -> Decimal:
        return round_cents(self.hours * self.unit_price)

    @property
    def vat(self) -> Decimal:
        return round_cents(self.net * self.vat_rate / Decimal(100))


def _task_name(order: Order, language: str, *, with_order_number: bool) -> str:
    with translation.override(language):
        name = order.task_type.name if order.task_type_id else ""
    text = f"{name}: {order.title}" if name and name.lower() != order.title.lower() else order.title
    return f"{text} ({order.number})" if with_order_number else text


class RateBook:
    """The client's hourly price and the VAT rate per day, each looked up once in one issuing run.

    Prices and VAT rates are dated rows (`price_list_on`, `vat_rate_on`); an invoice has a line per
    gig date, and the month-end run issues thousands of invoices over the same few dozen dates. A
    book lives for one run (or one part of it), so a price edited later is read by the next run."""

    def __init__(self) -> None:
        self._prices: dict[tuple[str, dt.date], Decimal] = {}
        self._vat: dict[dt.date, Decimal] = {}

    def client_hourly_price(self, *, contract_type: str, day: dt.date) -> Decimal:
        key = (contract_type, day)
        if key not in self._prices:
            self._prices[key] = price_list_on(contract_type=contract_type, day=day).client_hourly_price
        return self._prices[key]

    def vat_rate(self, *, day: dt.date) -> Decimal:
        if day not in self._vat:
            self._vat[day] = vat_rate_on(day=day)
        return self._vat[day]


def _line_drafts(
    orders: Iterable[Order], language: str, *, with_order_number: bool, rates: RateBook | None = None
) -> list[LineDraft]:
    """One line per order × gig date × task: the approved hours at the price and VAT of that date."""
    rates = rates or RateBook()
    drafts = []
    for order in orders:
        approved = (
            Assignment.objects.filter(gig__order=order, status=AssignmentStatus.APPROVED)
            .values("gig__date")
            .annotate(hours=Sum("approved_hours"), workers=Count("worker", distinct=True))
            .order_by("gig__date")
        )
        task = _task_name(order, language, with_order_number=with_order_number)
        for row in approved:
            day = row["gig__date"]
            drafts.append(
                LineDraft(
                    date=day,
                    task=task,
                    worker_count=row["workers"],
                    hours=row["hours"],
                    unit_price=rates.client_hourly_price(contract_type=order.contract_type, day=day),
                    vat_rate=rates.vat_rate(day=day),
                )
            )
    return sorted(drafts, key=lambda d: (d.date, d.task))


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
    series, number = _next_number()
    reference = reference_number(str(number).rjust(3, "0"))
    term_days = settings.JOBCENTER_PAYMENT_TERM_DAYS
    client_references = [o.client_reference for o in orders if o.client_reference]
    invoice = Invoice(
        series=series,
        number=number,
        kind=InvoiceKind.INVOICE,
        client=client,
        seller_name=settings.JOBCENTER_SELLER_NAME,
        seller_business_id=settings.JOBCENTER_SELLER_BUSINESS_ID,
        seller_iban="".join(settings.JOBCENTER_SELLER_IBAN.split()),
        seller_bic=settings.JOBCENTER_SELLER_BIC,
        buyer_name=client.billing_name or client.name,
        buyer_business_id=client.business_id,
        buyer_street=client.billing_street,
        buyer_postal_code=client.billing_postal_code,
        buyer_city=client.billing_city,
        buyer_email=client.billing_email,
        buyer_einvoice_address=client.einvoice_address,
        buyer_einvoice_operator=client.einvoice_operator,
        client_reference=", ".join(dict.fromkeys(client_references))[:200],
        language=client.language,
        issue_date=issue_date,
        due_date=issue_date + dt.timedelta(days=term_days),
        payment_term_days=term_days,
        penalty_interest_note=settings.JOBCENTER_PENALTY_INTEREST_NOTE[:200],
        reference=reference,
        reference_rf=rf_reference(reference),
        net=sum((d.net for d in drafts), ZERO),
        vat=sum((d.vat for d in drafts), ZERO),
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
            gross=d.net + d.vat,
        )
        for position, d in enumerate(drafts, start=1)
    )
    invoice.orders.set(orders)
    _event(invoice, "issued", by=by, note=", ".join(o.number for o in orders))
    for order in orders:
        order_mark_invoiced(order_id=order.pk, by=by, note=invoice.display_number)
    _queue_pdf(invoice)
    return invoice


def _queue_pdf(invoice: Invoice) -> None:
    from billing.tasks import render_invoice_pdf_task

    render_invoice_pdf_task.delay_on_commit(invoice.pk)


def _invoice_of(order: Order) -> Invoice | None:
    return order.invoices.filter(kind=InvoiceKind.INVOICE).first()


# --- Issuing --------------------------------------------------------------------------------------
@transaction.atomic
def invoice_issue_for_order(*, order_id: int, by, issue_date: dt.date | None = None) -> Invoice:
    """Invoice one approved order. Idempotent: an order already on an invoice returns that invoice."""
    _require_coordinator(by)
    try:
        order = Order.objects.select_for_update(of=("self",)).select_related("client", "task_type").get(pk=order_id)
    except Order.DoesNotExist:
        raise DomainError(_("The order no longer exists.")) from None
    existing = _invoice_of(order)
    if existing is not None:
        return existing
    if order.status != OrderStatus.APPROVED:
        raise TransitionNotAllowed(
            label=_("Order %(number)s") % {"number": order.number},
            current=OrderStatus(order.status).label,
            target=OrderStatus.INVOICED.label,
            message=_("Only an approved order can be invoiced."),
        )
    client = ClientOrganisation.objects.get(pk=order.client_id)
    drafts = _line_drafts([order], client.language, with_order_number=False)
    return _create_invoice(
        client=client, orders=[order], drafts=drafts, by=by, issue_date=issue_date or timezone.localdate()
    )


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def orders_to_invoice_monthly(*, client_id: int, year: int, month: int):
    """The client's approved, not yet invoiced orders whose work ended in that month.

    An order whose work spans two months goes on the invoice of the month its work ended, once.
    """
    first, last = _month_bounds(year, month)
    approved = Q(gigs__assignments__status=AssignmentStatus.APPROVED)
    return (
        Order.objects.filter(client_id=client_id, status=OrderStatus.APPROVED)
        .exclude(invoices__kind=InvoiceKind.INVOICE)
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
    _require_coordinator(by)
    try:
        client = ClientOrganisation.objects.get(pk=client_id)
    except ClientOrganisation.DoesNotExist:
        raise DomainError(_("The client no longer exists.")) from None
    if client.invoicing_mode != InvoicingMode.MONTHLY:
        raise DomainError(_("This client is invoiced per order, not monthly."))
    ids = list(orders_to_invoice_monthly(client_id=client_id, year=year, month=month).values_list("pk", flat=True))
    # Lock the orders in a fixed order, then check again: another run may have invoiced them.
    locked = Order.objects.select_for_update(of=("self",)).select_related("task_type").filter(pk__in=ids)
    orders = [o for o in locked.order_by("pk") if o.status == OrderStatus.APPROVED and _invoice_of(o) is None]
    if not orders:
        return None
    drafts = _line_drafts(orders, client.language, with_order_number=True, rates=rates)
    return _create_invoice(
        client=client, orders=orders, drafts=drafts, by=by, issue_date=issue_date or timezone.localdate()
    )


# --- After issue ----------------------------------------------------------------------------------
def _lock_invoice(invoice_id: int) -> Invoice:
    try:
        return Invoice.objects.select_for_update().get(pk=invoice_id)
    except Invoice.DoesNotExist:
        raise DomainError(_("The invoice no longer exists.")) from None


@transaction.atomic
def credit_note_issue(*, invoice_id: int, by, reason: str, issue_date: dt.date | None = None) -> Invoice:
    """A credit note: a negative copy of the invoice that refers to it. The original is credited."""
    _require_coordinator(by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the credit note."))
    # Lock the orders first (the same order as issuing), then the series, then the invoice.
    order_ids = list(Invoice.objects.filter(pk=invoice_id).values_list("orders__pk", flat=True))
    list(Order.objects.select_for_update().filter(pk__in=[pk for pk in order_ids if pk]).order_by("pk"))
    original = _lock_invoice(invoice_id)
    if original.kind != InvoiceKind.INVOICE:
        raise DomainError(_("A credit note cannot be credited."))
    if original.status == InvoiceStatus.CREDITED:
        raise DomainError(_("This invoice has already been credited."))
    series, number = _next_number()
    issue_date = issue_date or timezone.localdate()
    reference = reference_number(str(number).rjust(3, "0"))
    lines = list(original.lines.all())
    credit = Invoice.objects.get(pk=original.pk)  # a copy of every frozen field
    credit.pk = credit.id = None
    credit._state.adding = True
    credit.series = series
    credit.number = number
    credit.kind = InvoiceKind.CREDIT_NOTE
    credit.credits = original
    credit.credit_reason = reason
    credit.issue_date = credit.due_date = issue_date
    credit.payment_term_days = 0
    credit.reference = reference
    credit.reference_rf = rf_reference(reference)
    credit.net, credit.vat, credit.gross = -original.net, -original.vat, -original.gross
    credit.status = InvoiceStatus.ISSUED
    credit.paid_at = credit.paid_amount = None
    credit.pdf = ""
    credit.emailed_at = None
    credit.issued_by = by
    credit.created_at = credit.updated_at = None
    credit.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=credit,
            position=line.position,
            date=line.date,
            task=line.task,
            worker_count=line.worker_count,
            hours=-line.hours,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            net=-line.net,
            vat=-line.vat,
            gross=-line.gross,
        )
        for line in lines
    )
    credit.orders.set(original.orders.all())
    original.status = InvoiceStatus.CREDITED
    original.save(update_fields=["status", "updated_at"])
    _event(original, "credited", by=by, note=f"{credit.display_number}: {reason}")
    _event(credit, "issued", by=by, note=reason)
    _queue_pdf(credit)
    return credit


@transaction.atomic
def invoice_mark_paid(*, invoice_id: int, by, amount, paid_on: dt.date) -> Invoice:
    """Record the payment of an issued invoice (amount and date)."""
    _require_coordinator(by)
    invoice = _lock_invoice(invoice_id)
    if invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("A credit note is not paid."))
    if invoice.status != InvoiceStatus.ISSUED:
        raise TransitionNotAllowed(
            label=_("Invoice %(number)s") % {"number": invoice.display_number},
            current=InvoiceStatus(invoice.status).label,
            target=InvoiceStatus.PAID.label,
        )
    try:
        amount = round_cents(Decimal(str(amount).replace(",", ".").strip()))
    except ArithmeticError:
        raise DomainError(_("Give the amount paid in euros, e.g. 18,20.")) from None
    if amount <= 0:
        raise DomainError(_("The amount paid must be more than zero."))
    if paid_on is None or paid_on > timezone.localdate():
        raise DomainError(_("Give the payment date; it cannot be in the future."))
    invoice.status = InvoiceStatus.PAID
    invoice.paid_at = paid_on
    invoice.paid_amount = amount
    invoice.save(update_fields=["status", "paid_at", "paid_amount", "updated_at"])
    _event(invoice, "paid", by=by, note=f"{amount} € {paid_on:%d.%m.%Y}")
    return invoice


@transaction.atomic
def invoice_attach_pdf(*, invoice_id: int, content: bytes) -> Invoice | None:
    """Store the rendered PDF, once. None when another run stored it already."""
    invoice = Invoice.objects.select_for_update(skip_locked=True).filter(pk=invoice_id).first()
    if invoice is None or invoice.pdf:
        return None
    invoice.pdf.save(f"{invoice.display_number}.pdf", ContentFile(content), save=False)
    invoice.save(update_fields=["pdf", "updated_at"])
    _event(invoice, "pdf", by=None)
    return invoice


# --- Emails to the client -------------------------------------------------------------------------
EMAILED = "emailed"
REMINDED = "reminded"


def _email_context(invoice: Invoice) -> dict:
    iban = invoice.seller_iban
    return {
        "invoice": invoice,
        "number": invoice.display_number,
        "total": invoice.gross,
        "due_date": invoice.due_date,
        "reference": invoice.reference_grouped,
        "reference_rf": invoice.reference_rf,
        "iban": " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)),
        "bic": invoice.seller_bic,
        "seller_name": invoice.seller_name,
    }


def _pdf_attachment(invoice: Invoice) -> list[tuple[str, bytes, str]]:
    if not invoice.pdf:
        return []
    with invoice.pdf.open("rb") as stored:
        return [(f"{invoice.display_number}.pdf", stored.read(), "application/pdf")]


@transaction.atomic
def invoice_email_queue(*, invoice_id: int) -> OutboundEmail | None:
    """Queue the invoice email with the PDF to the buyer's billing email, once per invoice.

    None when there is nothing to send: no PDF yet, no billing email, a credit note, or already sent
    (`emailed_at`, read and stamped under the invoice's row lock, is the guard).
    """
    invoice = Invoice.objects.select_for_update().filter(pk=invoice_id).first()
    if invoice is None or invoice.kind != InvoiceKind.INVOICE or not invoice.pdf or not invoice.buyer_email:
        return None
    if invoice.emailed_at is not None:
        return None
    email = queue_email(
        to=invoice.buyer_email,
        code="invoice_sent",
        context=_email_context(invoice),
        language=invoice.language,
        attachments=_pdf_attachment(invoice),
    )
    invoice.emailed_at = timezone.now()
    invoice.save(update_fields=["emailed_at", "updated_at"])
    _event(invoice, EMAILED, by=None, note=invoice.buyer_email)
    return email


@transaction.atomic
def invoice_send_reminder(*, invoice_id: int, by) -> OutboundEmail:
    """Email a payment reminder of an overdue, unpaid invoice to the buyer's billing email."""
    _require_coordinator(by)
    invoice = _lock_invoice(invoice_id)
    if not invoice.is_overdue:
        raise DomainError(_("A reminder can be sent only for an overdue, unpaid invoice."))
    if not invoice.buyer_email:
        raise DomainError(_("The invoice has no billing email."))
    email = queue_email(
        to=invoice.buyer_email,
        code="invoice_reminder",
        context=_email_context(invoice),
        language=invoice.language,
        attachments=_pdf_attachment(invoice),
    )
    _event(invoice, REMINDED, by=by, note=invoice.buyer_email)
    return email


def invoice_last_reminder(invoice: Invoice) -> dt.datetime | None:
    event = invoice.events.filter(action=REMINDED).order_by("-at").first()
    return event.at if event else None


# --- The month-end run ----------------------------------------------------------------------------
PROGRESS_TIMEOUT = 24 * 60 * 60


def _progress_key(run_id: str) -> str:
    return f"billing:month-end:{run_id}"


def month_end_progress(run_id: str) -> dict | None:
    """The run's progress: year, month, total, done, issued (invoice ids), failed, finished."""
    return cache.get(_progress_key(run_id))


def month_end_progress_set(run_id: str, **values) -> None:
    progress = month_end_progress(run_id) or {}
    progress.update(values)
    cache.set(_progress_key(run_id), progress, PROGRESS_TIMEOUT)


def month_end_run_start(*, year: int, month: int, by) -> str:
    """Start the month-end run in the worker; returns the run's id for the progress page.

    Safe to start twice: invoice_issue_monthly issues nothing for work already invoiced."""
    from billing.tasks import run_monthly_invoices_task

    _require_coordinator(by)
    _month_bounds(year, month)  # a ValueError for an impossible month, before anything starts
    run_id = uuid.uuid4().hex
    month_end_progress_set(run_id, year=year, month=month, total=None, done=0, issued=[], failed=0, finished=False)
    run_monthly_invoices_task.delay_on_commit(year, month, by.pk, run_id)
    return run_id
