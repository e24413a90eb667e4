"""Reads of a worker's benefits, clarifications, consents and financial foresight.

Who may look (special-category data; TRUST.md AUTHZ, LOG-1):
- the worker themself;
- the staff of the worker's home unit, when the worker's valid consent names the unit;
- the coordinator, when the worker's valid consent names the coordinator.
Anyone else gets a 404, as if the worker did not exist. Staff without consent get the page, which
says that consent is missing and shows no benefit information.

Every look by someone other than the worker writes an access-log entry: one row per worker shown,
inserted in one query even for a list of hundreds of candidates.

The foresight functions load everything for any number of workers with a constant number of
queries and leave the arithmetic to `benefits.foresight`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Round
from django.http import Http404
from django.utils import timezone

from benefits.foresight import (
    YEL_APPROACHING_SHARE,
    ZERO,
    BenefitReceived,
    Earning,
    Foresight,
    earnings_window,
    foresee,
    period_bounds,
)
from benefits.models import (
    Actor,
    BenefitNotes,
    BenefitRule,
    Clarification,
    Consent,
    ConsentData,
    ReceivedBenefit,
    RulePeriod,
)
from billing.models import PriceList, YelLowerLimit
from jobcenter.access_log import log_access
from jobcenter.models import AccessLogOutcome
from jobcenter.money import round_cents
from jobcenter.roles import is_coordinator, staff_unit_ids, worker_profile
from orders.models import Assignment, AssignmentStatus, Gig
from workers.models import Worker

# Access-log data codes of this app.
LOG_BENEFITS = "benefits"
LOG_FORESIGHT = "benefit_foresight"
LOG_CONSENTS = "consents"
LOG_CONSENT_SCAN = "consent_scan"

SELF = "self"
# Assignments whose pay counts in the foresight.
EARNING_STATES = (
    AssignmentStatus.OFFERED,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.DONE,
    AssignmentStatus.APPROVED,
)


# --- Who is looking ---------------------------------------------------------------------------------
def viewer_actor(user, worker: Worker) -> str | None:
    """In which capacity the user looks at the worker's benefits: the worker themself ("self"), the
    coordinator, the worker's unit, or None (not allowed at all)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if worker.user_id == user.pk:
        return SELF
    if is_coordinator(user):
        return Actor.COORDINATOR
    if worker.home_unit_id in staff_unit_ids(user):
        return Actor.UNIT
    return None


def can_manage_benefits(user, worker: Worker) -> bool:
    """Staff of the worker's unit and the coordinator record benefits, clarifications and consents."""
    return viewer_actor(user, worker) in {Actor.UNIT, Actor.COORDINATOR}


def consent_allows(actor: str | None, consents: Iterable[Consent], data: str, day: dt.date | None = None) -> bool:
    """Whether the worker's consents let `actor` see `data` on `day`. The worker always sees their own."""
    if actor == SELF:
        return True
    if actor is None:
        return False
    day = day or timezone.localdate()
    return any(consent.covers(actor, data, day) for consent in consents)


def log_views(
    *, user, workers: Iterable[Worker | int], data: str, path: str = "", reason: str = "", action: str = "view"
):
    """One access-log row per worker (one INSERT for a list), through `jobcenter.access_log`. The
    worker's own looks are not logged: the log tells the worker who else looked."""
    workers = list(workers)
    if not workers:
        return
    own_id = None
    if any(isinstance(worker, int) for worker in workers):
        own = worker_profile(user)
        own_id = own.pk if own is not None else None
    others = [
        worker for worker in workers if not (worker == own_id if isinstance(worker, int) else worker.user_id == user.pk)
    ]
    if others:
        log_access(user, others, data, action=action, reason=reason, path=path)


def _refuse(user, worker: Worker, data: str, path: str):
    """A look outside the user's scope: a "denied" access-log row (TRUST.md LOG-1: failed attempts
    are logged too), then the same 404 as for a worker that does not exist."""
    if user is not None and user.is_authenticated:
        log_access(user, worker, data, outcome=AccessLogOutcome.DENIED, path=path)
    raise Http404


def benefits_worker_get_for(*, user, pk: int, path: str = "") -> tuple[Worker, str]:
    """The worker and the user's capacity; 404 for anyone who may not look at this worker's benefits."""
    worker = Worker.objects.select_related("user", "home_unit").defer("support_needs").filter(pk=pk).first()
    if worker is None:
        raise Http404
    actor = viewer_actor(user, worker)
    if actor is None:
        _refuse(user, worker, LOG_BENEFITS, path)
    return worker, actor


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


def consent_get_for(*, user, pk: int, path: str = "") -> tuple[Consent, str]:
    """A consent whose worker the user may look at (404 otherwise, logged as denied)."""
    consent = Consent.objects.select_related("worker", "worker__user", "worker__home_unit").filter(pk=pk).first()
    if consent is None:
        raise Http404
    actor = viewer_actor(user, consent.worker)
    if actor is None:
        _refuse(user, consent.worker, LOG_CONSENTS, path)
    return consent, actor


# --- Foresight --------------------------------------------------------------------------------------
class PayTable:
    """The worker's hourly pay by contract type and day, from the dated price list (loaded once)."""

    def __init__(self):
        self.rows = list(PriceList.objects.order_by("-valid_from"))

    def pay_on(self, contract_type: str, day: dt.date) -> Decimal | None:
        for row in self.rows:
            if (
                row.contract_type == contract_type
                and row.valid_from <= day
                and (row.valid_to is None or row.valid_to >= day)
            ):
                return row.worker_hourly_pay
        return None


def _earning_hours(row: dict) -> Decimal:
    if row["status"] == AssignmentStatus.APPROVED:
        return row["approved_hours"] or ZERO
    if row["status"] == AssignmentStatus.DONE:
        return row["reported_hours"] or ZERO
    return row["gig__planned_hours"]


def _counted_hours() -> Case:
    """`_earning_hours` in SQL: approved hours, else reported, else the gig's planned hours."""
    return Case(
        When(status=AssignmentStatus.APPROVED, then=F("approved_hours")),
        When(status=AssignmentStatus.DONE, then=F("reported_hours")),
        default=F("gig__planned_hours"),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def _earnings_by_worker(worker_ids: list[int], start: dt.date, end: dt.date, pay: PayTable) -> dict[int, list[Earning]]:
    """Each counted assignment's pay between `start` and `end`, gig by gig (the order page's few workers).

    Two index-driven queries: the workers' assignments (by worker), then those gigs (by key) that fall
    in the window. Joined in one query, PostgreSQL prefers to read every gig of the window instead."""
    assignments = list(
        Assignment.objects.filter(worker_id__in=worker_ids, status__in=EARNING_STATES)
        .values("worker_id", "gig_id", "status", "reported_hours", "approved_hours")
        .order_by()
    )
    gigs = {
        row["pk"]: row
        for row in Gig.objects.filter(pk__in={a["gig_id"] for a in assignments}, date__range=(start, end))
        .values("pk", "date", "planned_hours", "order__contract_type")
        .order_by()
    }
    found: dict[int, list[Earning]] = defaultdict(list)
    for row in assignments:
        gig = gigs.get(row["gig_id"])
        if gig is None:
            continue  # outside the window
        row = {**row, "gig__planned_hours": gig["planned_hours"]}
        contract = gig["order__contract_type"]
        rate = pay.pay_on(contract, gig["date"]) or ZERO
        found[row["worker_id"]].append(
            Earning(
                gig_id=row["gig_id"],
                day=gig["date"],
                amount=round_cents(_earning_hours(row) * rate),
                approved=row["status"] == AssignmentStatus.APPROVED,
                contract_type=contract,
            )
        )
    return found


def _segments(day: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The window of `day`'s periods (month, four weeks, year) cut at every period boundary into
    disjoint pieces: each piece lies wholly inside or wholly outside each period."""
    bounds = [period_bounds(period, day) for period in (RulePeriod.MONTH, RulePeriod.FOUR_WEEKS, RulePeriod.YEAR)]
    one_day = dt.timedelta(days=1)
    points = sorted({start for start, _end in bounds} | {end + one_day for _start, end in bounds})
    return [(points[i], points[i + 1] - one_day) for i in range(len(points) - 1)]


def _earnings_by_worker_summed(
    worker_ids: list[int], day: dt.date, pay: PayTable, *, exclude_gig_id: int | None
) -> dict[int, list[Earning]]:
    """The same earnings as `_earnings_by_worker`, summed in the database: one row per worker with a
    sum per (piece of the window, approved or not, contract type), each pay rounded to cents as a
    payout row is. The sums come back as one `Earning` per piece, dated at its first day, which
    every period check counts exactly as it would count the separate gigs. For one day and hundreds
    of workers (the proposal page) this moves tens of thousands of rows out of Python."""
    money = DecimalField(max_digits=12, decimal_places=2)
    rate = Case(
        *[
            When(
                Q(gig__order__contract_type=row.contract_type, gig__date__gte=row.valid_from)
                & (Q(gig__date__lte=row.valid_to) if row.valid_to else Q()),
                then=Value(row.worker_hourly_pay),
            )
            for row in pay.rows
        ],
        default=Value(ZERO),
        output_field=money,
    )
    amount = Round(ExpressionWrapper(_counted_hours() * rate, output_field=money), 2)
    segments = _segments(day)
    segment = Case(
        *[When(gig__date__range=(start, end), then=Value(index)) for index, (start, end) in enumerate(segments)],
        output_field=IntegerField(),
    )
    approved = Case(
        When(status=AssignmentStatus.APPROVED, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    rows = Assignment.objects.filter(
        worker_id__in=worker_ids,
        status__in=EARNING_STATES,
        gig__date__range=(segments[0][0], segments[-1][1]),
    )
    if exclude_gig_id is not None:
        rows = rows.exclude(gig_id=exclude_gig_id)
    rows = (
        rows.annotate(segment=segment, approved=approved, contract=F("gig__order__contract_type"))
        .values("worker_id", "segment", "approved", "contract")
        .annotate(total=Sum(amount, output_field=money))
        .order_by()
    )
    found: dict[int, list[Earning]] = defaultdict(list)
    for row in rows:
        if row["total"]:
            found[row["worker_id"]].append(
                Earning(
                    gig_id=0,
                    day=segments[row["segment"]][0],
                    amount=round_cents(row["total"]),
                    approved=bool(row["approved"]),
                    contract_type=row["contract"],
                )
            )
    return found


def foresight_for_workers(*, worker_ids: Iterable[int], day: dt.date, gig: Gig | None = None) -> dict[int, Foresight]:
    """The foresight of each worker for `day` (and `gig`, whose pay counts as "this gig"). No
    permission check and no log: callers do both."""
    worker_ids = list(dict.fromkeys(worker_ids))
    found = foresight_for_pairs(pairs=[(worker_id, gig) for worker_id in worker_ids], day=day)
    return {worker_id: found[(worker_id, gig.pk if gig else None)] for worker_id in worker_ids}


def foresight_for_pairs(
    *, pairs: Iterable[tuple[int, Gig | None]], day: dt.date | None = None
) -> dict[tuple[int, int | None], Foresight]:
    """The foresight of each (worker, gig) pair, for the gig's date (or `day` when there is no gig).

    Five queries whatever the number of workers and gigs: earnings over the union of the periods,
    benefits, rules, prices and YEL limits are loaded once and matched in memory. Keyed by
    (worker id, gig id or None)."""
    pairs = list(dict.fromkeys((worker_id, gig) for worker_id, gig in pairs))
    if not pairs:
        return {}
    days = {gig.date if gig is not None else day for _worker, gig in pairs}
    if None in days:
        raise ValueError("A pair without a gig needs `day`.")
    windows = [earnings_window(d) for d in days]
    start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    worker_ids = list({worker_id for worker_id, _gig in pairs})
    pay = PayTable()
    gigs = {gig.pk if gig is not None else None for _worker, gig in pairs}
    if len(days) == 1 and len(gigs) == 1:
        # One date and one gig for everyone (the proposal page): sum in the database.
        earnings = _earnings_by_worker_summed(worker_ids, next(iter(days)), pay, exclude_gig_id=next(iter(gigs)))
    else:
        earnings = _earnings_by_worker(worker_ids, start, end, pay)
    received_rows: dict[int, list[dict]] = defaultdict(list)
    for row in (
        ReceivedBenefit.objects.filter(worker_id__in=worker_ids)
        .values("worker_id", "benefit", "payment_period", "started_on", "ended_on")
        .order_by("benefit")
    ):
        received_rows[row["worker_id"]].append(row)
    rules = list(BenefitRule.objects.all())
    yel_limits = dict(YelLowerLimit.objects.filter(year__in={d.year for d in days}).values_list("year", "amount"))

    result = {}
    for worker_id, gig in pairs:
        on = gig.date if gig is not None else day
        received = [
            BenefitReceived(row["benefit"], row["payment_period"])
            for row in received_rows.get(worker_id, [])
            if (row["started_on"] is None or row["started_on"] <= on)
            and (row["ended_on"] is None or row["ended_on"] >= on)
        ]
        own = earnings.get(worker_id, [])
        gig_amount, gig_contract, hourly = ZERO, None, None
        if gig is not None:
            gig_contract = gig.order.contract_type
            hourly = pay.pay_on(gig_contract, gig.date)
            gig_amount = round_cents(gig.planned_hours * (hourly or ZERO))
            # The gig being decided on counts once, as "this gig", even if it is already offered.
            own = [earning for earning in own if earning.gig_id != gig.pk]
        result[(worker_id, gig.pk if gig is not None else None)] = foresee(
            day=on,
            received=received,
            rules=rules,
            earnings=own,
            gig_amount=gig_amount,
            gig_contract=gig_contract,
            hourly_pay=hourly,
            yel_limit=yel_limits.get(on.year),
        )
    return result


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
    for consent in Consent.objects.valid_on(today).filter(worker_id__in=worker_ids):
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


def yel_flags(*, year: int) -> list[tuple[Worker, Decimal, Decimal]]:
    """Workers whose commission income of the year (approved, reported and planned work) has reached
    80 % of the YEL lower limit: (worker, income, limit), largest first. For the coordinator.

    Summed in the database per worker and per price-list period (the pay per hour is the same within
    one), so the cost does not grow with the number of gigs in memory: one query per price row."""
    limit = YelLowerLimit.objects.filter(year=year).values_list("amount", flat=True).first()
    if limit is None:
        return []
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    hours = _counted_hours()
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    prices = PriceList.objects.filter(contract_type="commission", valid_from__lte=year_end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=year_start)
    )
    for price in prices:
        start = max(price.valid_from, year_start)
        end = min(price.valid_to or year_end, year_end)
        rows = (
            Assignment.objects.filter(
                status__in=EARNING_STATES, gig__order__contract_type="commission", gig__date__range=(start, end)
            )
            .values("worker_id")
            .annotate(hours=Sum(hours))
            .order_by()
        )
        for row in rows:
            totals[row["worker_id"]] += round_cents((row["hours"] or ZERO) * price.worker_hourly_pay)
    flagged = {worker_id: total for worker_id, total in totals.items() if total >= limit * YEL_APPROACHING_SHARE}
    workers = Worker.objects.select_related("user").defer("support_needs").in_bulk(list(flagged))
    return sorted(
        ((workers[worker_id], total, limit) for worker_id, total in flagged.items() if worker_id in workers),
        key=lambda row: -row[1],
    )
