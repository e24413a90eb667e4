"""The coordinator's dashboard (desktop): the order list, an order's page, and the actions on it.

Every view lets only coordinators and administrators in (`CoordinatorRequiredMixin`), reads through
the scoped selectors and writes through one service call. A refusal (`DomainError`) becomes an error
message and nothing changes; changes are POST-only, and the ones that cannot be undone (cancel,
reject, withdraw) first show a page that asks for the reason.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from billing.selectors import hourly_price_quote
from jobcenter.errors import DomainError
from jobcenter.gates import CoordinatorRequiredMixin
from orders import services
from orders.models import (
    ORDER_GIG_EDITABLE_STATES,
    Assignment,
    AssignmentStatus,
    ContractType,
    Order,
    OrderStatus,
)
from orders.selectors import (
    assignment_get_for,
    order_dashboard_for,
    order_detail_for,
    order_get_for,
    order_history_for,
)
from web.coordinator.forms import (
    ApproveForm,
    FeedbackForm,
    GigForm,
    InformUnitsForm,
    ReasonForm,
    dress_filter_form,
)

PAGE_SIZE = 25

# Where a state's status label takes its colour from (the text says the state; colour only helps).
STATUS_TONES = {
    OrderStatus.SUBMITTED: "alert",
    OrderStatus.TERMS_SENT: "info",
    OrderStatus.TERMS_ACCEPTED: "info",
    OrderStatus.STAFFING: "alert",
    OrderStatus.SCHEDULED: "info",
    OrderStatus.DONE: "alert",
    OrderStatus.APPROVED: "success",
    OrderStatus.INVOICED: "success",
    OrderStatus.CLOSED: "",
    OrderStatus.CANCELLED: "error",
    OrderStatus.REJECTED: "error",
}
ASSIGNMENT_TONES = {
    AssignmentStatus.PROPOSED: "alert",
    AssignmentStatus.OFFERED: "info",
    AssignmentStatus.ACCEPTED: "info",
    AssignmentStatus.DONE: "alert",
    AssignmentStatus.APPROVED: "success",
    AssignmentStatus.DECLINED: "",
    AssignmentStatus.WITHDRAWN: "",
}
INFORM_STATES = frozenset({OrderStatus.TERMS_ACCEPTED, OrderStatus.STAFFING, OrderStatus.SCHEDULED})
CANCEL_STATES = frozenset(
    {
        OrderStatus.SUBMITTED,
        OrderStatus.TERMS_SENT,
        OrderStatus.TERMS_ACCEPTED,
        OrderStatus.STAFFING,
        OrderStatus.SCHEDULED,
    }
)
WITHDRAW_STATES = frozenset({AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED})


# --- Helpers --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    """A button for an order: a POST form (`post=True`) or a link to a page or a part of the order's page."""

    label: str
    url: str
    post: bool = False
    primary: bool = False


def order_actions(order: Order, *, on_detail: bool = False) -> list[Action]:
    """The actions the order's state allows, most likely first. No queries."""
    pk = order.pk
    detail = reverse("coordinator:order", args=[pk])
    status = order.status
    found: list[Action] = []
    if status == OrderStatus.SUBMITTED:
        found.append(
            Action(_("Send terms"), reverse("coordinator:order-send-terms", args=[pk]), post=True, primary=True)
        )
    if status == OrderStatus.TERMS_SENT:
        found.append(Action(_("Send terms again"), reverse("coordinator:order-send-terms", args=[pk]), post=True))
    if status in INFORM_STATES:
        found.append(Action(_("Inform units"), f"{detail}#inform-units", primary=status == OrderStatus.TERMS_ACCEPTED))
    if status in ORDER_GIG_EDITABLE_STATES:
        found.append(Action(_("Add a gig"), f"{detail}#add-gig"))
    if status in {OrderStatus.STAFFING, OrderStatus.SCHEDULED, OrderStatus.DONE} and not on_detail:
        found.append(Action(_("Workers and hours"), f"{detail}#gigs", primary=status == OrderStatus.DONE))
    if status in {OrderStatus.APPROVED, OrderStatus.INVOICED}:
        found.append(Action(_("Request feedback"), reverse("coordinator:order-request-feedback", args=[pk]), post=True))
    if status == OrderStatus.APPROVED:
        found.append(
            Action(_("Mark invoiced"), reverse("coordinator:order-mark-invoiced", args=[pk]), post=True, primary=True)
        )
    if status == OrderStatus.INVOICED:
        found.append(
            Action(_("Close the order"), reverse("coordinator:order-close", args=[pk]), post=True, primary=True)
        )
    if status in {OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT}:
        found.append(Action(_("Reject…"), reverse("coordinator:order-reject", args=[pk])))
    if status in CANCEL_STATES:
        found.append(Action(_("Cancel…"), reverse("coordinator:order-cancel", args=[pk])))
    return found


def _back(request: HttpRequest, default: str) -> str:
    """The page to return to: a safe `next` (e.g. the filtered list), or `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _order_url(order_or_pk, anchor: str = "") -> str:
    pk = getattr(order_or_pk, "pk", order_or_pk)
    url = reverse("coordinator:order", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def _query(request: HttpRequest, **changes) -> str:
    """The current filters with some parameters changed ("" or None drops one), as `?a=b`."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in ("", None):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


class CountedPaginator(Paginator):
    """A paginator told its count (the dashboard sums its state counts): no second COUNT query."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


class CoordinatorView(CoordinatorRequiredMixin, View):
    """Base of the dashboard's views: coordinators only, never cached."""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


# --- The order list -------------------------------------------------------------------------------
class DashboardView(CoordinatorView):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        board = order_dashboard_for(user=request.user, filters=request.GET)
        # Dressed before `board.orders` validates the form: its widgets read the query (one state at a time).
        form = dress_filter_form(board.form, status_choices=OrderStatus.choices)
        selected = [s for s in request.GET.getlist("status") if s in OrderStatus.values]
        current = selected[0] if len(selected) == 1 else ""
        tabs = [
            {
                "label": _("All"),
                "count": board.total,
                "url": _query(request, status=None, page=None),
                "current": not selected,
            }
        ] + [
            {
                "label": label,
                "count": board.counts[value],
                "url": _query(request, status=value, page=None),
                "current": value == current,
            }
            for value, label in OrderStatus.choices
        ]
        page = CountedPaginator(board.orders, PAGE_SIZE, count=board.count).get_page(request.GET.get("page"))
        for order in page.object_list:
            order.actions = order_actions(order)
            order.tone = STATUS_TONES.get(order.status, "")
        pages = [
            {"number": number, "url": _query(request, page=number), "current": number == page.number}
            if isinstance(number, int)
            else {"ellipsis": True}
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ]
        filtered = any(
            request.GET.get(name)
            for name in ("q", "client", "client_name", "service", "unit", "date_from", "date_to", "task_type")
        )
        context = {
            "form": form,
            "tabs": tabs,
            "current_status": current,
            "current_label": OrderStatus(current).label if current else "",
            "page": page,
            "pages": pages,
            "prev_url": _query(request, page=page.previous_page_number()) if page.has_previous() else "",
            "next_url": _query(request, page=page.next_page_number()) if page.has_next() else "",
            "filtered": filtered,
            "chosen_client": board.client,
            "remove_client_url": _query(request, client=None, page=None),
            "clear_url": _query(request, q=None, client=None, client_name=None, service=None, unit=None,
                                date_field=None, date_from=None, date_to=None, task_type=None, page=None),
        }  # fmt: skip
        return render(request, "coordinator/dashboard.html", context)


# --- An order's page ------------------------------------------------------------------------------
def _price(order: Order):
    """The client's hourly price on the first gig's day (or the preferred start, or today)."""
    day = getattr(order, "first_gig_date", None) or order.preferred_start or timezone.localdate()
    try:
        return hourly_price_quote(contract_type=order.contract_type, day=day)
    except DomainError:
        return None


def _unit_groups(order: Order, form: InformUnitsForm) -> list[dict]:
    """Active units by service; each says whether (when, by whom) it was informed of the order."""
    informed = {notice.unit_id: notice for notice in order.unit_notices.all()}
    chosen = {str(value) for value in (form.data.getlist("units") if form.is_bound else [])}
    units = list(form.fields["units"].queryset)
    return [
        {
            "service": service,
            "units": [{"unit": u, "notice": informed.get(u.pk), "checked": str(u.pk) in chosen} for u in group],
        }
        for service, group in itertools.groupby(units, key=lambda u: u.service)
    ]


def _dress_assignment(assignment: Assignment, form: ApproveForm | None = None) -> Assignment:
    assignment.tone = ASSIGNMENT_TONES.get(assignment.status, "")
    assignment.can_withdraw = assignment.status in WITHDRAW_STATES
    if assignment.status == AssignmentStatus.DONE:
        assignment.approve_form = form or ApproveForm(
            auto_id=f"approve-{assignment.pk}-%s", initial={"hours": formats.localize_input(assignment.reported_hours)}
        )
    try:
        assignment.the_feedback = assignment.feedback
    except Assignment.feedback.RelatedObjectDoesNotExist:
        assignment.the_feedback = None
    return assignment


class OrderDetailView(CoordinatorView):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_detail_for(user=request.user, pk=pk)
        return render(request, "coordinator/order_detail.html", order_page_context(request, order))


# Assignments whose worker is still deciding or going: the ones the foresight is about.
FORESIGHT_STATES = frozenset({AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED})


def _attach_benefit_foresight(request: HttpRequest, order: Order, gigs: list) -> None:
    """Each coming assignment gets `benefits` (the foresight as far as the worker's consent lets the
    coordinator see it) and `commission_explained`, in a constant number of queries."""
    from benefits.models import CommissionWorkExplanation
    from benefits.selectors import foresight_for_viewer_pairs

    pairs = [(a.worker, gig) for gig in gigs for a in gig.rows if a.status in FORESIGHT_STATES]
    if not pairs:
        return
    found = foresight_for_viewer_pairs(user=request.user, pairs=pairs, path=request.path)
    explained = set()
    if order.contract_type == ContractType.COMMISSION:
        explained = set(
            CommissionWorkExplanation.objects.filter(assignment__gig__order=order).values_list(
                "assignment_id", flat=True
            )
        )
    for gig in gigs:
        for a in gig.rows:
            a.benefits = found.get((a.worker_id, gig.pk))
            a.commission_explained = a.pk in explained


def order_page_context(request: HttpRequest, order: Order, *, gig_form: GigForm | None = None) -> dict:
    gigs = list(order.gigs.all())
    for gig in gigs:
        gig.rows = [_dress_assignment(a) for a in gig.assignments.all()]
    approved = [a for gig in gigs for a in gig.rows if a.status == AssignmentStatus.APPROVED]
    _attach_benefit_foresight(request, order, gigs)
    inform_form = InformUnitsForm(auto_id="inform-%s")
    return {
        "order": order,
        "tone": STATUS_TONES.get(order.status, ""),
        "actions": order_actions(order, on_detail=True),
        "gigs": gigs,
        "approved": approved,
        "notices": list(order.unit_notices.all()),
        "can_inform": order.status in INFORM_STATES,
        "unit_groups": _unit_groups(order, inform_form) if order.status in INFORM_STATES else [],
        "can_add_gig": order.status in ORDER_GIG_EDITABLE_STATES,
        "gig_form": gig_form or GigForm(auto_id="gig-%s"),
        "history": order_history_for(user=request.user, order=order),
        "price": _price(order),
        "can_request_feedback": order.status in services.FEEDBACK_STATES,
    }


# --- Order actions --------------------------------------------------------------------------------
class OrderPostAction(CoordinatorView):
    """A one-click change of the order: POST → service → message → back where the user was."""

    http_method_names = ["post"]

    def call(self, request: HttpRequest, order: Order) -> str:
        """Run the service; return the success message."""
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        try:
            done = self.call(request, order)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, done)
        return redirect(_back(request, _order_url(order)))


class SendTermsView(OrderPostAction):
    def call(self, request, order):
        services.order_send_terms(order_id=order.pk, by=request.user)
        return _("Order %(number)s: the terms were sent to %(email)s.") % {
            "number": order.number,
            "email": order.contact.email,
        }


class RequestFeedbackView(OrderPostAction):
    def call(self, request, order):
        services.order_request_feedback(order_id=order.pk, by=request.user)
        return _("Order %(number)s: feedback was asked for from %(email)s.") % {
            "number": order.number,
            "email": order.contact.email,
        }


class MarkInvoicedView(OrderPostAction):
    def call(self, request, order):
        services.order_mark_invoiced(order_id=order.pk, by=request.user)
        return _("Order %(number)s is marked invoiced.") % {"number": order.number}


class CloseView(OrderPostAction):
    def call(self, request, order):
        services.order_close(order_id=order.pk, by=request.user)
        return _("Order %(number)s is closed.") % {"number": order.number}


class ReasonConfirmView(CoordinatorView):
    """A confirmation page that asks for the reason, then calls the service (GET shows, POST does)."""

    http_method_names = ["get", "post"]
    title = ""
    intro = ""
    submit_label = ""

    def get_object(self, request, pk):
        raise NotImplementedError

    def order_of(self, obj) -> Order:
        return obj

    def call(self, request, obj, reason: str) -> str:
        raise NotImplementedError

    def render_page(self, request, obj, form, status=200):
        order = self.order_of(obj)
        context = {
            "obj": obj,
            "order": order,
            "form": form,
            "title": self.title,
            "intro": self.intro,
            "submit_label": self.submit_label,
            "back_url": _back(request, _order_url(order)),
            "next": request.POST.get("next") or request.GET.get("next") or "",
        }
        return render(request, "coordinator/confirm.html", context, status=status)

    def get(self, request, pk):
        obj = self.get_object(request, pk)
        return self.render_page(request, obj, ReasonForm(auto_id="confirm-%s"))

    def post(self, request, pk):
        obj = self.get_object(request, pk)
        form = ReasonForm(request.POST, auto_id="confirm-%s")
        if not form.is_valid():
            return self.render_page(request, obj, form)
        order = self.order_of(obj)
        try:
            done = self.call(request, obj, form.cleaned_data["reason"])
        except DomainError as err:
            messages.error(request, err.message)
            return redirect(_order_url(order))
        messages.success(request, done)
        return redirect(_back(request, _order_url(order)))


class RejectView(ReasonConfirmView):
    title = gettext_lazy("Reject the request")
    intro = gettext_lazy(
        "The request is turned down and nobody works on it. Write why; the reason is kept in the history."
    )
    submit_label = gettext_lazy("Reject the request")

    def get_object(self, request, pk):
        return order_get_for(user=request.user, pk=pk)

    def call(self, request, order, reason):
        services.order_reject(order_id=order.pk, by=request.user, reason=reason)
        return _("Order %(number)s was rejected.") % {"number": order.number}


class CancelView(ReasonConfirmView):
    title = gettext_lazy("Cancel the order")
    intro = gettext_lazy(
        "The order is cancelled and the workers proposed, offered or accepted for it are taken off its gigs. "
        "Write why; the reason is kept in the history."
    )
    submit_label = gettext_lazy("Cancel the order")

    def get_object(self, request, pk):
        return order_get_for(user=request.user, pk=pk)

    def call(self, request, order, reason):
        services.order_cancel(order_id=order.pk, by=request.user, reason=reason)
        return _("Order %(number)s was cancelled.") % {"number": order.number}


class InformUnitsView(CoordinatorView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        form = InformUnitsForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(_order_url(order, "inform-units"))
        units = list(form.cleaned_data["units"])
        try:
            services.order_inform_units(order_id=order.pk, unit_ids=[u.pk for u in units], by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _("Units informed of order %(number)s: %(units)s.")
                % {"number": order.number, "units": ", ".join(u.name for u in units)},
            )
        return redirect(_order_url(order, "inform-units"))


class GigAddView(CoordinatorView):
    """The gig form: on the order's page, and on a page of its own when it needs correcting."""

    http_method_names = ["get", "post"]

    def page(self, request, order, form):
        return render(request, "coordinator/gig_add.html", {"order": order, "gig_form": form})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        return self.page(request, order, GigForm(auto_id="gig-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        form = GigForm(request.POST, auto_id="gig-%s")
        if not form.is_valid():
            return self.page(request, order, form)
        try:
            gig = services.gig_create(order_id=order.pk, by=request.user, **form.cleaned_data)
        except DomainError as err:
            messages.error(request, err.message)
            return self.page(request, order, form)
        except ValidationError as err:
            for message in err.messages:
                messages.error(request, message)
            return self.page(request, order, form)
        messages.success(
            request,
            _("A gig on %(date)s was added to order %(number)s.")
            % {"date": gig.date.strftime("%d.%m.%Y"), "number": order.number},
        )
        return redirect(_order_url(order, "gigs"))


# --- Assignment actions ---------------------------------------------------------------------------
def _assignment_url(assignment: Assignment) -> str:
    return _order_url(assignment.gig.order_id, f"assignment-{assignment.pk}")


class OfferView(CoordinatorView):
    """Pass a proposed worker on: the gig is offered to them."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        try:
            services.assignment_offer(assignment_id=assignment.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request, _("The gig was offered to %(worker)s.") % {"worker": assignment.worker.display_name}
            )
        return redirect(_assignment_url(assignment))


class ApproveView(CoordinatorView):
    """Approve done work, with corrected hours and a reason if needed.

    With htmx the answer is the assignment's updated table row (and the messages, swapped into the
    page's status area); without JavaScript a redirect back to the row.
    """

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        status_before = assignment.gig.order.status
        form = ApproveForm(request.POST, auto_id=f"approve-{assignment.pk}-%s")
        error = ""
        if form.is_valid():
            try:
                services.assignment_approve(
                    assignment_id=assignment.pk,
                    by=request.user,
                    hours=form.cleaned_data["hours"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as err:
                error = str(err.message)
        else:
            error = _("Check the hours and the reason.")
        if error:
            messages.error(request, error)
        if not request.htmx:
            if not error:
                assignment.refresh_from_db(fields=["approved_hours"])
                messages.success(request, self.done_message(assignment))
            return redirect(_assignment_url(assignment))
        assignment = assignment_get_for(user=request.user, pk=pk)
        if not error:
            messages.success(request, self.done_message(assignment))
        order = assignment.gig.order
        context = {
            "a": _dress_assignment(assignment, form=form if error else None),
            "row_error": error,
            "order": order,
            "order_changed": order.status != status_before,
            "tone": STATUS_TONES.get(order.status, ""),
            "actions": order_actions(order, on_detail=True),
        }
        return render(request, "coordinator/_assignment_row_htmx.html", context)

    @staticmethod
    def done_message(assignment: Assignment) -> str:
        return _("%(worker)s: %(hours)s hours approved.") % {
            "worker": assignment.worker.display_name,
            "hours": assignment.approved_hours,
        }


class WithdrawView(ReasonConfirmView):
    title = gettext_lazy("Take the worker off the gig")
    intro = gettext_lazy(
        "The worker is taken off the gig and the place is free again. Write why; the reason is kept in the history."
    )
    submit_label = gettext_lazy("Take off the gig")

    def get_object(self, request, pk):
        return assignment_get_for(user=request.user, pk=pk)

    def order_of(self, assignment):
        return assignment.gig.order

    def call(self, request, assignment, reason):
        services.assignment_withdraw(assignment_id=assignment.pk, by=request.user, reason=reason)
        return _("%(worker)s was taken off the gig.") % {"worker": assignment.worker.display_name}


class FeedbackRecordView(CoordinatorView):
    """Record feedback the client gave by phone or email, for one worker's approved work."""

    http_method_names = ["get", "post"]

    def page(self, request, assignment, form):
        context = {"a": assignment, "order": assignment.gig.order, "form": form}
        return render(request, "coordinator/feedback_record.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        return self.page(request, assignment, FeedbackForm(auto_id="feedback-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        form = FeedbackForm(request.POST, auto_id="feedback-%s")
        if not form.is_valid():
            return self.page(request, assignment, form)
        try:
            services.feedback_record(assignment_id=assignment.pk, by=request.user, **form.cleaned_data)
        except DomainError as err:
            messages.error(request, err.message)
            return redirect(_assignment_url(assignment))
        messages.success(
            request, _("Feedback for %(worker)s was recorded.") % {"worker": assignment.worker.display_name}
        )
        return redirect(_order_url(assignment.gig.order_id, "feedback"))


dashboard = DashboardView.as_view()
