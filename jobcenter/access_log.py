"""The access log (käyttöloki): every look at a worker's personal data writes one row.

The workers' data is social-welfare client data, and a client has the right to learn who has seen
their data, when and why (Act 703/2023 on client data in social and health care). So every read of
it is logged, refused attempts included, and the rows can be neither changed nor deleted
(LOG-1..3 in docs/security-requirements.md). One helper writes the rows; nothing else creates
access-log rows:

    from jobcenter.access_log import log_access

    log_access(request, worker, "support_needs")                          # a page showed it
    log_access(request, worker, "certificate", action="download")         # a file left the system
    log_access(request, [w1, w2, w3], "payout", action="export")          # a CSV: one bulk insert
    log_access(request, worker, "benefits", reason=form.cleaned_data["reason"])
    log_access(request, worker, "support_needs", outcome="denied")        # a refused attempt
    log_access(user, worker, "certificate", action="email", path="")      # no request (a task)

- `request_or_user`: the request (user, path and request id are taken from it) or a user.
- `workers`: a `Worker`, a worker id, or a list of either (one `bulk_create` for the list).
- `data`: what was seen, a short code (`DATA_*` below; a new area may use its own code and
  register its label with `register_data_label`, so the worker's log page names it).
- `action`: `view` (a page), `download` (a file), `export` (CSV and the like), `print`, `email`.
- `reason`: the purpose typed in by the user, if the page asks for one.
- `outcome`: `allowed` (default) or `denied`.
- `role` / `unit`: whom the user acted as; by default worked out from the user and the worker
  (the worker themself, staff of the worker's home unit with that unit, coordinator,
  administrator, staff of another unit, a client contact, another worker). Every row has a role:
  a user with none of these, or no user at all, is `ROLE_NONE`, which the pages show as "No role".

Call it in the same place that reads the data (a selector or a view), after the scope check; a
read outside the user's scope is a 404 and writes nothing. Rows are never changed: the model
refuses `save()` of an existing row and `delete()`, and on PostgreSQL a trigger refuses UPDATE and
DELETE on the table (migration `jobcenter.0004`).

The rows point at workers and units, so the model belongs to the workers app, which registers it
here together with the facts about workers this module needs (`register_access_log`).

`RequestIdMiddleware` gives each request a random id (`request.request_id`, also sent back in the
`X-Request-ID` header) that the rows carry, so the rows of one request can be found together and
matched with the server's technical logs.

The worker sees their log on `/me/access-log/` (web/me/access_log.py), the coordinator
searches and exports it on `/coordinator/access-log/` (web/coordinator/access_log.py). Both reads
are logged themselves (`DATA_ACCESS_LOG`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import AccessLogOutcome
from jobcenter.roles import (
    Role,
    client_organisation_ids,
    is_administrator,
    is_coordinator,
    is_payer,
    staff_unit_ids,
    worker_profile,
)

# --- What was seen: codes and their names ---------------------------------------------------------
DATA_PROFILE = "worker_profile"
DATA_SUPPORT_NEEDS = "support_needs"
DATA_CERTIFICATE = "certificate"
DATA_CV = "cv"
DATA_PAYOUT = "payout"
DATA_TAX_INFO = "tax_info"
DATA_BANK_DETAILS = "bank_details"
DATA_IDENTITY_CODE = "identity_code"
DATA_IR_REPORT = "incomes_register_report"
DATA_ACCESS_LOG = "access_log"

DATA_LABELS: dict[str, object] = {
    DATA_PROFILE: _("Basic details and gigs"),
    DATA_SUPPORT_NEEDS: _("Support needs"),
    DATA_CERTIFICATE: _("Work certificates"),
    DATA_CV: _("Gig CV"),
    DATA_PAYOUT: _("Fees and tax withheld"),
    DATA_TAX_INFO: _("Tax details"),
    DATA_BANK_DETAILS: _("Bank account"),
    DATA_IDENTITY_CODE: _("Personal identity code"),
    DATA_IR_REPORT: _("Incomes Register reports"),
    DATA_ACCESS_LOG: _("Who has looked at the data"),
}

ACTION_VIEW = "view"
ACTION_DOWNLOAD = "download"
ACTION_EXPORT = "export"
ACTION_PRINT = "print"
ACTION_EMAIL = "email"
ACTION_CHANGE = "change"

ACTION_LABELS: dict[str, object] = {
    ACTION_VIEW: pgettext_lazy("access log action", "Looked at"),
    ACTION_DOWNLOAD: pgettext_lazy("access log action", "Downloaded"),
    ACTION_EXPORT: pgettext_lazy("access log action", "Saved to a file"),
    ACTION_PRINT: pgettext_lazy("access log action", "Printed"),
    ACTION_EMAIL: pgettext_lazy("access log action", "Sent by email"),
    ACTION_CHANGE: pgettext_lazy("access log action", "Changed"),
}

# The role of a row whose user has none of the roles above (a logged-in person without a role, or
# no user at all). Stored instead of an empty value, so a row always tells in which role someone
# looked, and the pages say it in words. It is not a `Role`: nobody is granted anything as "none".
ROLE_NONE = "none"

ROLE_LABELS: dict[str, object] = {
    Role.ADMINISTRATOR: pgettext_lazy("access log role", "Administrator"),
    Role.COORDINATOR: pgettext_lazy("access log role", "Coordinator"),
    Role.PAYER: pgettext_lazy("access log role", "Payments"),
    Role.UNIT_STAFF: pgettext_lazy("access log role", "Instructor"),
    Role.WORKER: pgettext_lazy("access log role", "The worker themself"),
    Role.CLIENT_CONTACT: pgettext_lazy("access log role", "Client"),
    ROLE_NONE: pgettext_lazy("access log role", "No role"),
}
# A worker looking at someone else's data (always refused, but logged) is not "the worker themself".
OTHER_WORKER_LABEL = pgettext_lazy("access log role", "Another worker")
# Rows written before every row had a role.
UNRECORDED_ROLE_LABEL = pgettext_lazy("access log role", "Role not recorded")

# Why, when nobody typed a reason: the relationship that gives the right to see the data.
ROLE_PURPOSES: dict[str, object] = {
    Role.ADMINISTRATOR: _("Maintenance of the system"),
    Role.COORDINATOR: _("Arranging gigs, pay and certificates"),
    Role.UNIT_STAFF: _("You are a client of this unit"),
    Role.WORKER: _("Your own data"),
}

OUTCOMES = AccessLogOutcome


# --- The model, registered by the app that owns it --------------------------------------------------
# The workers app registers its model and a function that tells, for workers or worker ids, each
# worker's user id and home unit id (what the viewer's role is worked out from). One call in
# `WorkersConfig.ready()` hands over both, so the kernel names no app, not even in a setting; a
# setting such as AUTH_USER_MODEL could name the model, but the worker facts would still need a
# hook of their own, and two mechanisms for one thing would be harder to follow.
WorkerFacts = Callable[[list], list[tuple[int, int | None, int | None]]]
_registered: dict[str, object] = {}


def register_access_log(*, model: type[Model], worker_facts: WorkerFacts) -> None:
    """Called once, from the `ready()` of the app that owns the access log's model.

    `worker_facts(items)` gets a list of workers or worker ids and returns
    (worker id, the worker's user id, home unit id) for each, in the given order, once each."""
    _registered["model"] = model
    _registered["worker_facts"] = worker_facts


def access_log_model() -> type[Model]:
    """The access log's model (`workers.AccessLogEntry`)."""
    try:
        return _registered["model"]
    except KeyError:
        raise ImproperlyConfigured("No installed app registered the access log (register_access_log).") from None


def register_data_label(code: str, label) -> None:
    """Name a data code of another area (e.g. benefits) on the log pages."""
    DATA_LABELS[code] = label


def data_label(code: str):
    return DATA_LABELS.get(code, code)


def action_label(code: str):
    return ACTION_LABELS.get(code, code)


def role_label(code: str, *, own: bool | None = None):
    """The role in words. `own=False` for a worker's row about someone else's data (the code alone
    cannot tell "the worker themself" from another worker)."""
    if code == Role.WORKER and own is False:
        return OTHER_WORKER_LABEL
    return ROLE_LABELS.get(code, UNRECORDED_ROLE_LABEL)


def _own_data(entry) -> bool:
    """Whether the row's user is the worker whose data it is (the row's worker is loaded with it)."""
    return entry.user_id is not None and entry.user_id == entry.worker.user_id


def entry_role_label(entry):
    """The role of a row in words, telling the worker themself from another worker. Load the rows
    with their worker (`access_log_entries()` does) to avoid a query per row."""
    return role_label(entry.actor_role, own=_own_data(entry) if entry.actor_role == Role.WORKER else None)


def purpose_of(entry):
    """What the worker's page says under "why": the typed reason, or the relationship of the role.

    A refused look had no right behind it, so it shows only a typed reason."""
    if entry.reason or entry.outcome == AccessLogOutcome.DENIED:
        return entry.reason
    return ROLE_PURPOSES.get(entry.actor_role, "")


# --- The request id ------------------------------------------------------------------------------
_current_request_id: ContextVar[str] = ContextVar("jobcenter_request_id", default="")


class RequestIdMiddleware:
    """A random id per request (`request.request_id`, header `X-Request-ID` on the response).

    The id is also kept for the duration of the request, so a selector that is given only the
    user still writes it into its log rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = _current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(token)
        response.setdefault("X-Request-ID", request.request_id)
        return response


# --- Writing -------------------------------------------------------------------------------------
def _is_request(obj) -> bool:
    return hasattr(obj, "META") and hasattr(obj, "path")


def _worker_facts(workers) -> list[tuple[int, int | None, int | None]]:
    """(worker id, the worker's user id, home unit id) for each given worker, in the given order."""
    items = list(workers) if isinstance(workers, (list, tuple, set, frozenset, QuerySet)) else [workers]
    access_log_model()  # the same clear error if nothing registered
    return _registered["worker_facts"](items)


def actor_role_and_unit(user, *, worker_user_id: int | None, home_unit_id: int | None) -> tuple[str, int | None]:
    """The role in which `user` looks at a worker's data, and the unit they act for (or None).

    Every user gets a role, refused ones above all: the worker's log must say who tried. The order is
    from the closest relationship to this worker's data to the loosest; a person with none of the
    roles is `ROLE_NONE`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ROLE_NONE, None
    if worker_user_id is not None and worker_user_id == user.pk:
        return Role.WORKER, None
    unit_ids = staff_unit_ids(user)
    if home_unit_id is not None and home_unit_id in unit_ids:
        return Role.UNIT_STAFF, home_unit_id
    if is_administrator(user):
        return Role.ADMINISTRATOR, None
    if is_payer(user):
        return Role.PAYER, None
    if is_coordinator(user):
        return Role.COORDINATOR, None
    if unit_ids:
        return Role.UNIT_STAFF, next(iter(unit_ids)) if len(unit_ids) == 1 else None
    if client_organisation_ids(user):
        return Role.CLIENT_CONTACT, None
    if worker_profile(user) is not None:
        # A worker looking at another worker's data: refused everywhere, and logged as a worker.
        return Role.WORKER, None
    return ROLE_NONE, None


def log_access(
    request_or_user,
    workers,
    data: str,
    action: str = ACTION_VIEW,
    reason: str = "",
    outcome: str = AccessLogOutcome.ALLOWED,
    *,
    path: str | None = None,
    role: str | None = None,
    unit=None,
) -> list:
    """Write one access-log row per worker (a list is one `bulk_create`). Returns the rows."""
    if _is_request(request_or_user):
        request = request_or_user
        user = getattr(request, "user", None)
        path = request.path if path is None else path
        request_id = getattr(request, "request_id", "")
    else:
        user, request_id = request_or_user, _current_request_id.get()
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    unit_id = getattr(unit, "pk", unit)
    model = access_log_model()
    entries = []
    for worker_id, worker_user_id, home_unit_id in _worker_facts(workers):
        actor_role, actor_unit_id = actor_role_and_unit(user, worker_user_id=worker_user_id, home_unit_id=home_unit_id)
        entries.append(
            model(
                user=user,
                worker_id=worker_id,
                data=str(data)[:60],
                action=str(action)[:20],
                path=(path or "")[:300],
                reason=(reason or "")[:300],
                actor_role=(role if role is not None else actor_role) or ROLE_NONE,
                actor_unit_id=unit_id if unit is not None else actor_unit_id,
                outcome=outcome,
                request_id=(request_id or "")[:36],
            )
        )
    if len(entries) == 1:
        entries[0].save()
        return entries
    return model.objects.bulk_create(entries)


# --- Reading -------------------------------------------------------------------------------------
def access_log_entries() -> QuerySet:
    return access_log_model().objects.select_related("user", "actor_unit", "worker__user").order_by("-at", "-pk")


def access_log_for_worker(*, worker) -> QuerySet:
    """What the worker's own page shows: who else looked at their data. Their own looks are left out."""
    return access_log_entries().filter(worker=worker).exclude(Q(user_id=worker.user_id))


def access_log_workers(entries: Iterable) -> list[int]:
    """The distinct worker ids of the given rows, in order (for logging a look at the log)."""
    seen: list[int] = []
    for entry in entries:
        if entry.worker_id not in seen:
            seen.append(entry.worker_id)
    return seen


def display_rows(entries: Iterable) -> list[dict]:
    """The rows as the log pages show them: when (local time, in words), who, role, unit, what, why."""
    from django.utils import timezone
    from django.utils.translation import gettext

    from jobcenter.templatetags.plain import at_clock, plain_date_year, plain_time

    rows = []
    for entry in entries:
        local = timezone.localtime(entry.at)
        user = entry.user
        rows.append(
            {
                "entry": entry,
                "when": at_clock(plain_date_year(local.date()), plain_time(local.time())),
                "who": (user.get_full_name() or user.email) if user is not None else gettext("The system"),
                "role": entry_role_label(entry),
                "unit": entry.actor_unit.name if entry.actor_unit_id else "",
                "what": data_label(entry.data),
                "did": action_label(entry.action),
                "why": purpose_of(entry),
                "denied": entry.outcome == AccessLogOutcome.DENIED,
            }
        )
    return rows
