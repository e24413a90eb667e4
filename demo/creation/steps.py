"""Each step of an order as one service call at its own moment, so every demo order has the
history the services would have written (who did what, when, in which order)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from demo.creation.clients import CLIENT_LOGINS, CLIENTS, MONTHLY_INVOICING
from demo.creation.context import DemoContext, order_key
from jobcenter.models import User
from orders import services as flow
from orders.accounts import client_contact_account_create
from orders.models import Assignment, ContractType, Gig, InvoicingMode, Order
from orders.services.partners import order_set_employer_partner
from units.models import StaffRole, SupportMode
from workers.models import Worker


@dataclass
class GigPlan:
    """A gig and its crew: (worker key, reported hours, approved hours or None, correction reason,
    accepted and reported by staff on the worker's behalf)."""

    day: int  # relative to today
    start: dt.time
    hours: str
    workers_needed: int
    crew: list[tuple] = field(default_factory=list)
    notes: str = ""


def submit(ctx: DemoContext, key: str, client: str, *, at: dt.datetime, **order_fields) -> Order | None:
    """Submit a demo order once. Returns None when it already exists (seeded before)."""
    submission_key = order_key(key)
    ctx.order_keys.append(submission_key)
    if Order.objects.filter(submission_key=submission_key).exists():
        return None
    task_type = order_fields.pop("task_type")
    request = flow.OrderRequest(**CLIENTS[client], task_type_id=ctx.task_types[task_type].pk, **order_fields)
    with ctx.frozen(at):
        order, _created = flow.order_submit(request=request, submission_key=submission_key)
        if order.contract_type == ContractType.EMPLOYMENT and getattr(ctx, "employer_partner", None):
            # The partner model: the coordinator names the employer (demo.creation.partner_model).
            order = order_set_employer_partner(
                order_id=order.pk, partner_id=ctx.employer_partner.pk, by=ctx.coordinator
            )
    ctx.created += 1
    _client_follow_up(ctx, client, order)
    return order


def _client_follow_up(ctx: DemoContext, client: str, order: Order) -> None:
    """Log-in accounts of two contacts, monthly e-invoicing of the city unit."""
    if client in CLIENT_LOGINS:
        client_contact_account_create(contact=order.contact, password_hash=ctx.password_hash)
    organisation = order.client
    if client in MONTHLY_INVOICING and organisation.invoicing_mode != InvoicingMode.MONTHLY:
        flow.client_billing_update(organisation_id=organisation.pk, invoicing_mode=InvoicingMode.MONTHLY)


def send_terms(ctx: DemoContext, order: Order, at: dt.datetime) -> None:
    with ctx.frozen(at):
        flow.order_send_terms(order_id=order.pk, by=ctx.coordinator)


def accept_terms(ctx: DemoContext, order: Order, at: dt.datetime) -> None:
    order = Order.objects.select_related("terms", "contact").get(pk=order.pk)
    with ctx.frozen(at):
        flow.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name=order.contact.name)


def agree(ctx: DemoContext, order: Order, day: int) -> None:
    """Terms sent in the morning of `day`, accepted by the client the next afternoon."""
    send_terms(ctx, order, ctx.at(day, 9, 15))
    accept_terms(ctx, order, ctx.at(day + 1, 13, 40))


def inform(ctx: DemoContext, order: Order, units: list[str], at: dt.datetime) -> None:
    with ctx.frozen(at):
        flow.order_inform_units(order_id=order.pk, unit_ids=[ctx.units[u].pk for u in units], by=ctx.coordinator)


def gig(ctx: DemoContext, order: Order, plan: GigPlan, at: dt.datetime) -> Gig:
    with ctx.frozen(at):
        return flow.gig_create(
            order_id=order.pk,
            by=ctx.coordinator,
            date=ctx.date(plan.day),
            start_time=plan.start,
            planned_hours=plan.hours,
            workers_needed=plan.workers_needed,
            notes=plan.notes,
        )


def _support_for(ctx: DemoContext, unit_key: str, support: str) -> dict:
    """The unit's job coach goes along where the service's support is "staff along"."""
    person = ctx.staff[(unit_key, StaffRole.JOB_COACH)] if support == SupportMode.STAFF_ALONG else None
    return {"support": support, "support_person_id": person.pk if person else None}


def propose(ctx: DemoContext, gig: Gig, worker_key: str, at: dt.datetime) -> Assignment:
    worker = ctx.workers[worker_key]
    unit_key = ctx.unit_key(worker)
    with ctx.frozen(at):
        return flow.assignment_propose(
            gig_id=gig.pk,
            worker_id=worker.pk,
            by=ctx.staff[(unit_key, StaffRole.INSTRUCTOR)],
            skills_checked=True,
            interest_note=worker.interests_note,
            **_support_for(ctx, unit_key, worker.home_unit.service.default_support),
        )


def propose_group(ctx: DemoContext, gig: Gig, group_name: str, at: dt.datetime) -> list[Assignment]:
    group = ctx.groups[group_name]
    unit_key = next(key for key, unit in ctx.units.items() if unit.pk == group.unit_id)
    with ctx.frozen(at):
        return flow.assignment_propose_group(
            gig_id=gig.pk,
            group_id=group.pk,
            by=ctx.staff[(unit_key, StaffRole.INSTRUCTOR)],
            skills_checked=True,
            **_support_for(ctx, unit_key, group.unit.service.default_support),
        )


def offer(ctx: DemoContext, assignment: Assignment, at: dt.datetime) -> None:
    with ctx.frozen(at):
        flow.assignment_offer(assignment_id=assignment.pk, by=ctx.coordinator)


def _worker_or_staff(ctx: DemoContext, assignment: Assignment, on_behalf: bool) -> User:
    worker = Worker.objects.select_related("user").get(pk=assignment.worker_id)
    if on_behalf:
        return ctx.staff[(ctx.unit_key(worker), StaffRole.JOB_COACH)]
    return worker.user


def accept(ctx: DemoContext, assignment: Assignment, at: dt.datetime, *, on_behalf: bool = False) -> None:
    with ctx.frozen(at):
        flow.assignment_accept(assignment_id=assignment.pk, by=_worker_or_staff(ctx, assignment, on_behalf))


def report(ctx: DemoContext, assignment: Assignment, hours: str, at: dt.datetime, *, on_behalf: bool = False) -> None:
    with ctx.frozen(at):
        flow.assignment_report_done(
            assignment_id=assignment.pk, by=_worker_or_staff(ctx, assignment, on_behalf), hours=hours
        )


def approve(ctx: DemoContext, assignment: Assignment, at: dt.datetime, *, hours=None, reason: str = "") -> None:
    with ctx.frozen(at):
        flow.assignment_approve(assignment_id=assignment.pk, by=ctx.coordinator, hours=hours, reason=reason)


def work(
    ctx: DemoContext,
    order: Order,
    *,
    day: int,
    units: list[str],
    gigs: list[GigPlan],
    approve_hours=True,
    made: list[Gig] | None = None,
):
    """Staff the order from `day` on and, for gigs in the past, do, report and approve the work.

    Crew entries: (worker key, reported hours, approved hours or None, correction reason, on behalf).
    `made`: the plans' gigs when they were entered already (a repeating gig's dates), in plan order.
    """
    inform(ctx, order, units, ctx.at(day, 9, 0))
    if made is not None:
        created = list(zip(gigs, made, strict=True))
    else:
        created = [(plan, gig(ctx, order, plan, ctx.at(day, 9, 30))) for plan in gigs]
    crew = []  # (plan, assignment, reported, approved, reason, on behalf)
    for plan, new_gig in created:
        for worker_key, *rest in plan.crew:
            crew.append((plan, propose(ctx, new_gig, worker_key, ctx.at(day + 1, 10, 0)), *rest))
    for _plan, assignment, *_rest in crew:
        offer(ctx, assignment, ctx.at(day + 1, 14, 0))
    for _plan, assignment, _reported, _approved, _reason, on_behalf in crew:
        accept(ctx, assignment, ctx.at(day + 2, 11, 0), on_behalf=on_behalf)
    done = [entry for entry in crew if entry[0].day < 0]  # gigs still ahead wait for their day
    for plan, assignment, reported, _approved, _reason, on_behalf in done:
        report(ctx, assignment, reported, ctx.at(plan.day, 16, 30), on_behalf=on_behalf)
    for plan, assignment, _reported, approved, reason, _on_behalf in done if approve_hours else ():
        approve(ctx, assignment, ctx.at(plan.day + 1, 10, 15), hours=approved, reason=reason)


def close(ctx: DemoContext, order: Order, at: dt.datetime, note: str) -> None:
    with ctx.frozen(at):
        flow.order_close(order_id=order.pk, by=ctx.coordinator, note=note)
