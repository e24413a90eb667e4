"""Paying the demo's workers for their commission work: payment runs, the bank and the Incomes Register.

Through the billing services only, at the moments the steps happened:

- the workers' bank accounts and identity codes are entered by the coordinator when the workers
  start, except Mikko's: he has no bank account on file, so every run holds him out and says why;
- Jenni and Eeva have a tax card (10 % and 7.5 %); the other workers' fees are withheld at 60 %;
- the first run (the work up to six weeks ago) is made by the coordinator and approved by the
  paying role the next days: the bank file and the Incomes Register reports are made, and the
  reports are sent to the register the same day; the bank's status report then comes back: every
  payment went through except Petri's, whose account had been closed (AC04). His work returns to
  the pool; his instructor enters his new account, and his report is to be cancelled;
- this month's run is made by the coordinator today and waits, as a draft, for the paying role.

Each step is skipped when its result is there already, so a second run adds nothing. The steps look
for the runs by what they are (the approved one, the draft), not by their dates, which move with
the day the seed runs.
"""

from __future__ import annotations

from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.core.management.base import CommandError

from billing.bank_files.simulated import status_report_for
from billing.incomes_register.deliveries import ir_delivery_create, ir_delivery_send
from billing.models import (
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
    PaymentRun,
    PaymentRunStatus,
    WorkerPaymentDetails,
    WorkerTaxInfo,
)
from billing.payouts import worker_tax_info_set
from billing.services.bank_status import bank_status_report_apply
from billing.services.payment_details import worker_payment_details_set
from billing.services.payment_runs import payment_run_approve, payment_run_create
from demo.creation.context import DemoContext
from demo.creation.logins import DEMO_TOTP_SECRET, PAYER_EMAIL
from demo.identifiers import finnish_iban, identity_code
from jobcenter.roles import PAYER_PERMISSION, is_payer
from units.models import StaffRole

# (worker, withholding percent on the tax card). The other workers paid have no tax card on file,
# so 60 % is withheld from their fees.
TAX_CARDS = [("jenni", Decimal("10.00")), ("eeva", Decimal("7.50"))]
NO_BANK_ACCOUNT = "mikko"
CLOSED_ACCOUNT = "petri"  # the bank rejects his payment in the first run
CLOSED_ACCOUNT_REASON = "AC04"  # ISO 20022: ClosedAccountNumber
# The demo numbers of the made-up accounts and identity codes: one per worker, in the order of
# demo.creation.people.WORKERS; the new account of Petri after the rejection is the one after them.
NEW_ACCOUNT_NUMBER = 100

DETAILS_DAY = -85  # the workers' details are entered soon after they start (day -90)
TAX_CARDS_DAY = -43
# The first run: made, approved, paid on its payment date, answered by the bank the day after.
FIRST_RUN_DAY, FIRST_APPROVAL_DAY, FIRST_PAYMENT_DAY, BANK_REPORT_DAY = -40, -38, -35, -34
FIRST_CUTOFF_DAY = -41
NEW_ACCOUNT_DAY = -30
# This month's run pays on the fifth day from today the work up to yesterday.
DRAFT_PAYMENT_IN_DAYS = 5


def seed_payments(ctx: DemoContext) -> None:
    payer = _payer(ctx)
    _payment_details(ctx)
    _tax_cards(ctx)
    run = _first_run(ctx, payer)
    _first_run_reports_sent(ctx, run, payer)
    _first_run_paid(ctx, run, payer)
    _new_account_after_the_rejection(ctx)
    _draft_run(ctx)


def _payer(ctx: DemoContext):
    """The City's payment clerk: the paying role (approves runs, uploads the bank's answers), staff
    with a second factor like the coordinator."""
    with ctx.frozen(ctx.at(DETAILS_DAY - 3, 8, 0)):
        user = ctx.user(email=PAYER_EMAIL, first_name="Pirkko", last_name="Maksunen")
        if not is_payer(user):
            # An account's permissions are the administrator's to give (no service writes them).
            app_label, codename = PAYER_PERMISSION.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
            for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
                user.__dict__.pop(attr, None)
            ctx.created += 1
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
            ctx.created += 1
    return user


def _payment_details(ctx: DemoContext) -> None:
    with ctx.frozen(ctx.at(DETAILS_DAY, 10, 0)):
        for number, (key, worker) in enumerate(ctx.workers.items()):
            if key == NO_BANK_ACCOUNT or WorkerPaymentDetails.objects.filter(worker=worker).exists():
                continue
            worker_payment_details_set(
                worker_id=worker.pk,
                iban=finnish_iban(number),
                bic="",
                personal_identity_code=identity_code(number),
                by=ctx.coordinator,
            )
            ctx.created += 1


def _tax_cards(ctx: DemoContext) -> None:
    with ctx.frozen(ctx.at(TAX_CARDS_DAY, 15)):
        for key, percent in TAX_CARDS:
            worker = ctx.workers[key]
            if not WorkerTaxInfo.objects.filter(worker=worker).exists():
                worker_tax_info_set(
                    worker_id=worker.pk,
                    withholding_percent=percent,
                    in_prepayment_register=False,
                    valid_for_year=None,
                    by=ctx.coordinator,
                )
                ctx.created += 1


def _first_run(ctx: DemoContext, payer) -> PaymentRun:
    """Made by the coordinator, approved by the paying role two days later (four eyes)."""
    run = PaymentRun.objects.filter(status=PaymentRunStatus.APPROVED).order_by("pk").first()
    if run is not None:
        return run
    with ctx.frozen(ctx.at(FIRST_RUN_DAY, 9, 30)):
        run = payment_run_create(
            payment_date=ctx.date(FIRST_PAYMENT_DAY), cutoff_date=ctx.date(FIRST_CUTOFF_DAY), by=ctx.coordinator
        )
    with ctx.frozen(ctx.at(FIRST_APPROVAL_DAY, 10, 0)):
        run = payment_run_approve(run_id=run.pk, by=payer)
    ctx.created += 1
    return run


def _first_run_reports_sent(ctx: DemoContext, run: PaymentRun, payer) -> None:
    """The run's Incomes Register reports, in one delivery sent on the day of the approval."""
    waiting = IncomesRegisterReport.objects.filter(
        payout__run=run,
        kind=IncomesRegisterReportKind.NEW,
        status=IncomesRegisterReportStatus.WAITING,
        delivery__isnull=True,
    )
    if not waiting.exists():
        return
    with ctx.frozen(ctx.at(FIRST_APPROVAL_DAY, 10, 5)):
        delivery = ir_delivery_create(payment_date=run.payment_date, by=payer)
        outcome = ir_delivery_send(delivery.pk)
    if outcome != "sent":
        raise CommandError(f"Internal error: the demo's Incomes Register delivery was not sent ({outcome}).")
    ctx.created += 1


def _first_run_paid(ctx: DemoContext, run: PaymentRun, payer) -> None:
    """The bank's status report: Petri's account was closed, the other payments went through."""
    if run.status_reports.exists():
        return
    closed = run.payouts.filter(worker=ctx.workers[CLOSED_ACCOUNT]).first()
    if closed is None:
        raise CommandError("Internal error: the demo's first payment run does not pay Petri.")
    with run.bank_file.open("rb") as bank_file:
        content = status_report_for(bank_file.read(), rejected={closed.end_to_end_id: CLOSED_ACCOUNT_REASON})
    with ctx.frozen(ctx.at(BANK_REPORT_DAY, 9, 0)):
        bank_status_report_apply(content=content, by=payer, filename=f"pain002-{run.payment_date:%Y%m%d}.xml")
    ctx.created += 1


def _new_account_after_the_rejection(ctx: DemoContext) -> None:
    """Petri's instructor enters his new account, so this month's run pays him there."""
    worker = ctx.workers[CLOSED_ACCOUNT]
    new_iban = finnish_iban(NEW_ACCOUNT_NUMBER)
    if WorkerPaymentDetails.objects.filter(worker=worker, iban=new_iban).exists():
        return
    instructor = ctx.staff[(ctx.unit_key(worker), StaffRole.INSTRUCTOR)]
    with ctx.frozen(ctx.at(NEW_ACCOUNT_DAY, 13, 0)):
        worker_payment_details_set(
            worker_id=worker.pk, iban=new_iban, bic=None, personal_identity_code=None, by=instructor
        )
    ctx.created += 1


def _draft_run(ctx: DemoContext) -> None:
    """This month's run, made by the coordinator this morning: a draft for the paying role. Made only
    while the first run is the only one (a demo user may have approved or discarded the draft)."""
    if PaymentRun.objects.count() != 1:
        return
    with ctx.frozen(ctx.today_at(8, 30)):
        payment_run_create(payment_date=ctx.date(DRAFT_PAYMENT_IN_DAYS), cutoff_date=ctx.date(-1), by=ctx.coordinator)
    ctx.created += 1
