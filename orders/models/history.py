"""What happened to an order or an assignment, stored as a code and its facts, written in words
only when a page, an export or an email shows it, in the reader's language.

A history row keeps `kind` (one of the choices below) and `params` (the facts: names, numbers as
strings such as "2.50", dates as ISO). `note` is kept only for what a person typed (a reason).
A row with no kind is an old free-text note, or a plain change of state.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orders.changes import change_facts, when_facts


class OrderEvent(models.TextChoices):
    UNITS_INFORMED = "units_informed", pgettext_lazy("order event", "Units informed")
    GIG_ADDED = "gig_added", pgettext_lazy("order event", "A gig was added")
    ALL_STAFFED = "all_staffed", pgettext_lazy("order event", "Every gig has its workers")
    WORKER_NEEDED_AGAIN = "worker_needed_again", pgettext_lazy("order event", "A gig needs a worker again")
    ALL_DONE = "all_done", pgettext_lazy("order event", "All work is reported done")
    ALL_APPROVED = "all_approved", pgettext_lazy("order event", "All hours are approved")
    TERMS_RESENT = "terms_resent", pgettext_lazy("order event", "Terms sent again")
    TERMS_ACCEPTED = "terms_accepted", pgettext_lazy("order event", "Terms accepted")
    FEEDBACK_REQUESTED = "feedback_requested", pgettext_lazy("order event", "Feedback requested")
    FEEDBACK_GIVEN = "feedback_given", pgettext_lazy("order event", "Feedback given")
    CLIENT_SAME = "client_same", pgettext_lazy("order event", "Client checked: the same client")
    CLIENT_NEW = "client_new", pgettext_lazy("order event", "Client checked: a new client")
    INVOICED = "invoiced", pgettext_lazy("order event", "Invoiced")
    CREDITED_BACK = "credited_back", pgettext_lazy("order event", "Credited, to be invoiced again")
    GIG_CANCELLED = "gig_cancelled", pgettext_lazy("order event", "A gig was cancelled")
    ORDER_CHANGED = "order_changed", pgettext_lazy("order event", "The order was changed")
    GIG_CHANGED = "gig_changed", pgettext_lazy("order event", "A gig was changed")
    GIG_MESSAGE = "gig_message", pgettext_lazy("order event", "A message to everyone on a gig")
    GIG_STAFFED = "gig_staffed", pgettext_lazy("order event", "The client was told a gig has its workers")
    CLIENT_CANCELLED_GIG = "client_cancelled_gig", pgettext_lazy("order event", "The client cancelled a gig")
    CLIENT_CANCELLED_GIG_LATE = (
        "client_cancelled_gig_late",
        pgettext_lazy("order event", "The client cancelled a gig late"),
    )
    WORKER_AGAIN_ASKED = "worker_again_asked", pgettext_lazy("order event", "The client asked for a worker again")
    WORKER_AGAIN_HANDLED = "worker_again_handled", pgettext_lazy("order event", "A wish for a worker was handled")
    SERIES_CREATED = "series_created", pgettext_lazy("order event", "A repeating gig was added")
    SERIES_CHANGED = "series_changed", pgettext_lazy("order event", "A repeating gig was changed from a date on")


class AssignmentEvent(models.TextChoices):
    GIG_FULL = "gig_full", pgettext_lazy("assignment event", "The gig was already full")
    ORDER_CANCELLED = "order_cancelled", pgettext_lazy("assignment event", "The order was cancelled")
    HOURS_REPORTED = "hours_reported", pgettext_lazy("assignment event", "Hours reported")
    HOURS_CORRECTED = "hours_corrected", pgettext_lazy("assignment event", "Hours corrected")
    GIG_CANCELLED = "gig_cancelled", pgettext_lazy("assignment event", "The gig was cancelled")
    CONFIRMED_COMING = "confirmed_coming", pgettext_lazy("assignment event", "Confirmed coming")
    CANT_COME = "cant_come", pgettext_lazy("assignment event", "Told they cannot come")
    NO_SHOW = "no_show", pgettext_lazy("assignment event", "Did not come to the gig")


# The sentence of each kind; its %(name)s placeholders are the row's params, formatted by `_facts`.
ORDER_SENTENCES = {
    OrderEvent.UNITS_INFORMED: _("Units informed: %(units)s."),
    OrderEvent.GIG_ADDED: _("A gig was added."),
    OrderEvent.ALL_STAFFED: _("Every gig has its workers."),
    OrderEvent.WORKER_NEEDED_AGAIN: _("A gig needs a worker again."),
    OrderEvent.ALL_DONE: _("All work is reported done."),
    OrderEvent.ALL_APPROVED: _("All hours are approved."),
    OrderEvent.TERMS_RESENT: _("Terms sent again."),
    OrderEvent.TERMS_ACCEPTED: _("Terms %(version)s accepted by %(name)s."),
    OrderEvent.FEEDBACK_REQUESTED: _("Feedback requested."),
    OrderEvent.FEEDBACK_GIVEN: _("Feedback given by %(name)s."),
    OrderEvent.CLIENT_SAME: _("Client checked: the same client as %(name)s (%(business_id)s)."),
    OrderEvent.CLIENT_NEW: _("Client checked: a new client, not %(name)s. Business ID: %(business_id)s."),
    OrderEvent.INVOICED: _("Invoice %(invoice)s."),
    OrderEvent.CREDITED_BACK: _("Credit note %(credit)s: %(hours)s h can be invoiced again."),
    OrderEvent.GIG_CANCELLED: _("The gig on %(date)s %(time)s was cancelled."),
    OrderEvent.ORDER_CHANGED: _("%(field)s changed: %(old)s → %(new)s."),
    OrderEvent.GIG_CHANGED: _("The gig on %(date)s: %(field)s changed: %(old)s → %(new)s."),
    OrderEvent.GIG_MESSAGE: _("Message to everyone on the gig on %(date)s %(time)s (%(count)s told): %(text)s"),
    OrderEvent.GIG_STAFFED: _("The client was told: the gig on %(date)s %(time)s has its workers."),
    OrderEvent.CLIENT_CANCELLED_GIG: _("The client cancelled the gig on %(date)s %(time)s."),
    OrderEvent.CLIENT_CANCELLED_GIG_LATE: _(
        "The client cancelled the gig on %(date)s %(time)s late: a cancellation charge of %(amount)s € + VAT "
        "is invoiced and %(workers)s workers are paid their minimum."
    ),
    OrderEvent.WORKER_AGAIN_ASKED: _("The client asked for %(name)s again. The wish went to %(unit)s."),
    OrderEvent.WORKER_AGAIN_HANDLED: _("%(unit)s handled the wish for %(name)s: %(outcome)s."),
    OrderEvent.SERIES_CREATED: _("A repeating gig was added: %(count)s dates from %(first)s to %(last)s."),
    OrderEvent.SERIES_CHANGED: _(
        "The repeating gig was changed from %(date)s on: %(changed)s dates changed, %(added)s added, "
        "%(removed)s removed."
    ),
}
ASSIGNMENT_SENTENCES = {
    AssignmentEvent.GIG_FULL: _("The gig was already full."),
    AssignmentEvent.ORDER_CANCELLED: _("The order was cancelled."),
    AssignmentEvent.HOURS_REPORTED: _("%(hours)s hours"),
    AssignmentEvent.HOURS_CORRECTED: _("Hours corrected from %(reported)s to %(approved)s."),
    AssignmentEvent.GIG_CANCELLED: _("The gig was cancelled."),
    AssignmentEvent.CONFIRMED_COMING: _("Confirmed coming to the gig."),
    AssignmentEvent.CANT_COME: _("Told they cannot come. The place is open again."),
    AssignmentEvent.NO_SHOW: _("Did not come to the gig. The place is open again."),
}


def _worker_again_facts(params: dict) -> dict:
    """The outcome's code in the reader's words."""
    from orders.models.worker_again import WorkerAgainOutcome

    outcome = (params or {}).get("outcome", "")
    label = WorkerAgainOutcome(outcome).label if outcome in WorkerAgainOutcome.values else outcome
    return {**_facts(params), "outcome": label}


# Kinds whose params need more than `_facts`: dates, clock times and changed fields in the reader's
# language (orders.changes).
FACTS_OF_KIND = {
    OrderEvent.GIG_CANCELLED: when_facts,
    OrderEvent.ORDER_CHANGED: change_facts,
    OrderEvent.GIG_CHANGED: change_facts,
    OrderEvent.GIG_MESSAGE: when_facts,
    OrderEvent.GIG_STAFFED: when_facts,
    OrderEvent.CLIENT_CANCELLED_GIG: when_facts,
    OrderEvent.CLIENT_CANCELLED_GIG_LATE: lambda params: _facts(when_facts(params)),
    OrderEvent.WORKER_AGAIN_HANDLED: _worker_again_facts,
    OrderEvent.SERIES_CREATED: lambda params: _series_facts(params, "first", "last"),
    OrderEvent.SERIES_CHANGED: lambda params: _series_facts(params, "date"),
}
# Params that are numbers: written with the language's decimal comma ("2,50" in Finnish).
NUMBER_PARAMS = {"hours", "reported", "approved", "amount"}


def _number(value) -> str:
    try:
        return formats.number_format(Decimal(str(value)), 2)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def _series_facts(params: dict, *date_keys: str) -> dict:
    """A repeating gig's ISO dates in the reader's short date format."""
    facts = dict(params or {})
    for key in date_keys:
        try:
            facts[key] = formats.date_format(dt.date.fromisoformat(facts[key]), "SHORT_DATE_FORMAT")
        except (KeyError, TypeError, ValueError):
            pass
    return facts


def _facts(params: dict) -> dict:
    return {key: _number(value) if key in NUMBER_PARAMS else value for key, value in (params or {}).items()}


def sentence(sentences: dict, kind: str, params: dict) -> str:
    """The kind's sentence in the active language; "" for a row with no kind (or one not known)."""
    template = sentences.get(kind)
    if template is None:
        return ""
    try:
        return str(template) % FACTS_OF_KIND.get(kind, _facts)(params)
    except (KeyError, TypeError, ValueError):
        # A row whose params lack a fact still says what happened, by the kind's label.
        return str(dict(_choices(sentences)).get(kind, kind))


def _choices(sentences: dict):
    return ((kind.value, kind.label) for kind in sentences)


def client_same_sentence(params: dict) -> str:
    """The client-check sentence and what was done with the billing details typed."""
    text = sentence(ORDER_SENTENCES, OrderEvent.CLIENT_SAME, params)
    extra = _("Its billing details were updated with those typed.") if params.get("billing_updated") else None
    if "billing_updated" in (params or {}):
        extra = extra or _("Its billing details were kept.")
        return f"{text} {extra}"
    return text
