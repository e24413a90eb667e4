"""Retention: the nightly job that anonymises personal data whose retention period has passed.

The apps register what is retained and how (in their `privacy.py`):

- a **subject** (`register_retention_subject`): a kind of row that stands for one person or one
  record to anonymise (a worker, a client contact, a payout), with the query of the rows that are due
  and the function that locks one row and says whether it still needs anonymising;
- **steps** (`register_retention_step`): the functions that anonymise or delete one part of a
  subject's data, each with the order it runs in and a sentence of what it keeps;
- for a subject whose last activity is spread over several apps, **activity** expressions (the
  latest time of something the person did) and **holds** (a condition that keeps the person, such
  as work still open), which the subject's due query combines.

Each subject row is handled in a transaction of its own with the row locked, and a row already
anonymised is skipped, so the job can run twice, or twice at once, with the same end state. Files
are deleted after commit. The job reports counts only (never names).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateTimeField, Q, QuerySet, Subquery
from django.utils import timezone

from jobcenter.models import OutboundEmail, User

logger = logging.getLogger(__name__)

ANONYMISED_DOMAIN = "anonymised.invalid"  # .invalid is reserved (RFC 2606): never delivered

# Counts every run reports, whatever the subjects; subjects add their own.
BASE_COUNTS = ("emails", "files")


@dataclass(frozen=True)
class RetentionSubject:
    key: str
    order: int
    count: str  # the report's counter of anonymised rows, e.g. "workers"
    due: Callable[[dt.datetime], QuerySet]
    lock: Callable[[int], Any]  # the row, locked; None when gone or already anonymised


@dataclass(frozen=True)
class RetentionStep:
    subject: str
    key: str
    order: int
    keeps: str
    run: Callable[[Anonymisation], None]


SUBJECTS: dict[str, RetentionSubject] = {}
STEPS: dict[tuple[str, str], RetentionStep] = {}
ACTIVITY: dict[str, dict[str, Callable[[], Any]]] = {}
HOLDS: dict[str, dict[str, Callable[[], Q]]] = {}


class RetentionReport:
    """What a run changed, as counts: one counter per subject, plus emails and files."""

    def __init__(self):
        self.counts = dict.fromkeys((*(s.count for s in subjects()), *BASE_COUNTS), 0)

    def __getattr__(self, name: str) -> int:
        counts = self.__dict__.get("counts", {})
        if name in counts:
            return counts[name]
        raise AttributeError(name)

    def add(self, name: str, value: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + value

    def merge(self, other: RetentionReport) -> None:
        for name, value in other.counts.items():
            self.add(name, value)

    def as_dict(self) -> dict[str, int]:
        return dict(self.counts)

    def __repr__(self) -> str:
        return f"RetentionReport({self.counts})"


@dataclass
class Anonymisation:
    """One subject row being anonymised, handed to each of its steps in turn inside one transaction."""

    row: Any
    now: dt.datetime
    report: RetentionReport
    files: list[str] = field(default_factory=list)  # deleted after commit


# --- Registration ---------------------------------------------------------------------------------
def register_retention_subject(key: str, *, order: int, count: str, due, lock) -> None:
    SUBJECTS[key] = RetentionSubject(key, order, count, due, lock)


def register_retention_step(subject: str, key: str, *, order: int, keeps: str):
    """Decorator: `run(job: Anonymisation)` anonymises one part of a subject row's data."""

    def decorator(run):
        STEPS[(subject, key)] = RetentionStep(subject, key, order, keeps, run)
        return run

    return decorator


def register_retention_activity(subject: str, key: str, expression: Callable[[], Any]) -> None:
    """`expression()` is the latest time of something the person did, over `OuterRef("pk")`."""
    ACTIVITY.setdefault(subject, {})[key] = expression


def register_retention_hold(subject: str, key: str, condition: Callable[[], Q]) -> None:
    """`condition()` is a filter on the subject's rows; a row that matches it is kept."""
    HOLDS.setdefault(subject, {})[key] = condition


def subjects() -> list[RetentionSubject]:
    return sorted(SUBJECTS.values(), key=lambda s: (s.order, s.key))


def steps(subject: str) -> list[RetentionStep]:
    return sorted((s for s in STEPS.values() if s.subject == subject), key=lambda s: (s.order, s.key))


def activity_expressions(subject: str) -> list:
    return [expression() for _key, expression in sorted(ACTIVITY.get(subject, {}).items())]


def hold_conditions(subject: str) -> list[Q]:
    return [condition() for _key, condition in sorted(HOLDS.get(subject, {}).items())]


# --- Helpers for the apps' steps ------------------------------------------------------------------
def years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def latest(qs: QuerySet, field_name: str) -> Subquery:
    """The newest `field_name` of `qs`, as a subquery (for an activity expression)."""
    return Subquery(qs.order_by(f"-{field_name}").values(field_name)[:1], output_field=DateTimeField())


def close_account(user: User, *, email: str, name: str) -> None:
    """The account can no longer be used: inactive, no password, no email addresses, no second factors."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user.first_name = name
    user.last_name = ""
    user.email = email
    user.phone = ""
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save(update_fields=["first_name", "last_name", "email", "phone", "is_active", "last_login", "password"])
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


def forget_emails_to(address: str, *, placeholder: str, delete_attachments: bool) -> tuple[int, list[str]]:
    """Outbox rows sent to `address`: the address and the text go; the row (what was sent when) stays.

    Returns the number of rows changed and the attachment files to delete.
    """
    if not address:
        return 0, []
    rows = OutboundEmail.objects.filter(to__iexact=address)
    files = []
    if delete_attachments:
        files = [name for name in rows.exclude(attachment="").values_list("attachment", flat=True) if name]
    changes = {"to": placeholder, "body_text": "", "body_html": ""}
    if delete_attachments:
        changes.update(attachment="", attachment_name="")
    return rows.update(**changes), files


def delete_files_on_commit(names: list[str]) -> None:
    def delete():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


# --- The job --------------------------------------------------------------------------------------
@transaction.atomic
def anonymise(subject: str, pk: int, *, now: dt.datetime | None = None) -> RetentionReport:
    """Run every step of `subject` on one row, locked, in one transaction. A second call changes nothing."""
    report = RetentionReport()
    registered = SUBJECTS[subject]
    row = registered.lock(pk)
    if row is None:
        return report
    job = Anonymisation(row=row, now=now or timezone.now(), report=report)
    for step in steps(subject):
        step.run(job)
    delete_files_on_commit(job.files)
    report.add(registered.count)
    report.add("files", len(job.files))
    return report


def retention_run(*, now: dt.datetime | None = None) -> RetentionReport:
    """Anonymise everything whose retention has passed, subject by subject. Idempotent; returns what it changed."""
    now = now or timezone.now()
    total = RetentionReport()
    for subject in subjects():
        for pk in list(subject.due(now).values_list("pk", flat=True)):
            total.merge(anonymise(subject.key, pk, now=now))
    logger.info("Retention run: %s", total.as_dict())
    return total


def retention_plan() -> list[dict]:
    """What the job does, in order: subject, step and what each step keeps (for docs and tests)."""
    return [
        {"subject": subject.key, "step": step.key, "keeps": step.keeps}
        for subject in subjects()
        for step in steps(subject.key)
    ]
