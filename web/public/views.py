"""The client's public pages: the order form and the feedback form behind the emailed link.

No login. The order form is open to anyone, so it has a honeypot and a per-IP rate limit; the
feedback page is reached only through a signed, expiring link (`orders.tokens`). Both call the
services in `orders.services` and show their refusals as form errors.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from decimal import Decimal
from email.utils import parseaddr

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from billing.pricing import hourly_price_quote
from jobcenter import ratelimit
from jobcenter.errors import DomainError
from orders import services
from orders.models import Assignment, AssignmentStatus, ContractType, Feedback, Order, OrderStatus
from orders.tokens import read_feedback_token
from web.public.forms import (
    DATE_INPUT_FORMATS,
    HONEYPOT_FIELD,
    STARTED_FIELD,
    FeedbackForm,
    OrderRequestForm,
    form_started_token,
)
from web.public.order_again import order_again_checked, order_again_initial

security_log = logging.getLogger("jobcenter.security")

# How many orders one connection (client IP) may send in a window. Settings may override.
ORDER_RATE_LIMIT = getattr(settings, "JOBCENTER_ORDER_FORM_RATE_LIMIT", 5)
ORDER_RATE_WINDOW = getattr(settings, "JOBCENTER_ORDER_FORM_RATE_WINDOW", 10 * 60)


def _email_limit() -> tuple[int, int]:
    """How many orders one contact email may send in a window (seconds); read per request."""
    return (
        getattr(settings, "JOBCENTER_ORDER_FORM_EMAIL_LIMIT", 10),
        getattr(settings, "JOBCENTER_ORDER_FORM_EMAIL_WINDOW", 24 * 60 * 60),
    )


def _min_fill_seconds() -> int:
    """A person needs at least this many seconds to fill in the form; 0 turns the check off."""
    return getattr(settings, "JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS", 3)


# The orders this browser session sent: only they can see their confirmation page.
SESSION_ORDERS = "orders_public_sent"
SESSION_ORDERS_KEPT = 10


# --- Shared helpers -------------------------------------------------------------------------------
def _client_ip(request: HttpRequest) -> str:
    """The client's IP, the same way the login rate limits see it (trusted proxies only)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def _contact() -> dict[str, str]:
    return {
        "contact_phone": getattr(settings, "JOBCENTER_CONTACT_PHONE", ""),
        "contact_email": getattr(settings, "JOBCENTER_CONTACT_EMAIL", "") or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }


def error_summary(form) -> list[dict[str, str]]:
    """Every error of the form, with the id of the input to link to, for the error summary."""
    items = [{"anchor": "", "label": "", "message": message} for message in form.non_field_errors()]
    for field in form:
        if not field.errors or field.is_hidden:
            continue
        anchor = field.id_for_label or f"{field.auto_id}_0"  # a radio group links to its first radio
        items.extend({"anchor": anchor, "label": field.label, "message": message} for message in field.errors)
    return items


# --- Prices ---------------------------------------------------------------------------------------
def _format_rate(rate: Decimal) -> str:
    """25.50 -> "25,5" and 24.00 -> "24" (in Finnish)."""
    rate = rate.quantize(Decimal("0.1")) if rate % 1 else rate.quantize(Decimal("1"))
    return number_format(rate, use_l10n=True)


def price_rows(day: dt.date) -> list[dict]:
    """The hourly price of each contract option for work done on `day`, formatted for the page."""
    rows = []
    for value, label in ContractType.choices:
        row = {"value": value, "label": label, "available": False}
        try:
            quote = hourly_price_quote(contract_type=value, day=day)
        except DomainError:
            rows.append(row)  # no price in force that day: the page says so
            continue
        row.update(
            available=True,
            net=number_format(quote.net, 2, use_l10n=True),
            gross=number_format(quote.gross, 2, use_l10n=True),
            rate=_format_rate(quote.vat_rate),
        )
        rows.append(row)
    return rows


def _parse_day(value: str | None) -> dt.date | None:
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


@require_safe
def price_quote(request: HttpRequest) -> HttpResponse:
    """The price fragment of the order form for the chosen earliest date (htmx swaps it in)."""
    day = _parse_day(request.GET.get("preferred_start")) or timezone.localdate()
    return render(request, "orders/public/_price_quote.html", {"day": day, "prices": price_rows(day)})


# --- The order form -------------------------------------------------------------------------------
def _form_page(request: HttpRequest, form: OrderRequestForm, *, status: int = 200, **extra) -> HttpResponse:
    day = None
    if form.is_bound:
        day = form.cleaned_data.get("preferred_start") if hasattr(form, "cleaned_data") else None
    day = day or timezone.localdate()
    rows = price_rows(day)
    context = {
        "form": form,
        "errors": error_summary(form) if form.is_bound else [],
        "day": day,
        "prices": rows,
        "contract_options": list(zip(form["contract_type"], rows, strict=False)),
        "honeypot": form[HONEYPOT_FIELD],
        **_contact(),
        **extra,
    }
    return render(request, "orders/public/order_form.html", context, status=status)


def _over_rate_limit(request: HttpRequest, submission_key, email: str = "") -> str | None:
    """Count this submission against the connection's and the contact email's limits: the limit
    reached ("ip" or "email"), or None. The same form sent again (same key, e.g. a double click)
    is counted once."""
    seen = f"order-form:key:{submission_key}" if submission_key else None
    first_time = ratelimit.hit(seen, limit=1, window_seconds=ORDER_RATE_WINDOW) if seen else True
    if not first_time:
        return None
    email_limit, email_window = _email_limit()
    if not ratelimit.hit(f"order-form:ip:{_client_ip(request)}", ORDER_RATE_LIMIT, ORDER_RATE_WINDOW):
        reached = "ip"
    elif email and not ratelimit.hit(f"order-form:email:{email.strip().lower()}", email_limit, email_window):
        reached = "email"
    else:
        return None
    if seen:
        ratelimit.reset(seen)  # refused: the same form may be sent again once the window is over
    return reached


def _too_fast(form: OrderRequestForm) -> bool:
    """Sent sooner after the form was shown than a person can fill it in (or without a valid time).
    The form then gets a valid time if it had none, so the next send passes once the time is up."""
    minimum = _min_fill_seconds()
    if minimum <= 0:
        return False
    seconds = form.fill_seconds()
    if seconds is None:
        form.data = form.data.copy()
        form.data[STARTED_FIELD] = form_started_token()
        return True
    return seconds < minimum


def _remember_order(request: HttpRequest, order_pk: int) -> None:
    sent = [pk for pk in request.session.get(SESSION_ORDERS, []) if pk != order_pk]
    request.session[SESSION_ORDERS] = [*sent, order_pk][-SESSION_ORDERS_KEPT:]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def order_request(request: HttpRequest) -> HttpResponse:
    """The public order form (Tilaa keikka). POST/redirect/GET to the confirmation page."""
    if request.method != "POST":
        # "Order again" (`?again=<id>`): a copy of the contact's earlier order to edit (web.public.order_again).
        again, source = order_again_initial(request)
        form = OrderRequestForm(initial={**again, "submission_key": uuid.uuid4(), STARTED_FIELD: form_started_token()})
        return _form_page(request, form, again_from=source)

    form = OrderRequestForm(request.POST)
    if form.honeypot_filled():
        # A bot: count it, save nothing, and answer as if all went well.
        ip = _client_ip(request)
        ratelimit.hit(f"order-form:ip:{ip}", ORDER_RATE_LIMIT, ORDER_RATE_WINDOW)
        security_log.warning("order form: honeypot filled, nothing saved (ip %s)", ip)
        return render(request, "orders/public/order_sent.html", {"order": None})
    if _too_fast(form):
        # Probably a bot, maybe a very fast person: nothing is saved, the input stays, one more click sends.
        security_log.warning("order form: sent too soon after it was shown (ip %s)", _client_ip(request))
        form.is_valid()
        return _form_page(request, form, too_fast=True)
    if not form.is_valid():
        return _form_page(request, form)
    copied_from_id = order_again_checked(request, form)
    if form.errors:
        return _form_page(request, form)

    key = form.cleaned_data["submission_key"]
    reached = _over_rate_limit(request, key, form.cleaned_data["contact_email"])
    if reached:
        security_log.warning("order form: %s rate limit reached (ip %s)", reached, _client_ip(request))
        return _form_page(request, form, status=429, rate_limited=reached)

    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    try:
        order, _created = services.order_submit(
            request=form.to_order_request(language=language, copied_from_id=copied_from_id),
            submission_key=key or uuid.uuid4(),
            by=request.user,
        )
    except DomainError as err:
        form.add_error(None, str(err.message))
    except ValidationError as err:
        form.add_service_error(err)
    else:
        _remember_order(request, order.pk)
        return redirect("orders:request-done", pk=order.pk)
    return _form_page(request, form)


@never_cache
@require_safe
def order_request_done(request: HttpRequest, pk: int) -> HttpResponse:
    """What happens next. Only the browser session that sent the order sees it; anyone else a 404."""
    if pk not in request.session.get(SESSION_ORDERS, []):
        raise Http404
    order = Order.objects.select_related("contact", "task_type").filter(pk=pk).first()
    if order is None:
        raise Http404
    return render(request, "orders/public/order_sent.html", {"order": order})


# --- Feedback through the emailed link ------------------------------------------------------------
def _feedback_problem(request: HttpRequest, problem: str, *, status: int, order: Order | None = None):
    return render(request, "orders/feedback_link_problem.html", {"problem": problem, "order": order}, status=status)


def _use_order_language(request: HttpRequest, order: Order) -> None:
    """Show the page in the order's language, unless the address names a language (/sv/, /en/):
    then the client chose it with the language switcher."""
    if translation.get_language_from_path(request.path_info) is None:
        translation.activate(order.language)
        request.LANGUAGE_CODE = order.language


def _feedback_workers(order: Order) -> list[dict]:
    """The approved workers of the order, by first name only (the client knows them), each with
    their approved assignments. Reads no other data about the worker."""
    rows = (
        Assignment.objects.filter(gig__order=order, status=AssignmentStatus.APPROVED)
        .order_by("gig__date", "gig__start_time", "pk")
        .values_list("pk", "worker_id", "worker__user__first_name", "worker__user__last_name")
    )
    workers: dict[int, dict] = {}
    for assignment_id, worker_id, first_name, last_name in rows:
        worker = workers.setdefault(
            worker_id,
            {"key": str(assignment_id), "first": first_name.strip(), "last": last_name.strip(), "assignments": []},
        )
        worker["assignments"].append(assignment_id)
    found = list(workers.values())
    firsts = [w["first"] for w in found]
    for number, worker in enumerate(found, start=1):
        name = worker["first"] or _("Worker %(number)s") % {"number": number}
        if worker["first"] and firsts.count(worker["first"]) > 1 and worker["last"]:
            name = f"{worker['first']} {worker['last'][0]}."  # two of the same first name
        worker["name"] = name
    return found


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the feedback link: a rating and words for each worker, once.

    A tampered link is a 404; an expired, replaced, already used or closed one a 410. Only POST
    saves; a reused link changes nothing.
    """
    try:
        link = read_feedback_token(token)
    except signing.SignatureExpired:
        return _feedback_problem(request, "expired", status=410)
    except signing.BadSignature:
        return _feedback_problem(request, "invalid", status=404)
    order = Order.objects.select_related("client").filter(pk=link.order_id).first()
    if order is None:
        return _feedback_problem(request, "invalid", status=404)
    _use_order_language(request, order)
    given = Feedback.objects.filter(assignment__gig__order=order, assignment__status=AssignmentStatus.APPROVED)
    if given.exists():
        return _feedback_problem(request, "given", status=410, order=order)
    if order.feedback_requested_at is None or int(order.feedback_requested_at.timestamp()) != link.requested_stamp:
        return _feedback_problem(request, "replaced", status=410)
    workers = _feedback_workers(order)
    if order.status not in OrderStatus.feedback_states or not workers:
        return _feedback_problem(request, "closed", status=410)

    form = FeedbackForm(request.POST or None, workers=[(w["key"], w["name"]) for w in workers])
    if request.method == "POST" and form.is_valid():
        ratings = form.ratings()
        entries = [
            services.FeedbackEntry(
                assignment_id=assignment_id,
                rating=ratings[w["key"]][0],
                text=ratings[w["key"]][1],
                may_quote=form.cleaned_data["may_quote"],
            )
            for w in workers
            for assignment_id in w["assignments"]
        ]
        try:
            services.feedback_submit(
                order_id=order.pk, entries=entries, given_by_name=form.cleaned_data["given_by_name"]
            )
        except DomainError as err:
            form.add_error(None, str(err.message))
        except ValidationError as err:
            form.add_error(None, err)
        else:
            return render(request, "orders/feedback_thanks.html", {"order": order})
    days = sorted(set(order.gigs.filter(assignments__status=AssignmentStatus.APPROVED).values_list("date", flat=True)))
    return render(
        request,
        "orders/feedback.html",
        {
            "order": order,
            "form": form,
            "days": days,
            "workers": form.worker_fields(),
            "errors": error_summary(form) if form.is_bound else [],
        },
    )
