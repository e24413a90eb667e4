"""The worker's payments: `/me/money/`, the statement PDFs, and the pay shown on `/me/`.

Plain words that say what is true of each payment: what comes to the worker's account and when,
what the tax office gets of it, or, when the bank returned the payment, why and what happens next.
The sentences are made here rather than in the template because each joins money and a date in
one translated sentence. The account is shown masked; the identity code never. Each look at the
payments is logged as a look at the worker's fees (the worker's own looks are logged, too, though
their access-log page leaves them out).
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from billing.payout_pdf import render_payout_pdf
from billing.payouts import payout_attach_pdf
from billing.selectors_worker_money import (
    PaymentState,
    WorkerPayment,
    worker_next_payment_for,
    worker_payments_for,
    worker_payout_get,
)
from jobcenter.access_log import ACTION_DOWNLOAD, DATA_PAYOUT, log_access
from jobcenter.gates import worker_required
from jobcenter.templatetags.plain import euros_exact, plain_date, plain_date_year

# The bank's reason (ISO 20022 status reason code) in everyday words, as the end of "The payment
# did not reach you, because ...". A code not named here gets the general words.
BANK_REASONS = {
    "AC01": gettext_lazy("there was an error in the account number"),
    "AC03": gettext_lazy("there was an error in the account number"),
    "AC04": gettext_lazy("the account has been closed"),
    "AC06": gettext_lazy("the account is blocked"),
    "BE01": gettext_lazy("the name and the account did not match"),
    "RC01": gettext_lazy("there was an error in the code of the bank"),
}
GENERAL_BANK_REASON = gettext_lazy("the bank did not accept it")
# A closed account cannot be fixed without the worker: they are the one who knows the new account.
REASONS_THE_WORKER_CAN_FIX = {"AC04"}


def _period(payment: WorkerPayment) -> str:
    return f"{plain_date(payment.period_start)}–{plain_date_year(payment.period_end)}"


def _sentence(text: str) -> str:
    """One full stop at the end: a Finnish date ends with one already ("maksetaan 24,00 euroa 15.1.")."""
    return text[:-1] if text.endswith("..") else text


def _tax_sentence(payment: WorkerPayment, *, past: bool) -> str:
    if not payment.tax_withheld:
        return _("No tax is taken from it.")
    tax = euros_exact(payment.tax_withheld)
    if past:
        return _("The tax office got %(tax)s of it.") % {"tax": tax}
    return _("The tax office gets %(tax)s of it.") % {"tax": tax}


def payment_sentences(payment: WorkerPayment) -> list[str]:
    """What the worker reads first of a payment, one short sentence each."""
    return [_sentence(text) for text in _payment_sentences(payment)]


def _payment_sentences(payment: WorkerPayment) -> list[str]:
    net = euros_exact(payment.net)
    date = plain_date(payment.payment_date) if payment.payment_date else ""
    if payment.state == PaymentState.COMING:
        return [
            _("You will be paid %(money)s on %(date)s.") % {"money": net, "date": date},
            _tax_sentence(payment, past=False),
        ]
    if payment.state == PaymentState.SENT:
        return [
            _("%(money)s was sent to you on %(date)s.") % {"money": net, "date": date},
            _tax_sentence(payment, past=True),
        ]
    if payment.state == PaymentState.PAID:
        return [_("You got %(money)s on %(date)s.") % {"money": net, "date": date}, _tax_sentence(payment, past=True)]
    if payment.state == PaymentState.PAID_BEFORE_RUNS:
        return [
            _("You got %(money)s for the work of %(period)s.") % {"money": net, "period": _period(payment)},
            _tax_sentence(payment, past=True),
        ]
    reason = BANK_REASONS.get(payment.bank_reason_code, GENERAL_BANK_REASON)
    sentences = [_("The payment did not reach you, because %(reason)s.") % {"reason": reason}]
    if payment.bank_reason_code in REASONS_THE_WORKER_CAN_FIX:
        sentences.append(_("Tell your instructor your new account number."))
        sentences.append(_("Then you will get the money in the next payment run."))
    else:
        sentences.append(_("Your instructor will fix it, and you will get the money in the next payment run."))
    return sentences


def payment_heading(payment: WorkerPayment) -> str:
    if payment.payment_date:
        return _("Payment date %(date)s") % {"date": plain_date_year(payment.payment_date)}
    return _("Fee for %(period)s") % {"period": _period(payment)}


# The box around the sentences: the bar on its left only repeats what the words say.
STATUS_CLASSES = {
    PaymentState.PAID: "gig-status gig-status--approved",
    PaymentState.PAID_BEFORE_RUNS: "gig-status gig-status--approved",
    PaymentState.REJECTED: "worker-note",
}


def _shown(payment: WorkerPayment) -> dict:
    return {
        "payment": payment,
        "heading": payment_heading(payment),
        "sentences": payment_sentences(payment),
        "status_class": STATUS_CLASSES.get(payment.state, "gig-status"),
    }


def next_payment_block(request: HttpRequest) -> dict | None:
    """The pay on `/me/`: the next payment in the bank, otherwise the latest one (None if none)."""
    payment = worker_next_payment_for(worker=request.worker, today=timezone.localdate())
    if payment is None:
        return None
    log_access(request, request.worker, DATA_PAYOUT)
    return _shown(payment)


@require_safe
@worker_required
def money(request: HttpRequest) -> HttpResponse:
    """Every payment that has left a payment run, newest first, each with its statement PDF."""
    payments = worker_payments_for(worker=request.worker, today=timezone.localdate())
    if payments:
        log_access(request, request.worker, DATA_PAYOUT)
    return render(request, "workers/mobile/money.html", {"payments": [_shown(payment) for payment in payments]})


@require_safe
@worker_required
def money_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The statement of one of the worker's own payments (another's, or a draft's, is a 404).
    Made once and stored, then the stored file is given."""
    payout = worker_payout_get(worker=request.worker, pk=pk)
    if not payout.pdf:
        payout = payout_attach_pdf(payout_id=payout.pk, content=render_payout_pdf(payout))
    log_access(request, request.worker, DATA_PAYOUT, action=ACTION_DOWNLOAD)
    response = FileResponse(
        payout.pdf.open("rb"),
        as_attachment=True,
        filename=f"palkkiolaskelma-{payout.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store, private"
    return response
