"""The benefit reads a page makes for a viewer: the worker's profile page, and the foresight of
candidates or of an offer, each as far as the worker's consent lets the viewer see it (logged)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from benefits.foresight import (
    Foresight,
)
from benefits.models import (
    BenefitNotes,
    Clarification,
    Consent,
    ConsentData,
    ReceivedBenefit,
)
from benefits.selectors.access import (
    LOG_BENEFITS,
    LOG_CONSENTS,
    LOG_FORESIGHT,
    benefits_worker_get_for,
    consent_allows,
    log_views,
    viewer_actor,
)
from benefits.selectors.foresight import foresight_for_pairs, foresight_for_workers
from jobcenter.roles import worker_profile
from orders.models import Assignment, Gig
from workers.models import Worker


# --- The profile page -------------------------------------------------------------------------------
@dataclass
class BenefitProfile:
    worker: Worker
    actor: str
    consents: list[Consent]
    benefits_allowed: bool  # consent covers benefits for this viewer
    debts_allowed: bool
    received: list[ReceivedBenefit] = field(default_factory=list)
    notes: str = ""
    clarifications: list[Clarification] = field(default_factory=list)
    foresight: Foresight | None = None

    @property
    def valid_consents(self) -> list[Consent]:
        today = timezone.localdate()
        return [consent for consent in self.consents if consent.is_valid_on(today)]


def benefit_profile_for(*, user, pk: int, path: str = "") -> BenefitProfile:
    """The worker's benefits page: consents always (staff need them to record one), benefits and
    clarifications only as far as the consent reaches. Logged for everyone but the worker."""
    worker, actor = benefits_worker_get_for(user=user, pk=pk, path=path)
    consents = list(Consent.objects.filter(worker=worker).select_related("recorded_by", "withdrawn_by"))
    profile = BenefitProfile(
        worker=worker,
        actor=actor,
        consents=consents,
        benefits_allowed=consent_allows(actor, consents, ConsentData.BENEFITS),
        debts_allowed=consent_allows(actor, consents, ConsentData.DEBTS),
    )
    logged = [LOG_CONSENTS]
    if profile.benefits_allowed:
        profile.received = list(ReceivedBenefit.objects.filter(worker=worker).select_related("recorded_by"))
        profile.notes = BenefitNotes.objects.filter(worker=worker).values_list("text", flat=True).first() or ""
        today = timezone.localdate()
        profile.foresight = foresight_for_workers(worker_ids=[worker.pk], day=today)[worker.pk]
        logged.append(LOG_BENEFITS)
    kinds = []
    if profile.benefits_allowed:
        kinds.append("benefit")
    if profile.debts_allowed:
        kinds.append("debt")
    if kinds:
        profile.clarifications = list(
            Clarification.objects.filter(worker=worker, kind__in=kinds).select_related("done_by")
        )
    for data in logged:
        log_views(user=user, workers=[worker], data=data, path=path)
    return profile


@dataclass(frozen=True)
class CandidateForesight:
    """What the staff see next to a candidate: the foresight, or that there is no consent."""

    consent_missing: bool
    foresight: Foresight | None = None

    @property
    def has_warnings(self) -> bool:
        return bool(self.foresight and self.foresight.has_warnings)


def _consents_by_worker(worker_ids: list[int]) -> dict[int, list[Consent]]:
    today = timezone.localdate()
    found: dict[int, list[Consent]] = defaultdict(list)
    # Only what `Consent.covers` reads: a page of hundreds of candidates has hundreds of consents.
    consents = Consent.objects.valid_on(today).filter(worker_id__in=worker_ids)
    for consent in consents.only("worker_id", "actors", "data", "given_on", "valid_until", "withdrawn_on"):
        found[consent.worker_id].append(consent)
    return found


def foresight_for_viewer(*, user, workers: Iterable[Worker], gig: Gig, path: str = "") -> dict[int, CandidateForesight]:
    """The foresight of each worker for `gig`, as far as each worker's consent lets the user see it
    (the staff's candidate list). Keyed by worker id; see `foresight_for_viewer_pairs`."""
    workers = list(workers)
    found = foresight_for_viewer_pairs(user=user, pairs=[(worker, gig) for worker in workers], path=path)
    return {worker.pk: found[(worker.pk, gig.pk)] for worker in workers if (worker.pk, gig.pk) in found}


def foresight_for_viewer_pairs(
    *, user, pairs: Iterable[tuple[Worker, Gig]], path: str = ""
) -> dict[tuple[int, int], CandidateForesight]:
    """The foresight of each (worker, gig) pair as far as the worker's consent lets the user see it.

    Pairs with a worker the user may not look at are left out; those without a consent covering the
    user get `consent_missing`. Each worker whose figures are returned gets one access-log row (one
    INSERT for all). For the staff's candidate list and the coordinator's order page."""
    pairs = list(pairs)
    if not pairs:
        return {}
    consents = _consents_by_worker([worker.pk for worker, _gig in pairs])
    allowed_pairs, allowed_workers, result = [], {}, {}
    for worker, gig in pairs:
        actor = viewer_actor(user, worker)
        if actor is None:
            continue
        if consent_allows(actor, consents.get(worker.pk, []), ConsentData.BENEFITS):
            allowed_pairs.append((worker.pk, gig))
            allowed_workers[worker.pk] = worker
        else:
            result[(worker.pk, gig.pk)] = CandidateForesight(consent_missing=True)
    for key, foresight in foresight_for_pairs(pairs=allowed_pairs).items():
        result[key] = CandidateForesight(consent_missing=False, foresight=foresight)
    log_views(user=user, workers=list(allowed_workers.values()), data=LOG_FORESIGHT, path=path)
    return result


def offer_foresight_for(*, user, assignment: Assignment) -> Foresight | None:
    """The worker's own foresight for a gig offered to them (the page decides whether figures may
    be shown: only in a strong session). None for anyone but the worker."""
    own = worker_profile(user)
    if own is None or own.pk != assignment.worker_id:
        return None
    return foresight_for_workers(worker_ids=[own.pk], day=assignment.gig.date, gig=assignment.gig)[own.pk]
