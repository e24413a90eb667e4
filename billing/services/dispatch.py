"""E-invoice dispatch: each e-invoice client's invoice and credit note to the buyer's operator,
through the transport (billing.einvoice), at most once.

The discipline is the mail outbox's (jobcenter/mail.py). `einvoice_dispatch_send` commits the row
as *sending* before it calls the transport, then records the result; a retried, redelivered or
duplicated task finds the row no longer *waiting* and does nothing:

- a temporary transport error puts the row back to *waiting* with the time of the next attempt
  (doubling delays, `JOBCENTER_EINVOICE_RETRY_*`), up to `JOBCENTER_EINVOICE_MAX_ATTEMPTS`; then it
  is *failed*;
- a permanent error (the message fails the schema, no e-invoice address, the operator refused) makes
  it *failed* at once, with the reason;
- a send interrupted by a dying worker leaves it *sending*; the periodic job marks it *failed* after
  `JOBCENTER_EINVOICE_SENDING_STALE_SECONDS`, because the message may have arrived.

The coordinator sees the failed ones next to the failed emails and sends one again after fixing the
cause (`einvoice_dispatch_retry`).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.channels import EINVOICE, invoice_channel
from billing.einvoice import (
    MessageNotRoutable,
    PermanentTransportError,
    TemporaryTransportError,
    einvoice_message,
    get_transport,
)
from billing.finvoice import FinvoiceInvalid
from billing.models import DispatchStatus, EInvoiceDispatch, Invoice
from billing.services.common import event, require_coordinator
from billing.tasks import send_einvoice_task
from jobcenter.errors import DomainError
from jobcenter.tasks import enqueue_on_commit

logger = logging.getLogger("billing.dispatch")

# History actions of the invoice (InvoiceEvent.action).
EINVOICE_QUEUED = "einvoice_queued"
EINVOICE_SENT = "einvoice_sent"
EINVOICE_FAILED = "einvoice_failed"
EINVOICE_RETRIED = "einvoice_retried"

# `last_error` of a send that a dying worker interrupted (the pages explain it in the user's language).
INTERRUPTED = "interrupted"

# Outcomes of `einvoice_dispatch_send`.
SENT = "sent"
SKIPPED = "skipped"
RETRY = "retry"
FAILED = "failed"


@transaction.atomic
def einvoice_dispatch_queue(*, invoice_id: int) -> EInvoiceDispatch | None:
    """Create the invoice's waiting dispatch, once, and queue its send after commit.

    None when the invoice does not go by e-invoice (billing.channels), is gone, or was already
    emailed. Safe to call again: the invoice's row lock and the one-to-one row are the guard."""
    invoice = Invoice.objects.select_for_update().select_related("client").filter(pk=invoice_id).first()
    if invoice is None or invoice_channel(invoice) != EINVOICE or invoice.emailed_at is not None:
        return None
    dispatch, created = EInvoiceDispatch.objects.get_or_create(invoice=invoice)
    if created:
        event(invoice, EINVOICE_QUEUED, by=None, params={"address": invoice.buyer_einvoice_address})
        enqueue_on_commit(send_einvoice_task, dispatch.pk)
    return dispatch


def retry_delay(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt: base × 2^(attempts − 1), capped."""
    base = settings.JOBCENTER_EINVOICE_RETRY_BASE_SECONDS
    return int(min(base * 2 ** max(attempts - 1, 0), settings.JOBCENTER_EINVOICE_RETRY_MAX_SECONDS))


def _claim(dispatch_id: int) -> EInvoiceDispatch | None:
    with transaction.atomic():
        dispatch = (
            EInvoiceDispatch.objects.select_for_update(skip_locked=True)
            .filter(pk=dispatch_id, status=DispatchStatus.WAITING)
            .first()
        )
        if dispatch is None:
            return None
        dispatch.status = DispatchStatus.SENDING
        dispatch.attempts += 1
        dispatch.sending_since = timezone.now()
        dispatch.next_attempt_at = None
        dispatch.save(update_fields=["status", "attempts", "sending_since", "next_attempt_at", "updated_at"])
    return dispatch


def einvoice_dispatch_send(*, dispatch_id: int) -> tuple[str, int | None]:
    """Send one waiting dispatch, at most once. Returns (outcome, seconds until the next attempt):
    "sent", "skipped" (not waiting: sent, being sent, failed or gone), "retry" or "failed"."""
    dispatch = _claim(dispatch_id)
    if dispatch is None:
        return SKIPPED, None
    # Committed as sending: from here on no other run sends this row, even if this process dies.
    claimed = EInvoiceDispatch.objects.filter(pk=dispatch.pk, status=DispatchStatus.SENDING)
    invoice = Invoice.objects.select_related("series", "client", "credits__series").get(pk=dispatch.invoice_id)
    temporary = False
    try:
        receipt = get_transport().send(einvoice_message(invoice))
    except TemporaryTransportError as exc:
        error, temporary = str(exc) or type(exc).__name__, True
    except (FinvoiceInvalid, MessageNotRoutable, PermanentTransportError) as exc:
        error = _describe(exc)
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row, never lost
        error = f"{type(exc).__name__}: {exc}"
        logger.exception("e-invoice dispatch %s: unexpected error", dispatch.pk)
    else:
        now = timezone.now()
        claimed.update(
            status=DispatchStatus.SENT,
            sent_at=now,
            sending_since=None,
            message_id=receipt.message_id[:100],
            location=receipt.location[:500],
            last_error="",
            updated_at=now,
        )
        event(invoice, EINVOICE_SENT, by=None, params={"location": receipt.location})
        return SENT, None
    error = error[:2000]
    if temporary and dispatch.attempts < settings.JOBCENTER_EINVOICE_MAX_ATTEMPTS:
        delay = retry_delay(dispatch.attempts)
        claimed.update(
            status=DispatchStatus.WAITING,
            last_error=error,
            sending_since=None,
            next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
            updated_at=timezone.now(),
        )
        logger.warning("e-invoice dispatch %s: attempt %s failed, next in %s s: %s", dispatch.pk,
                       dispatch.attempts, delay, error)  # fmt: skip
        return RETRY, delay
    claimed.update(status=DispatchStatus.FAILED, last_error=error, sending_since=None, updated_at=timezone.now())
    event(invoice, EINVOICE_FAILED, by=None, note=error)
    logger.error("e-invoice dispatch %s: failed after %s attempt(s): %s", dispatch.pk, dispatch.attempts, error)
    return FAILED, None


def _describe(exc: Exception) -> str:
    if isinstance(exc, FinvoiceInvalid):
        return _("The e-invoice does not pass the Finvoice 3.0 schema: %(errors)s") % {"errors": exc}
    return str(exc) or type(exc).__name__


def einvoice_dispatch_fail_interrupted() -> int:
    """Mark failed the sends that a dying worker left *sending* for too long. Never resends them:
    the message may have arrived. Returns how many were marked."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.JOBCENTER_EINVOICE_SENDING_STALE_SECONDS)
    stale = EInvoiceDispatch.objects.filter(status=DispatchStatus.SENDING, sending_since__lt=cutoff)
    return stale.update(status=DispatchStatus.FAILED, last_error=INTERRUPTED, sending_since=None)


def einvoice_dispatch_overdue_ids(*, grace_seconds: int = 600, limit: int = 500) -> list[int]:
    """Waiting dispatches whose send never happened (the broker lost the task, no worker ran, or a
    retry was due while tasks ran inline), oldest first."""
    cutoff = timezone.now() - dt.timedelta(seconds=grace_seconds)
    return list(
        EInvoiceDispatch.objects.filter(status=DispatchStatus.WAITING)
        .filter(Q(next_attempt_at__isnull=True, created_at__lt=cutoff) | Q(next_attempt_at__lt=cutoff))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def einvoice_dispatch_retry(*, dispatch_id: int, by) -> EInvoiceDispatch:
    """The coordinator sends a failed e-invoice again, after fixing the cause: it waits once more,
    with a fresh count of attempts. The earlier reason stays in the invoice's history."""
    require_coordinator(by)
    dispatch = EInvoiceDispatch.objects.select_for_update().filter(pk=dispatch_id).first()
    if dispatch is None:
        raise DomainError(_("The e-invoice dispatch no longer exists."))
    if dispatch.status == DispatchStatus.WAITING:
        return dispatch  # already waiting (a double click)
    if dispatch.status != DispatchStatus.FAILED:
        raise DomainError(_("Only an e-invoice that could not be sent can be sent again."))
    previous = dispatch.last_error
    dispatch.status = DispatchStatus.WAITING
    dispatch.attempts = 0
    dispatch.next_attempt_at = None
    dispatch.last_error = ""
    dispatch.retried_at = timezone.now()
    dispatch.retried_by = by
    dispatch.save(
        update_fields=["status", "attempts", "next_attempt_at", "last_error", "retried_at", "retried_by", "updated_at"]
    )
    event(dispatch.invoice, EINVOICE_RETRIED, by=by, note=previous)
    enqueue_on_commit(send_einvoice_task, dispatch.pk)
    return dispatch
