"""Writes of a worker's benefits, clarifications and consents, and the commission-work guard.

Each function is one transaction with its guard: only the staff of the worker's unit and the
coordinator record these (`selectors.can_manage_benefits`), benefit details only when the worker's
consent covers the one recording them, and a clarification with an outside actor only when the
consent names that actor. Refusals raise `DomainError` with a sentence for the page.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benefits import selectors
from benefits.models import (
    CLARIFICATION_DATA,
    Actor,
    Benefit,
    BenefitNotes,
    Clarification,
    ClarificationKind,
    CommissionWorkExplanation,
    Consent,
    ConsentData,
    PaymentPeriod,
    ReceivedBenefit,
    RuleKind,
)
from benefits.uploads import check_scan
from jobcenter.errors import ActionNotPermitted, DomainError
from orders.models import Assignment, ContractType
from workers.models import Worker


def _worker_for_update(worker_id: int) -> Worker:
    worker = Worker.objects.select_for_update().select_related("user", "home_unit").filter(pk=worker_id).first()
    if worker is None:
        raise DomainError(_("The worker no longer exists."))
    return worker


def _require_manager(by, worker: Worker) -> str:
    actor = selectors.viewer_actor(by, worker)
    if actor not in {Actor.UNIT, Actor.COORDINATOR}:
        raise ActionNotPermitted(_("Only the staff of the worker's unit and the coordinator can do this."))
    return actor


def _require_consent(actor: str, worker: Worker, data: str, *, day: dt.date | None = None) -> None:
    consents = Consent.objects.filter(worker=worker)
    if not selectors.consent_allows(actor, consents, data, day):
        labels = dict(Actor.choices)
        raise DomainError(
            _(
                "%(worker)s has no valid consent for sharing this information with %(actor)s. "
                "Record the signed consent first."
            )
            % {"worker": worker.display_name, "actor": labels[actor]}
        )


# --- Consents ----------------------------------------------------------------------------------------
@transaction.atomic
def consent_record(
    *,
    worker_id: int,
    actors: list[str],
    data: list[str],
    given_on: dt.date,
    valid_until: dt.date | None,
    by,
    scan=None,
) -> Consent:
    """Record a consent the worker has signed (or given in person). The scan may follow later."""
    worker = _worker_for_update(worker_id)
    _require_manager(by, worker)
    actors = [a for a in Actor.values if a in set(actors)]
    data = [d for d in ConsentData.values if d in set(data)]
    if not actors:
        raise DomainError(_("Choose who may exchange the information."))
    if not data:
        raise DomainError(_("Choose which information the consent covers."))
    today = timezone.localdate()
    if given_on > today:
        raise DomainError(_("The consent cannot be given in the future."))
    if valid_until is not None and valid_until < given_on:
        raise DomainError(_("The consent must be valid at least on the day it is given."))
    consent = Consent.objects.create(
        worker=worker, actors=actors, data=data, given_on=given_on, valid_until=valid_until, recorded_by=by
    )
    if scan is not None:
        _attach_scan(consent, scan)
    return consent


@transaction.atomic
def consent_withdraw(*, consent_id: int, withdrawn_on: dt.date, note: str = "", by) -> Consent:
    """The worker withdraws a consent. From that day nothing it covered is shown to those it named."""
    consent = Consent.objects.select_for_update().filter(pk=consent_id).first()
    if consent is None:
        raise DomainError(_("The consent no longer exists."))
    worker = Worker.objects.select_related("user", "home_unit").get(pk=consent.worker_id)
    _require_manager(by, worker)
    if consent.withdrawn_on is not None:
        raise DomainError(
            _("The consent was already withdrawn on %(date)s.") % {"date": consent.withdrawn_on.strftime("%d.%m.%Y")}
        )
    if withdrawn_on < consent.given_on:
        raise DomainError(_("A consent cannot be withdrawn before it was given."))
    if withdrawn_on > timezone.localdate():
        raise DomainError(_("Record the withdrawal on the day it happens, not in advance."))
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_note = note.strip()[:300]
    consent.withdrawn_by = by
    consent.save(update_fields=["withdrawn_on", "withdrawn_note", "withdrawn_by", "updated_at"])
    return consent


def _attach_scan(consent: Consent, upload) -> None:
    content_type, suffix = check_scan(upload)
    upload.name = f"scan.{suffix}"
    consent.signed_scan.save(upload.name, upload, save=False)
    consent.signed_scan_type = content_type
    consent.signed_scan_uploaded_at = timezone.now()
    consent.save(update_fields=["signed_scan", "signed_scan_type", "signed_scan_uploaded_at", "updated_at"])


@transaction.atomic
def consent_attach_scan(*, consent_id: int, upload, by) -> Consent:
    """Attach the scan of the signed paper form (PDF, JPEG or PNG; checked by content and size)."""
    consent = Consent.objects.select_for_update().filter(pk=consent_id).first()
    if consent is None:
        raise DomainError(_("The consent no longer exists."))
    worker = Worker.objects.select_related("user", "home_unit").get(pk=consent.worker_id)
    _require_manager(by, worker)
    old = consent.signed_scan.name if consent.signed_scan else ""
    _attach_scan(consent, upload)
    if old:
        # The replaced file goes once the new one is safely recorded.
        storage = consent.signed_scan.storage
        transaction.on_commit(lambda: storage.delete(old))
    return consent


# --- Benefits and notes ------------------------------------------------------------------------------
@transaction.atomic
def received_benefit_set(
    *,
    worker_id: int,
    benefit: str,
    by,
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
    payment_period: str = "",
    note: str = "",
) -> ReceivedBenefit:
    """Record (or update) that the worker receives a benefit."""
    worker = _worker_for_update(worker_id)
    actor = _require_manager(by, worker)
    _require_consent(actor, worker, ConsentData.BENEFITS)
    if benefit not in Benefit.values:
        raise DomainError(_("Choose a benefit from the list."))
    if payment_period and payment_period not in PaymentPeriod.values:
        raise DomainError(_("Choose how the benefit is paid from the list."))
    if started_on and ended_on and ended_on < started_on:
        raise DomainError(_("The end date must not be before the start date."))
    row, _created = ReceivedBenefit.objects.update_or_create(
        worker=worker,
        benefit=benefit,
        defaults={
            "started_on": started_on,
            "ended_on": ended_on,
            "payment_period": payment_period,
            "note": note.strip()[:300],
            "recorded_by": by,
        },
    )
    return row


@transaction.atomic
def received_benefit_remove(*, worker_id: int, benefit: str, by) -> None:
    """Remove a benefit recorded by mistake (an ended benefit gets an end date instead)."""
    worker = _worker_for_update(worker_id)
    actor = _require_manager(by, worker)
    _require_consent(actor, worker, ConsentData.BENEFITS)
    deleted, _rows = ReceivedBenefit.objects.filter(worker=worker, benefit=benefit).delete()
    if not deleted:
        raise DomainError(_("That benefit is not recorded for the worker."))


@transaction.atomic
def benefit_notes_set(*, worker_id: int, text: str, by) -> BenefitNotes:
    worker = _worker_for_update(worker_id)
    actor = _require_manager(by, worker)
    _require_consent(actor, worker, ConsentData.BENEFITS)
    notes, _created = BenefitNotes.objects.update_or_create(
        worker=worker, defaults={"text": text.strip()[:5000], "updated_by": by}
    )
    return notes


@transaction.atomic
def clarification_record(
    *, worker_id: int, kind: str, done_on: dt.date, with_actor: str, by, notes: str = ""
) -> Clarification:
    """Record a benefit or debt clarification done with an actor (e.g. Kela or social credit).

    The information was exchanged with that actor, so the worker's consent must name the actor for
    that information on the day it was done, and the one recording it must be covered too."""
    worker = _worker_for_update(worker_id)
    actor = _require_manager(by, worker)
    if kind not in ClarificationKind.values:
        raise DomainError(_("Choose the kind of clarification."))
    if with_actor not in Actor.values:
        raise DomainError(_("Choose with whom the clarification was done."))
    if done_on > timezone.localdate():
        raise DomainError(_("Record a clarification once it is done."))
    data = CLARIFICATION_DATA[kind]
    _require_consent(actor, worker, data)
    _require_consent(with_actor, worker, data, day=done_on)
    return Clarification.objects.create(
        worker=worker, kind=kind, done_on=done_on, with_actor=with_actor, notes=notes.strip()[:5000], done_by=by
    )


# --- Commission work while on unemployment benefit ---------------------------------------------------
def needs_commission_explanation(assignment: Assignment) -> bool:
    """True when the gig is commission work and the worker receives a benefit for which commission work
    counts as self-employment on the gig's date (a rule in the rules table), with nothing recorded yet."""
    gig = assignment.gig
    if gig.order.contract_type != ContractType.COMMISSION:
        return False
    from benefits.models import BenefitRule

    benefits = set(
        ReceivedBenefit.objects.current_on(gig.date)
        .filter(worker_id=assignment.worker_id)
        .values_list("benefit", flat=True)
    )
    if not benefits:
        return False
    applies = (
        BenefitRule.objects.valid_on(gig.date)
        .filter(kind=RuleKind.COMMISSION_IS_SELF_EMPLOYMENT, benefit__in=benefits)
        .exists()
    )
    return applies and not CommissionWorkExplanation.objects.filter(assignment=assignment).exists()


def commission_offer_blocker(assignment: Assignment) -> str | None:
    """The sentence that stops a commission gig from being offered, or None. It names no benefit: the
    coordinator may not have the worker's consent to see them."""
    if not needs_commission_explanation(assignment):
        return None
    return _(
        "%(worker)s cannot be offered this commission-contract gig yet. Commission work can count as "
        "self-employment for them. Their unit must first record that this was explained and that they "
        "still want the gig. Or offer an employment contract or the partner model instead."
    ) % {"worker": assignment.worker.display_name}


@transaction.atomic
def commission_explanation_record(*, assignment_id: int, by, note: str = "") -> CommissionWorkExplanation:
    """Staff record that they explained the consequences of commission work (self-employment report,
    the benefit may stop while it is investigated) and that the worker still wants the gig."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("worker__user", "worker__home_unit", "gig__order")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise DomainError(_("The gig no longer exists."))
    _require_manager(by, assignment.worker)
    if assignment.gig.order.contract_type != ContractType.COMMISSION:
        raise DomainError(_("This gig is not commission work, so nothing needs to be explained."))
    if not selectors.commission_explanation_pending(assignment):
        # Offered, taken, declined, done or withdrawn, or the order is over: nothing waits for it.
        raise DomainError(_("This gig is no longer waiting to be offered, so nothing needs to be recorded."))
    explanation, _created = CommissionWorkExplanation.objects.get_or_create(
        assignment=assignment,
        defaults={"explained_by": by, "explained_on": timezone.localdate(), "note": note.strip()[:300]},
    )
    return explanation
