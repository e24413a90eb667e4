"""The URL x role matrix: every URL of the project with the response each role must get, and the
world of objects the cells ask for (built in url_matrix_world.py). tests/trust/test_url_matrix.py
runs one test per cell; tests/trust/test_minimisation.py reuses the world.

`MATRIX` has one entry per URL pattern (by its name): the method, the arguments (objects of
"side A": worker A, unit X, client organisation P) and, for each role, the expected response:

    200, 302 (a redirect that is not the login page), 400, 403, 404, 405, or LOGIN (to the login page)

The world holds objects on both sides (worker B, unit Y, organisation Q), so "another unit's,
another worker's, another organisation's object" is tested by the B/Y/Q users asking for the A
objects: they must get 404, never 403 (the object's existence must not leak). 403 is for a role
that has no business on the page at all (function level).

A new URL needs an entry here (or, for third-party pages only, one in ALLOWLIST with a reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from billing.models import EInvoiceDispatch
from tests.support.url_patterns import ALLOWLIST, all_url_patterns, allowlisted  # noqa: F401 (the matrix's test reads them here)

LOGIN = "login"
ROLES = ("anon", "worker_a", "worker_b", "staff_x", "staff_y", "client_p", "client_q", "coord", "admin", "payer")
STAFF_ROLES = {"staff_x", "staff_y", "coord", "admin", "payer"}


# --- Expectation profiles -------------------------------------------------------------------------
def cells(default, **overrides) -> dict[str, object]:
    unknown = set(overrides) - set(ROLES)
    assert not unknown, unknown
    return {role: overrides.get(role, default) for role in ROLES}


def public(ok=200, **over):
    return cells(ok, **over)


def coordinator_page(ok=200, **over):
    """Coordinators and administrators; any other logged-in role 403; a visitor the login page."""
    return cells(403, anon=LOGIN, coord=ok, admin=ok, **over)


def unit_page(ok=200, other=404, **over):
    """Unit staff on an object of unit X: staff of X `ok`, staff of Y `other`, no unit role 403."""
    return cells(403, anon=LOGIN, staff_x=ok, staff_y=other, **over)


def worker_page(ok=200, other=None, **over):
    """The worker's own pages: worker A `ok`; worker B `other` (404 on A's objects); no worker profile 403."""
    return cells(403, anon=LOGIN, worker_a=ok, worker_b=ok if other is None else other, **over)


def payer_page(ok=200, **over):
    """The paying role's pages: the payer only (an administrator is not a payer as such)."""
    return cells(403, anon=LOGIN, payer=ok, **over)


def benefits_page(ok=200, **over):
    """Object-level only: staff of worker A's unit and the coordinator `ok`; any other user 404."""
    return cells(404, anon=LOGIN, staff_x=ok, coord=ok, admin=ok, **over)


def client_page(ok=200, other=404, **over):
    return cells(403, anon=LOGIN, client_p=ok, client_q=other, **over)


@dataclass(frozen=True)
class Entry:
    method: str
    expected: dict[str, object]
    kwargs: Callable[[World], dict] = field(default=lambda w: {})
    data: Callable[[World], dict] = field(default=lambda w: {})
    note: str = ""


def E(method, expected, kwargs=None, data=None, note=""):  # noqa: N802 - reads as a table
    return Entry(method, expected, kwargs or (lambda w: {}), data or (lambda w: {}), note)


def _a11y_feedback():
    from jobcenter.feedback.models import AccessibilityFeedback

    return AccessibilityFeedback.objects.get_or_create(message="Kontrasti on heikko.")[0]


def _passkey_a(w):
    """A passkey of worker A (allauth's Authenticator; the pages read only its name and dates)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.get_or_create(
        user=w.worker_a.user, type=Authenticator.Type.WEBAUTHN, defaults={"data": {"name": "Phone", "credential": {}}}
    )[0]


def order(w):
    return {"pk": w.order_a.pk}


def _series_a(w):
    """A repeating gig on order A whose one date is gig A (made directly: the cells only read it)."""
    from orders.models import Gig, GigSeries

    series = GigSeries.objects.filter(order=w.order_a).first()
    if series is None:
        gig = w.gig_a
        series = GigSeries.objects.create(
            order=w.order_a,
            interval_weeks=1,
            weekdays=str(gig.date.weekday()),
            first_date=gig.date,
            rule_from=gig.date,
            count=1,
            start_time=gig.start_time,
            planned_hours=gig.planned_hours,
            workers_needed=gig.workers_needed,
            created_by=w.users["coord"],
        )
        Gig.objects.filter(pk=gig.pk).update(series=series)
    return series


def _wish_a(w):
    """A client's open wish for worker A (of unit X) on order A (made directly: the cells only read it)."""
    from orders.models import WorkerAgainRequest

    wish = WorkerAgainRequest.objects.filter(order=w.order_a, handled_at__isnull=True).first()
    return wish or WorkerAgainRequest.objects.create(order=w.order_a, worker=w.worker_a, unit=w.worker_a.home_unit)


def wish(w):
    return {"pk": _wish_a(w).pk}


def series(w):
    return {"pk": _series_a(w).pk}


def unit_series(w):
    return {"order_pk": w.order_a.pk, "pk": _series_a(w).pk}


def _client_link_token(w):
    from orders.client_links import make_client_order_token

    return make_client_order_token(w.order_a)


def assignment(w):
    return {"pk": w.assignment_a.pk}


def worker(w):
    return {"pk": w.worker_a.pk}


def _answer_token(w):
    from orders.tokens_answer import make_answer_token

    return make_answer_token(w.assignment_a)


def my_gig(w):
    return {"assignment_pk": w.assignment_a.pk}


def _follow_up_a(w):
    """A review item of assignment A (made directly: the cells only read it)."""
    from django.utils import timezone

    from orders.models import FollowUpKind, GigFollowUp

    return GigFollowUp.objects.get_or_create(
        assignment=w.assignment_a, kind=FollowUpKind.REVIEW, defaults={"due_at": timezone.now()}
    )[0]


def unit_assignment(w):
    return {"pk": w.worker_a.pk, "assignment_pk": w.assignment_a.pk}


def production(w):
    return {"pk": w.production_a.pk}


def draft_run(w):
    return {"pk": w.run_draft.pk}


def approved_run(w):
    return {"pk": w.run_approved.pk}


def invoice(w):
    return {"pk": w.invoice_a.pk}


MATRIX: dict[str, Entry] = {
    # Public and everyone's pages.
    "home": E("GET", public()),
    "healthz": E("GET", public()),
    "orders:request": E("GET", public()),
    "orders:request-done": E("GET", public(404), order, note="only the browser session that sent the order"),
    "orders:price-quote": E("GET", public()),
    "orders:terms": E("GET", public(410), lambda w: {"token": w.terms_token}, note="terms already accepted: gone"),
    "orders:feedback": E("GET", public(410), lambda w: {"token": w.feedback_token}, note="no work done yet: gone"),
    "orders:client-account": E("GET", client_page(200, other=200)),
    "orders:client-accepted-terms-pdf": E("GET", client_page(404), order, note="A's terms kept no PDF"),
    "orders:client-worker-again": E("GET", client_page(), order),
    "orders:client-order": E("GET", client_page(), order),
    "orders:client-hired": E("POST", client_page(302), order, note="no worker chosen: a message, back to the order"),
    "orders:client-gig-cancel": E("GET", client_page(), lambda w: {"pk": w.order_a.pk, "gig_pk": w.gig_a.pk}),
    "orders:client-link": E("GET", public(), lambda w: {"token": _client_link_token(w)}),
    "orders:client-link-gig-cancel": E(
        "GET", public(), lambda w: {"token": _client_link_token(w), "gig_pk": w.gig_a.pk}, note="the link is the key"
    ),
    "favicon": E("GET", public()),
    "accessibility:statement": E("GET", public()),
    "accessibility:feedback": E("GET", public()),
    "accessibility:feedback-sent": E("GET", public()),
    # The coordinator's dashboard and its actions on order A (a POST without a form is refused or
    # done, and the page is shown again: a redirect).
    "coordinator:dashboard": E("GET", coordinator_page()),
    "coordinator:today": E("GET", coordinator_page()),
    "coordinator:today-approve": E("POST", coordinator_page(302), assignment),
    "coordinator:today-remind": E("POST", coordinator_page(302), order, note="A's terms are not waiting: refused"),
    "coordinator:order": E("GET", coordinator_page(), order),
    "coordinator:order-send-terms": E("POST", coordinator_page(302), order),
    # The world's order was accepted before the PDFs were kept: none to download, 404 (not 403) for staff.
    "coordinator:order-accepted-terms-pdf": E("GET", coordinator_page(404), order),
    "coordinator:order-reject": E("GET", coordinator_page(), order),
    "coordinator:order-cancel": E("GET", coordinator_page(), order),
    "coordinator:order-inform-units": E("POST", coordinator_page(302), order),
    "coordinator:gig-add": E("GET", coordinator_page(), order),
    "coordinator:order-edit": E("GET", coordinator_page(), order),
    "coordinator:gig-cancel": E("GET", coordinator_page(), lambda w: {"pk": w.gig_a.pk}),
    "coordinator:gig-edit": E("GET", coordinator_page(), lambda w: {"pk": w.gig_a.pk}),
    "coordinator:gig-message": E("GET", coordinator_page(), lambda w: {"pk": w.gig_a.pk}),
    "coordinator:series-add": E("GET", coordinator_page(), order),
    "coordinator:series": E("GET", coordinator_page(), series),
    "coordinator:series-change": E("GET", coordinator_page(), series),
    "coordinator:series-skip": E("GET", coordinator_page(), series, lambda w: {"date": w.gig_a.date.isoformat()}),
    "coordinator:series-offer-same": E("POST", coordinator_page(302), series, note="no staffed date: refused"),
    "coordinator:order-request-feedback": E("POST", coordinator_page(302), order),
    "coordinator:order-close": E("POST", coordinator_page(302), order),
    "coordinator:order-client-same": E("POST", coordinator_page(302), order, note="A's client checked: refused"),
    "coordinator:order-client-new": E("POST", coordinator_page(302), order, note="A's client checked: refused"),
    "coordinator:assignment-offer": E("POST", coordinator_page(302), assignment),
    "coordinator:assignment-approve": E("POST", coordinator_page(302), assignment),
    "coordinator:assignment-withdraw": E("GET", coordinator_page(), assignment),
    "coordinator:stand-in": E("GET", coordinator_page(), lambda w: {"pk": w.gig_a.pk}),
    "coordinator:assignment-no-show": E("GET", coordinator_page(), assignment),
    "coordinator:assignment-feedback": E("GET", coordinator_page(), assignment),
    "coordinator:emails": E("GET", coordinator_page()),
    "coordinator:results": E("GET", coordinator_page()),
    "coordinator:results-csv": E("GET", coordinator_page()),
    "coordinator:results-xlsx": E("GET", coordinator_page()),
    "coordinator:outcomes": E("GET", coordinator_page()),
    "coordinator:outcomes-csv": E("GET", coordinator_page()),
    "coordinator:email-resend": E("GET", coordinator_page(), lambda w: {"pk": w.email_a.pk}),
    "coordinator:access-log": E("GET", coordinator_page()),
    "coordinator:access-log-csv": E("GET", coordinator_page()),
    "coordinator:accessibility-feedback": E("GET", coordinator_page()),
    "coordinator:accessibility-feedback-answered": E("GET", coordinator_page(), lambda w: {"pk": _a11y_feedback().pk}),
    # Work certificates and the worker's data for the coordinator.
    "worker_certificates:workers": E("GET", coordinator_page()),
    "worker_certificates:worker": E("GET", coordinator_page(), worker),
    "worker_certificates:certificate-download": E("GET", coordinator_page(), lambda w: {"pk": w.certificate_a.pk}),
    "worker_certificates:worker-export-json": E("GET", coordinator_page(), worker),
    "worker_certificates:worker-export-pdf": E("GET", coordinator_page(), worker),
    # Billing (coordinator) and the client's own invoices.
    "billing:invoice-list": E("GET", coordinator_page()),
    "billing:invoice-detail": E("GET", coordinator_page(), invoice),
    "billing:invoice-pdf": E("GET", coordinator_page(), invoice),
    "billing:invoice-finvoice": E("GET", coordinator_page(), invoice),
    "billing:invoice-mark-paid": E("POST", coordinator_page(302), invoice),
    "billing:invoice-credit-note": E("GET", coordinator_page(), invoice),
    "billing:invoice-issue": E("POST", coordinator_page(302), lambda w: {"order_pk": w.order_a.pk}),
    "billing:invoice-reminder": E("POST", coordinator_page(302), invoice),
    "billing:month-end": E("GET", coordinator_page()),
    "billing:month-end-status": E("GET", coordinator_page(404), lambda w: {"run_id": "no-such-run"}),
    "billing:client-invoices": E("GET", client_page(200, other=200)),
    "billing:client-invoice-pdf": E("GET", client_page(), invoice),
    "payouts:list": E("GET", coordinator_page()),
    "payouts:csv": E("GET", coordinator_page()),
    "payouts:pdf": E("GET", coordinator_page(), lambda w: {"pk": w.payout_a.pk}),
    "payouts:tax-info": E("GET", coordinator_page(), lambda w: {"worker_pk": w.worker_a.pk}),
    "payouts:payment-details": E("GET", coordinator_page(payer=200), lambda w: {"worker_pk": w.worker_a.pk}),
    # Payment runs: the coordinator makes them, the paying role approves them and handles the bank's
    # files. A payer alone may not make a run.
    "payment_runs:list": E("GET", coordinator_page(payer=200)),
    "payment_runs:create": E("POST", coordinator_page(400), note="an empty form: the form again, 400"),
    "payment_runs:detail": E("GET", coordinator_page(payer=200), draft_run),
    "payment_runs:approve": E("GET", payer_page(), draft_run),
    "payment_runs:discard": E("GET", coordinator_page(payer=200), draft_run),
    "payment_runs:bank-file": E("GET", payer_page(), approved_run),
    "payment_runs:status-report": E("GET", payer_page(), approved_run),
    # The Incomes Register: the coordinator and the payer; a delivery's file (identity codes) the payer.
    "incomes_register:list": E("GET", coordinator_page(payer=200)),
    "incomes_register:send": E("POST", coordinator_page(302, payer=302), note="no payment date: a message"),
    "incomes_register:resend": E("POST", coordinator_page(302, payer=302), lambda w: {"pk": w.ir_delivery.pk}),
    "incomes_register:download": E("GET", payer_page(), lambda w: {"pk": w.ir_delivery.pk}),
    "incomes_register:correct": E("GET", coordinator_page(payer=200), lambda w: {"pk": w.ir_report.pk}),
    "incomes_register:cancellation-done": E(
        "POST", coordinator_page(302, payer=302), lambda w: {"pk": w.ir_report.pk}, note="not a cancellation"
    ),
    # Unit staff: order A was announced to unit X only.
    "units:needs": E("GET", unit_page(200, other=200)),
    "units:worker-again-handle": E("POST", unit_page(302), wish, note="no outcome: refused, the page again"),
    "units:gig-add": E("GET", unit_page(), lambda w: {"order_pk": w.order_a.pk}),
    "units:propose": E("GET", unit_page(), lambda w: {"order_pk": w.order_a.pk, "gig_pk": w.gig_a.pk}),
    "units:series-add": E("GET", unit_page(), lambda w: {"order_pk": w.order_a.pk}),
    "units:series": E("GET", unit_page(), unit_series),
    "units:series-change": E("GET", unit_page(), unit_series),
    "units:series-skip": E("GET", unit_page(), unit_series, lambda w: {"date": w.gig_a.date.isoformat()}),
    "units:series-propose-same": E("POST", unit_page(302), unit_series, note="no staffed date: refused"),
    "units:workers": E("GET", unit_page(200, other=200)),
    "units:worker": E("GET", unit_page(), worker),
    "units:worker-support-needs": E("POST", unit_page(), worker),
    "units:worker-payment-details": E("GET", unit_page(), worker),
    "units:worker-language": E("POST", unit_page(302), worker, note="an empty form: a message, back to the worker"),
    "units:worker-notify-by": E("POST", unit_page(302), worker, note="an empty form: a message, back to the worker"),
    "units:assignment-accept": E("POST", unit_page(302), unit_assignment),
    "units:assignment-decline": E("GET", unit_page(), unit_assignment),
    "units:assignment-report": E("POST", unit_page(302), unit_assignment),
    "units:assignment-withdraw": E("GET", unit_page(), unit_assignment),
    # "En pääse": a stand-in for gig A (informed to unit X), a gig not come to, worker A's attendance notes.
    "units:stand-in": E("GET", unit_page(), lambda w: {"order_pk": w.order_a.pk, "gig_pk": w.gig_a.pk}),
    "units:assignment-no-show": E("GET", unit_page(), unit_assignment),
    "units:assignment-cant-come": E("GET", unit_page(), unit_assignment),
    "units:worker-attendance": E("GET", unit_page(), worker),
    # Worker A's path (jatkopolku) and the items before and after her gigs (web.unit.paths, web.unit.follow_ups).
    "units:worker-path": E("GET", unit_page(), worker),
    "units:worker-path-end": E(
        "POST", unit_page(302), lambda w: {"pk": w.worker_a.pk, "step_pk": 0}, note="an empty form: a message"
    ),
    "units:worker-path-remove": E(
        "POST", unit_page(302), lambda w: {"pk": w.worker_a.pk, "step_pk": 0}, note="no such step: a message"
    ),
    "units:worker-follow-ups": E("GET", unit_page(), worker),
    "units:follow-up": E("GET", unit_page(), lambda w: {"pk": _follow_up_a(w).pk}),
    # The week and the day sheet of unit X (?unit=); staff of Y asking for X's get a 404.
    "units:week": E("GET", unit_page(), data=lambda w: {"unit": w.worker_a.home_unit_id}),
    "units:day-sheet": E(
        "GET", unit_page(302), data=lambda w: {"unit": w.worker_a.home_unit_id, "date": w.gig_a.date.isoformat()}
    ),
    "units:day-sheet-pdf": E(
        "GET", unit_page(), lambda w: {"day": w.gig_a.date.isoformat()}, lambda w: {"unit": w.worker_a.home_unit_id}
    ),
    # The worker's phone pages: assignment A is offered to worker A.
    "workers:my-gigs": E("GET", worker_page()),
    "workers:gig": E("GET", worker_page(other=404), my_gig),
    "workers:gig-accept": E("POST", worker_page(302, other=404), my_gig),
    "workers:gig-accepted": E("GET", worker_page(302, other=404), my_gig, note="not accepted yet: back to the gig"),
    "workers:gig-decline": E("GET", worker_page(other=404), my_gig),
    "workers:gig-declined": E("GET", worker_page(302, other=404), my_gig),
    "workers:gig-cant-come": E("GET", worker_page(302, other=404), my_gig, note="offered, not taken: back to the gig"),
    "workers:gig-cant-come-done": E("GET", worker_page(302, other=404), my_gig),
    "workers:report": E("GET", worker_page(302, other=404), my_gig),
    "workers:gig-reported": E("GET", worker_page(302, other=404), my_gig),
    # "Tulen" on her gig page (A is only offered: refused with a message, back to the gig), and the
    # reminder's signed link, which needs no login (A is not taken yet: the link is gone for everyone).
    "workers:gig-coming": E("POST", worker_page(302, other=404), my_gig, note="offered, not taken: a message"),
    "workers:gig-answer": E("GET", public(410), lambda w: {"token": _answer_token(w)}, note="not taken: gone"),
    "workers:earnings": E("GET", worker_page()),
    "workers:feedback": E("GET", worker_page()),
    "workers:history": E("GET", worker_page()),
    "workers:cv": E("GET", worker_page()),
    "workers:cv-pdf": E("GET", worker_page()),
    "workers:certificates": E("GET", worker_page()),
    "workers:certificate-download": E("GET", worker_page(other=404), lambda w: {"pk": w.certificate_a.pk}),
    "workers:my-data": E("GET", worker_page()),
    "workers:my-data-json": E("GET", worker_page()),
    "workers:my-data-pdf": E("GET", worker_page()),
    "workers:access-log": E("GET", worker_page()),
    "workers:language": E("GET", worker_page()),
    "workers:contact": E("GET", worker_page()),
    "workers:money": E("GET", worker_page()),
    "workers:money-pdf": E("GET", worker_page(other=404), lambda w: {"pk": w.payout_a.pk}),
    # Step-up: the worker asks to be identified in person; the unit staff confirm.
    "workers:identify": E("GET", worker_page()),
    "units:identify": E("GET", unit_page(200, other=200, coord=200, admin=200), note="the coordinator confirms too"),
    # Passkeys (fingerprint or face login): the worker's own, and "Phone lost" on the unit's worker page.
    "workers:passkeys": E("GET", worker_page()),
    "workers:passkey-add": E("POST", worker_page(403), note="a weak session may not add one: the plain refusal"),
    "workers:passkey-open": E("GET", worker_page(302), note="without JavaScript: back to the benefits page"),
    "workers:passkey-remove": E("GET", worker_page(other=404), lambda w: {"pk": _passkey_a(w).pk}),
    "units:worker-passkeys-remove": E("GET", unit_page(), worker),
    # Benefits (special category): staff of the worker's home unit and the coordinator; everyone else
    # logged in gets 404 (the worker too: their own page is /me/benefits/).
    "my_benefits:overview": E("GET", worker_page()),
    "benefits:worker": E("GET", benefits_page(), worker),
    "benefits:consent-add": E("POST", benefits_page(), worker, note="an empty form is shown again"),
    "benefits:consent-form-pdf": E("GET", benefits_page(), worker),
    "benefits:received-set": E("POST", benefits_page(), worker),
    "benefits:received-remove": E("GET", benefits_page(), lambda w: {"pk": w.worker_a.pk, "benefit": w.benefit}),
    "benefits:notes": E("POST", benefits_page(), worker),
    "benefits:clarification-add": E("POST", benefits_page(), worker),
    "benefits:consent-withdraw": E("GET", benefits_page(), lambda w: {"pk": w.consent_a.pk}),
    "benefits:consent-scan": E("GET", benefits_page(404), lambda w: {"pk": w.consent_a.pk}, note="no scan uploaded"),
    "benefits:consent-scan-upload": E(
        "POST", benefits_page(302), lambda w: {"pk": w.consent_a.pk}, note="no file: back"
    ),
    "benefits:yel": E("GET", coordinator_page()),
    "benefits:commission-explanation": E(
        "GET",
        benefits_page(404),
        lambda w: {"assignment_pk": w.assignment_a.pk},
        note="only while a commission gig waits for its offer (tests/benefits/test_commission_explanation_scope.py)",
    ),
    "readyz": E("GET", public(), note="readiness: no login, never cached, no secrets in the body"),
    "coordinator:einvoice-resend": E(
        "GET", coordinator_page(), lambda w: {"pk": EInvoiceDispatch.objects.get_or_create(invoice=w.invoice_a)[0].pk}
    ),
    "billing:invoice-preview": E("GET", coordinator_page(), lambda w: {"order_pk": w.order_a.pk}),
    # Production orders: the coordinator's pages, and unit X's (it makes production order A).
    "coordinator:production-list": E("GET", coordinator_page()),
    "coordinator:production-create": E("GET", coordinator_page()),
    "coordinator:production": E("GET", coordinator_page(), production),
    "coordinator:production-step": E("POST", coordinator_page(302), production, note="an empty form: a message"),
    "coordinator:production-price": E("GET", coordinator_page(), production),
    "coordinator:production-make-order": E("POST", coordinator_page(302), production, note="not priced: refused"),
    "coordinator:production-produce": E("GET", coordinator_page(), production),
    "coordinator:production-stop": E("GET", coordinator_page(), production),
    "coordinator:production-reopen": E("GET", coordinator_page(), production),
    "units:production-list": E("GET", unit_page(200, other=200)),
    "units:production": E("GET", unit_page(), production),
    # The partner model: the coordinator's partner pages; the unit's pages of worker A's contracts.
    "coordinator:partner-list": E("GET", coordinator_page()),
    "coordinator:partner-create": E("GET", coordinator_page()),
    "coordinator:partner": E("GET", coordinator_page(), lambda w: {"pk": w.partner_a.pk}),
    "coordinator:partner-edit": E("GET", coordinator_page(), lambda w: {"pk": w.partner_a.pk}),
    "coordinator:partner-hours-pdf": E("GET", coordinator_page(), lambda w: {"pk": w.partner_a.pk}),
    "coordinator:partner-hours-csv": E("GET", coordinator_page(), lambda w: {"pk": w.partner_a.pk}),
    "coordinator:partner-invoice-paid": E("GET", coordinator_page(), lambda w: {"pk": w.partner_invoice_a.pk}),
    "coordinator:order-partner": E(
        "POST", coordinator_page(302), lambda w: {"order_pk": w.order_a.pk}, note="no partner chosen: a message"
    ),
    "units:worker-contracts": E("GET", unit_page(), worker),
    "units:contract-create": E("GET", unit_page(), worker),
    "units:contract-clarification": E(
        "GET", unit_page(), lambda w: {"pk": w.worker_a.pk, "contract_pk": w.contract_a.pk}
    ),
    "units:contract-activate": E("GET", unit_page(), lambda w: {"pk": w.worker_a.pk, "contract_pk": w.contract_a.pk}),
}


# Product sales: unit X's product A of worker A with its photo and an agreement; the photo is for
# unit X's staff and the coordinator; the coordinator agrees on the coordinator's page.
MATRIX.update(
    {
        "units:products": E("GET", unit_page(200, other=200)),
        "units:product-create": E("GET", unit_page(200, other=200)),
        "units:product": E("GET", unit_page(), lambda w: {"pk": w.product_a.pk}),
        "units:product-photo": E(
            "GET", unit_page(coord=200, admin=200), lambda w: {"pk": w.product_a.pk}, note="the coordinator sees it too"
        ),
        "units:product-made-more": E("POST", unit_page(400), lambda w: {"pk": w.product_a.pk}, note="an empty form"),
        "units:product-agreement-create": E("GET", unit_page(), lambda w: {"pk": w.product_a.pk}),
        "units:product-agreement-party": E(
            "POST",
            unit_page(400),
            lambda w: {"pk": w.product_a.pk, "agreement_pk": w.product_agreement_a.pk, "party": "buyer"},
            note="an empty form",
        ),
        "units:product-delivery-create": E(
            "POST", unit_page(400), lambda w: {"pk": w.product_a.pk}, note="an empty form"
        ),
        "units:product-review": E(
            "GET", unit_page(), lambda w: {"pk": w.product_a.pk, "agreement_pk": w.product_agreement_a.pk}
        ),
        "coordinator:product-sales": E("GET", coordinator_page()),
        "coordinator:product-agreement-agree": E(
            "POST", coordinator_page(302), lambda w: {"pk": w.product_agreement_a.pk}, note="agreed, back to the list"
        ),
    }
)


def _calendar_token(w):
    """Worker A's calendar address (made once; the same address for every role's cell)."""
    from jobcenter.calendar_feeds.selectors import calendar_feed_active_for
    from jobcenter.calendar_feeds.services import calendar_feed_create

    feed = calendar_feed_active_for(user=w.worker_a.user) or calendar_feed_create(user=w.worker_a.user)
    return feed.token


# The calendar feed: the address is the key (no login; an unknown one is a 404 for everyone); the
# pages where the worker and unit staff see, copy, renew and turn off their own address.
MATRIX.update(
    {
        "calendar-feed": E("GET", public(), lambda w: {"token": _calendar_token(w)}, note="the token is the key"),
        "workers:calendar": E("GET", worker_page()),
        "units:calendar": E("GET", unit_page(200, other=200)),
    }
)

# The figures API: the bearer token is the key and a session is not, so every role without a token
# gets 401 (JSON; tests/api/ has the token's cells). Its OpenAPI document holds no figures: public.
MATRIX.update(
    {
        "api:figures": E(
            "GET", public(401), data=lambda w: {"start": "2026-01-01", "end": "2026-12-31"}, note="a token, not a login"
        ),
        "api:services": E("GET", public(401), note="a token, not a login"),
        "api:units": E("GET", public(401), note="a token, not a login"),
        "api:openapi-json": E("GET", public(), note="the document only, no figures"),
        "api:api-root": E("GET", public(404), note="django-ninja's root: no docs page is served"),
    }
)


def _client_count_a(w):
    """A client count of unit X, worker A's unit (made once; the cells only read it)."""
    import datetime as dt

    from units.models import UnitClientCount
    from units.services import unit_client_count_create

    unit = w.worker_a.home_unit
    day = dt.date(2026, 1, 1)
    found = UnitClientCount.objects.filter(unit=unit, period_start=day).first()
    return found or unit_client_count_create(
        unit=unit, by=w.users["coord"], period_start=day, period_end=dt.date(2026, 1, 31), clients=40
    )


# The unit's client counts (its own list; another unit's count is a 404), and the path outcomes of the
# figures API (a token, not a login, as the other API cells).
MATRIX.update(
    {
        "units:client-counts": E("GET", unit_page(200, other=200)),
        "units:client-count-edit": E("GET", unit_page(), lambda w: {"pk": _client_count_a(w).pk}),
        "units:client-count-delete": E("GET", unit_page(), lambda w: {"pk": _client_count_a(w).pk}),
        "api:outcomes": E(
            "GET", public(401), data=lambda w: {"start": "2026-01-01", "end": "2026-12-31"}, note="a token, not a login"
        ),
    }
)

# The world the cells ask for, in a module of its own.
from tests.support.url_matrix_world import World, build_world, world  # noqa: E402,F401
