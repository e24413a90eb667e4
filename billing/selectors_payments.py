"""Reads of payment runs for their pages: the list, one run with its payments and holds.

Only the coordinator and the paying role see payment runs; anyone else gets a 404 from these (the
gate has refused them before). Each read is a fixed number of queries however large the run: the
payments come a page at a time with what the row shows joined in.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from billing.models import PaymentRun, PaymentRunHold, Payout
from jobcenter.roles import is_coordinator, is_payer


def _may_see_runs(user) -> bool:
    return is_coordinator(user) or is_payer(user)


def sees_full_accounts(user) -> bool:
    """The paying role alone sees bank accounts in full; everyone else sees them masked."""
    return is_payer(user)


def payment_run_list_for(*, user) -> QuerySet[PaymentRun]:
    """Every payment run, newest first, with the number of workers held out (one query a page)."""
    if not _may_see_runs(user):
        return PaymentRun.objects.none()
    return (
        PaymentRun.objects.select_related("created_by", "approved_by")
        .annotate(hold_count=Count("holds"))
        .order_by("-created_at", "-pk")
    )


def payment_run_get_for(*, user, pk: int) -> PaymentRun:
    run = (
        PaymentRun.objects.filter(pk=pk).select_related("created_by", "approved_by", "discarded_by").first()
        if _may_see_runs(user)
        else None
    )
    if run is None:
        raise Http404
    return run


def payment_run_payouts(*, run: PaymentRun, search: str = "") -> QuerySet[Payout]:
    """The run's payments by worker name, each with its number of gigs and the worker's current
    account (shown until approval freezes one on the payment). `search` narrows by name."""
    qs = (
        Payout.objects.filter(run=run)
        .select_related("worker__payment_details")
        .only(
            "pk",
            "run_id",
            "worker_id",
            "worker_name",
            "hours",
            "gross",
            "withholding_percent",
            "tax_withheld",
            "net",
            "status",
            "iban",
            "bank_status",
            "bank_reason_code",
            "bank_reason",
            "settled_at",
            "pdf",
            "worker__id",
            "worker__payment_details__id",
            "worker__payment_details__iban",
        )
        .annotate(gigs=Count("lines"))
        .order_by("worker_name", "pk")
    )
    for word in search.split():
        qs = qs.filter(worker_name__icontains=word)
    return qs


def payment_run_holds(*, run: PaymentRun) -> QuerySet[PaymentRunHold]:
    return (
        PaymentRunHold.objects.filter(run=run)
        .select_related("worker__user")
        .only("pk", "run_id", "worker_id", "reason", "assignments", "hours", "gross", *_WORKER_NAME)
        .order_by("worker__user__last_name", "worker__user__first_name", "worker_id")
    )


_WORKER_NAME = ("worker__user__first_name", "worker__user__last_name", "worker__user__email")


def payment_run_worker_ids(*, run: PaymentRun) -> list[int]:
    """Every worker paid in the run (for the access log of the bank file's download)."""
    return list(Payout.objects.filter(run=run).order_by("worker_id").values_list("worker_id", flat=True).distinct())


def payout_account(payout: Payout) -> str:
    """The account a payment goes to: frozen at approval, the worker's current one before it."""
    if payout.iban:
        return payout.iban
    details = getattr(payout.worker, "payment_details", None) if payout.worker_id else None
    return details.iban if details is not None else ""
