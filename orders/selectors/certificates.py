"""Reads for work certificates and the gig CV, scoped to the acting user.

A certificate is personal data: every look at one (a list of them, a download) writes an
access-log entry with `data="certificate"` (`jobcenter.access_log.log_access`). Out of the user's scope is a 404.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import translation

from jobcenter.access_log import DATA_CERTIFICATE, log_access
from jobcenter.roles import is_administrator, is_coordinator, worker_profile
from orders.models import Assignment, AssignmentStatus
from workers.models import WorkCertificate, Worker

CERTIFICATE = DATA_CERTIFICATE


# --- Work done ------------------------------------------------------------------------------------
def work_list_for_worker(
    *,
    worker: Worker,
    statuses=(AssignmentStatus.APPROVED,),
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> QuerySet[Assignment]:
    """The worker's assignments in `statuses` (approved work by default), oldest gig first."""
    qs = Assignment.objects.filter(worker=worker, status__in=list(statuses)).select_related(
        "gig__order__client", "gig__order__task_type", "feedback"
    )
    if period_start is not None:
        qs = qs.filter(gig__date__gte=period_start)
    if period_end is not None:
        qs = qs.filter(gig__date__lte=period_end)
    return qs.order_by("gig__date", "gig__start_time", "pk")


def _hours(assignment: Assignment) -> Decimal:
    return assignment.approved_hours or assignment.reported_hours or Decimal("0")


def _feedback(assignment: Assignment):
    try:
        return assignment.feedback
    except Assignment.feedback.RelatedObjectDoesNotExist:
        return None


def work_summary(assignments, *, with_feedback: bool) -> dict:
    """Task types (in the active language) with clients, dates and hours; total hours; feedback quotes.

    JSON-ready: dates as ISO strings, hours as strings ("2.50"). Used frozen in a certificate.
    """
    tasks: OrderedDict[str, dict] = OrderedDict()
    total = Decimal("0")
    quotes = []
    for assignment in assignments:
        order = assignment.gig.order
        name = order.task_type.name if order.task_type_id else order.title
        task = tasks.setdefault(name, {"name": name, "count": 0, "hours": Decimal("0"), "clients": [], "dates": []})
        hours = _hours(assignment)
        task["count"] += 1
        task["hours"] += hours
        total += hours
        if order.client.name not in task["clients"]:
            task["clients"].append(order.client.name)
        day = assignment.gig.date.isoformat()
        if day not in task["dates"]:
            task["dates"].append(day)
        feedback = _feedback(assignment) if with_feedback else None
        if feedback is not None and feedback.text.strip():
            quotes.append({"text": feedback.text.strip(), "client": order.client.name, "date": day, "task": name})
    task_rows = sorted(tasks.values(), key=lambda t: (-t["hours"], t["name"]))
    for task in task_rows:
        task["hours"] = str(task["hours"])
    return {
        "tasks": task_rows,
        "total_hours": str(total),
        "gig_count": sum(t["count"] for t in task_rows),
        "feedback": quotes,
    }


# --- The gig CV -----------------------------------------------------------------------------------
@dataclass
class GigCV:
    """The worker's gig CV. `feedback` is what the worker reads on their page (all of it);
    `quotes` is what a future employer may read in the PDF: only the words the client allowed to be
    quoted (`Feedback.may_quote`)."""

    worker: Worker
    tasks: list[dict] = field(default_factory=list)
    clients: list[str] = field(default_factory=list)
    feedback: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    total_hours: Decimal = Decimal("0")
    gig_count: int = 0
    period_start: dt.date | None = None
    period_end: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.tasks


def worker_cv_for(*, worker: Worker) -> GigCV:
    """The worker's CV of gigs: work they did (reported or approved), the clients, the feedback."""
    assignments = list(work_list_for_worker(worker=worker, statuses=(AssignmentStatus.DONE, AssignmentStatus.APPROVED)))
    summary = work_summary(assignments, with_feedback=True)
    clients = sorted({a.gig.order.client.name for a in assignments}, key=str.casefold)
    tasks = [
        {"name": t["name"], "count": t["count"], "hours": Decimal(t["hours"]), "clients": t["clients"]}
        for t in summary["tasks"]
    ]
    feedback = [{**q, "date": dt.date.fromisoformat(q["date"])} for q in reversed(summary["feedback"])]
    allowed = [
        {"text": f.text.strip(), "client": a.gig.order.client.name, "date": a.gig.date}
        for a in reversed(assignments)
        if (f := _feedback(a)) is not None and f.may_quote and f.text.strip()
    ]
    dates = [a.gig.date for a in assignments]
    return GigCV(
        worker=worker,
        tasks=tasks,
        clients=clients,
        feedback=feedback,
        quotes=allowed,
        total_hours=Decimal(summary["total_hours"]),
        gig_count=summary["gig_count"],
        period_start=min(dates, default=None),
        period_end=max(dates, default=None),
    )


# --- Certificates ---------------------------------------------------------------------------------
def certificate_list_for(*, user) -> QuerySet[WorkCertificate]:
    """Certificates the user may see: coordinators all, a worker their own, anyone else none."""
    qs = WorkCertificate.objects.select_related("worker__user", "issued_by")
    if is_coordinator(user) or is_administrator(user):
        return qs
    own = worker_profile(user)
    if own is None:
        return qs.none()
    return qs.filter(Q(worker=own))


def certificate_get_for(*, user, pk: int, worker: Worker | None = None) -> WorkCertificate:
    """One certificate in the user's scope (and of `worker`, when given); `Http404` otherwise."""
    qs = certificate_list_for(user=user)
    if worker is not None:
        qs = qs.filter(worker=worker)
    try:
        return qs.get(pk=pk)
    except WorkCertificate.DoesNotExist:
        raise Http404("No such certificate.") from None


def _log(*, user, worker: Worker, action: str, path: str, reason: str = "", request=None) -> None:
    log_access(request if request is not None else user, worker, CERTIFICATE, action=action, reason=reason, path=path)


@transaction.atomic
def certificates_viewed_for(*, user, worker: Worker, path: str = "") -> list[WorkCertificate]:
    """The worker's certificates in the user's scope, newest first; the look is logged."""
    certificates = list(certificate_list_for(user=user).filter(worker=worker))
    _log(user=user, worker=worker, action="view", path=path)
    return certificates


@transaction.atomic
def certificate_download_for(*, user, pk: int, worker: Worker | None = None, path: str = "") -> WorkCertificate:
    """One certificate for download (404 out of scope or without a file); the download is logged."""
    certificate = certificate_get_for(user=user, pk=pk, worker=worker)
    if not certificate.pdf:
        raise Http404("The certificate has no PDF.")
    # The path names the certificate; `reason` is left for a purpose typed in by a person.
    _log(user=user, worker=certificate.worker, action="download", path=path)
    return certificate


def display_summary(summary: dict) -> dict:
    """A frozen summary with dates and hours as objects again, for templates."""
    tasks = [
        {
            **task,
            "hours": Decimal(task["hours"]),
            "dates": [dt.date.fromisoformat(d) for d in task["dates"]],
        }
        for task in summary.get("tasks", [])
    ]
    feedback = [{**q, "date": dt.date.fromisoformat(q["date"])} for q in summary.get("feedback", [])]
    return {**summary, "tasks": tasks, "feedback": feedback, "total_hours": Decimal(summary.get("total_hours", "0"))}


def language_of(worker: Worker) -> str:
    return worker.language or translation.get_language() or "fi"
