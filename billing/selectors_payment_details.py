"""Reads of the workers' bank accounts and identity codes: masked for everyone, in full for the payer.

- Masked (`payment_details_summary_for`, `masked_accounts_for`): the IBAN's country and last two
  digits, the identity code's date part. Enough to see whether an account is there and whether it
  is the one the worker means, and not enough to use either, so the masked values are shown on
  the pages where the details are entered and wherever a role needs to know that an account exists,
  without an access-log row: they are not the account or the code.
- In full (`payment_detail_reveal`): only to the paying role (`jobcenter.roles.is_payer`), in a
  strong session, one value at a time, each look one access-log row. Anyone else who asks gets
  `ActionNotPermitted` (a 403) and a "denied" row, so the worker's log shows the attempt too.

Who may see the worker at all (the pages' scope): the coordinator and the paying role every
worker, unit staff the workers of their own units; anyone else gets a 404, as for a worker who
does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from billing.models import WorkerPaymentDetails, mask_iban, mask_identity_code
from jobcenter.access_log import DATA_BANK_DETAILS, DATA_IDENTITY_CODE, log_access
from jobcenter.errors import ActionNotPermitted
from jobcenter.models import AccessLogOutcome
from jobcenter.roles import is_administrator, is_coordinator, is_payer, staff_unit_ids
from workers.models import Worker

IBAN = "iban"
IDENTITY_CODE = "identity_code"
# What may be revealed, and under which access-log code.
REVEALABLE = {IBAN: DATA_BANK_DETAILS, IDENTITY_CODE: DATA_IDENTITY_CODE}


# --- Who may do what ------------------------------------------------------------------------------
def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_enter_payment_details(user, worker) -> bool:
    """The coordinator or the staff of the worker's home unit; never the worker themself."""
    if not _active(user) or worker.user_id == user.pk:
        return False
    return is_coordinator(user) or worker.home_unit_id in staff_unit_ids(user)


def can_see_masked_payment_details(user, worker) -> bool:
    """Whoever may enter them, and the paying role (whose pages show which workers have an account)."""
    return _active(user) and (can_enter_payment_details(user, worker) or is_payer(user))


def can_see_payment_details_in_full(user) -> bool:
    """Only the paying role: the one that makes the bank file and the tax reports."""
    return is_payer(user)


# --- The worker of the pages ----------------------------------------------------------------------
def payment_details_workers_for(*, user) -> QuerySet[Worker]:
    """Workers whose payment details the user's pages may show (masked)."""
    qs = Worker.objects.select_related("user", "home_unit").defer("support_needs")
    if is_coordinator(user) or is_payer(user) or is_administrator(user):
        return qs
    unit_ids = staff_unit_ids(user)
    return qs.filter(home_unit_id__in=unit_ids) if unit_ids else qs.none()


def payment_details_worker_get_for(*, user, pk: int) -> Worker:
    """One worker in the user's scope; `Http404` otherwise (another unit's worker included)."""
    return get_object_or_404(payment_details_workers_for(user=user), pk=pk)


# --- Masked ---------------------------------------------------------------------------------------
def masked_iban(iban: str) -> str:
    """ "FI•• •••• •••• •••• 85": the masked IBAN in groups of four, as an IBAN is written."""
    masked = mask_iban(iban)
    return " ".join(masked[i : i + 4] for i in range(0, len(masked), 4))


def iban_spoken(iban: str):
    """What a screen reader says instead of the bullets: the country and the last two digits."""
    if not iban:
        return ""
    return _("Account in country %(country)s, ending in %(last)s") % {"country": iban[:2], "last": iban[-2:]}


@dataclass(frozen=True)
class PaymentDetailsSummary:
    """What the pages show of a worker's payment details, never the values themselves."""

    has_iban: bool
    iban: str  # masked
    iban_spoken: str
    bic: str  # the bank's code: about the bank, not the person, so shown as it is
    has_identity_code: bool
    identity_code: str  # masked: the date part only
    updated_at: object = None
    updated_by: str = ""

    @property
    def exists(self) -> bool:
        return self.has_iban or self.has_identity_code


EMPTY_SUMMARY = PaymentDetailsSummary(False, "", "", "", False, "")


def _summary(details: WorkerPaymentDetails | None) -> PaymentDetailsSummary:
    if details is None:
        return EMPTY_SUMMARY
    by = details.updated_by
    return PaymentDetailsSummary(
        has_iban=bool(details.iban),
        iban=masked_iban(details.iban),
        iban_spoken=iban_spoken(details.iban),
        bic=details.bic,
        has_identity_code=bool(details.personal_identity_code),
        identity_code=mask_identity_code(details.personal_identity_code),
        updated_at=details.updated_at,
        updated_by=(by.get_full_name() or by.email) if by is not None else "",
    )


def payment_details_summary_for(*, user, worker: Worker) -> PaymentDetailsSummary:
    """The worker's payment details, masked, for a user who may see them; `ActionNotPermitted` else."""
    if not can_see_masked_payment_details(user, worker):
        raise ActionNotPermitted()
    details = WorkerPaymentDetails.objects.select_related("updated_by").filter(worker=worker).first()
    return _summary(details)


def masked_accounts_for(worker_ids) -> dict[int, str]:
    """{worker id: masked IBAN} of the given workers that have an account (for lists: "Tili: FI•• … 85").

    Only for pages already limited to users who may see the workers' payment details masked."""
    rows = WorkerPaymentDetails.objects.filter(worker_id__in=list(worker_ids)).exclude(iban="")
    return {worker_id: masked_iban(iban) for worker_id, iban in rows.values_list("worker_id", "iban")}


# --- In full --------------------------------------------------------------------------------------
def iban_grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


@sensitive_variables("value")
def payment_detail_reveal(*, user, worker: Worker, what: str, strong: bool, request=None) -> str:
    """One value in full ("iban" grouped in fours, or "identity_code") for the paying role.

    `strong`: whether the session may show protected data (`jobcenter.stepup.session_is_strong`).
    Writes one access-log row (with the request's path and id when `request` is given). Anyone
    else gets `ActionNotPermitted` after a "denied" row. An empty value is "" and writes nothing:
    there was nothing to see.
    """
    data = REVEALABLE[what]
    who = request if request is not None else user
    if not (can_see_payment_details_in_full(user) and strong):
        log_access(who, worker, data, outcome=AccessLogOutcome.DENIED)
        raise ActionNotPermitted(_("Only the payment staff can see the account number and identity code in full."))
    field = "iban" if what == IBAN else "personal_identity_code"
    value = WorkerPaymentDetails.objects.filter(worker=worker).values_list(field, flat=True).first() or ""
    if not value:
        return ""
    log_access(who, worker, data)
    return iban_grouped(value) if what == IBAN else value
