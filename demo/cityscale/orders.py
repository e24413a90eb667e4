"""Orders with their history, unit notices, gigs, assignments and feedback, consistent with the
state machines (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from demo.cityscale.base import (
    FUTURE_DAYS,
    HISTORY_DAYS,
    GeneratorBase,
)
from demo.cityscale.words import (
    FEEDBACK_TEXTS,
    STREETS,
    TITLES,
)
from orders.models import (
    Assignment,
    AssignmentStatus,
    AssignmentStatusChange,
    ContractType,
    Feedback,
    FeedbackSource,
    Gig,
    Order,
    OrderStatus,
    OrderStatusChange,
    OrderUnitNotice,
)
from units.models import SupportMode


class OrdersMixin(GeneratorBase):
    """Orders in every state, oldest first, and what each state implies."""

    def plan_orders(self) -> list[tuple[dict, dt.date, str]]:
        """(client, first work day, state) per order. The previous month has an order of every client."""
        rng = self.rng
        n_orders = self.n("orders", len(self.clients) + 5)
        plans = []
        month_days = (self.prev_month_end - self.prev_month_start).days
        for client in self.clients:  # the month-end run has work for every client
            day = self.prev_month_start + dt.timedelta(days=rng.randrange(0, max(1, month_days - 5)))
            plans.append((client, day, OrderStatus.APPROVED))
        span = HISTORY_DAYS + FUTURE_DAYS
        for _ in range(n_orders - len(plans)):
            # A fifth of the orders come from the busiest twentieth of the clients (a few a month each).
            busy = self.clients[: max(1, len(self.clients) // 20)]
            client = rng.choice(busy) if rng.random() < 0.2 else rng.choice(self.clients)
            day = self.today - dt.timedelta(days=HISTORY_DAYS) + dt.timedelta(days=rng.randrange(0, span))
            plans.append((client, day, self.state_for(day)))
        plans.sort(key=lambda p: p[1])
        return plans

    def state_for(self, day: dt.date) -> str:
        r = self.rng.random()
        if day < self.prev_month_start:
            if r < 0.05:
                return OrderStatus.CANCELLED
            if r < 0.08:
                return OrderStatus.REJECTED
            recent = day >= self.prev_month_start - dt.timedelta(days=60)
            return OrderStatus.INVOICED if recent and r < 0.6 else OrderStatus.CLOSED
        if day <= self.prev_month_end:
            return OrderStatus.APPROVED
        if day < self.today - dt.timedelta(days=3):
            return OrderStatus.APPROVED if r < 0.5 else OrderStatus.DONE
        if day < self.today:
            return OrderStatus.DONE if r < 0.7 else OrderStatus.SCHEDULED
        for share, state in (
            (0.10, OrderStatus.SUBMITTED),
            (0.18, OrderStatus.TERMS_SENT),
            (0.26, OrderStatus.TERMS_ACCEPTED),
            (0.66, OrderStatus.STAFFING),
            (0.95, OrderStatus.SCHEDULED),
        ):
            if r < share:
                return state
        return OrderStatus.CANCELLED

    PATH = [
        OrderStatus.SUBMITTED,
        OrderStatus.TERMS_SENT,
        OrderStatus.TERMS_ACCEPTED,
        OrderStatus.STAFFING,
        OrderStatus.SCHEDULED,
        OrderStatus.DONE,
        OrderStatus.APPROVED,
        OrderStatus.INVOICED,
        OrderStatus.CLOSED,
    ]

    def seed_orders(self) -> None:
        rng = self.rng
        orders = self.t(Order)
        history = self.t(OrderStatusChange)
        notices = self.t(OrderUnitNotice)
        assignments = self.t(Assignment)
        feedback = self.t(Feedback)
        self.to_invoice: list[dict] = []  # invoiced or closed orders with their approved hours per date
        self.commission_work: dict[int, list] = defaultdict(list)  # worker -> paid work (for payouts)
        unit_weights = [5.0] + [1.0] * (len(self.units) - 1)  # the big unit is informed of more orders
        coordinator = self.coordinators
        for client, first_day, state in self.plan_orders():
            task = rng.choice(self.task_types)
            contract = ContractType.COMMISSION if rng.random() < 0.75 else ContractType.EMPLOYMENT
            created_day = first_day - dt.timedelta(days=rng.randrange(5, 30))
            created = self.at(created_day, rng.randrange(7, 20), rng.randrange(0, 60))
            hours_each = Decimal(rng.choice(["2.00", "3.00", "3.50", "4.00", "5.00", "6.00"]))
            n_gigs_planned = rng.choices([1, 2, 3, 4, 5, 6, 7, 8], weights=[14, 15, 16, 16, 14, 11, 8, 6])[0]
            workers_needed = rng.choices([1, 2, 3], weights=[40, 40, 20])[0]
            path = self.PATH[: self.PATH.index(state) + 1] if state in self.PATH else None
            if state in (OrderStatus.CANCELLED, OrderStatus.REJECTED):
                stop = OrderStatus.SUBMITTED if state == OrderStatus.REJECTED else rng.choice(self.PATH[:4])
                path = self.PATH[: self.PATH.index(stop) + 1] + [state]
            reached = set(path)
            # Times of each step.
            step_at = {}
            moment = created
            for step in path:
                step_at[step] = moment
                moment = moment + dt.timedelta(hours=rng.randrange(2, 60))
            accepted = OrderStatus.TERMS_ACCEPTED in reached
            contact = rng.choice(client["contacts"])
            contact_name = None
            title = rng.choice(TITLES.get(self.task_codes[task.pk], [task.name_fi]))
            order_id = orders.add(
                client_id=client["id"],
                contact_id=contact,
                task_type_id=task.pk,
                title=title,
                description=f"{title}: {rng.choice(['noin', 'arviolta', 'n.'])} {hours_each} tuntia kerrallaan.",
                orientation=rng.choice(["", "Perehdytys paikan päällä.", "Ohjeet ovella."]),
                street_address=f"{rng.choice(STREETS)} {rng.randrange(1, 150)}",
                postal_code=f"00{rng.randrange(100, 990):03d}",
                city="Helsinki",
                preferred_start=first_day,
                preferred_end=first_day + dt.timedelta(days=14),
                estimated_hours=hours_each * n_gigs_planned,
                hours_indicative=True,
                workers_needed=workers_needed,
                tools_provided=rng.random() < 0.5,
                contract_type=contract,
                client_reference=f"PO-{rng.randrange(1000, 99999)}" if rng.random() < 0.3 else "",
                language=client["language"],
                status=state,
                submitted_at=created,
                submission_key=None,
                terms_id=self.terms_on(step_at[OrderStatus.TERMS_ACCEPTED].date()) if accepted else None,
                terms_sent_at=step_at.get(OrderStatus.TERMS_SENT),
                terms_accepted_at=step_at.get(OrderStatus.TERMS_ACCEPTED),
                terms_accepted_by_id=contact if accepted else None,
                terms_accepted_name=contact_name or ("Yhteyshenkilö" if accepted else ""),
                closed_reason="Tilaaja perui."
                if state == OrderStatus.CANCELLED
                else "Ei sopiva tehtävä."
                if state == OrderStatus.REJECTED
                else "",
                feedback_requested_at=step_at.get(OrderStatus.APPROVED)
                if state in OrderStatus.invoiced_states
                else None,
                created_at=created,
                updated_at=moment,
            )
            previous = ""
            for step in path:
                by = None if step in (OrderStatus.SUBMITTED, OrderStatus.TERMS_ACCEPTED) else rng.choice(coordinator)
                history.add(
                    order_id=order_id, from_status=previous, to_status=step, by_id=by, note="", at=step_at[step]
                )
                previous = step
            # Units informed (from staffing on; the order goes to staffing when units are informed).
            if OrderStatus.STAFFING not in reached:
                if state == OrderStatus.TERMS_ACCEPTED and rng.random() < 0.5:
                    self.add_gigs(order_id, first_day, n_gigs_planned, hours_each, workers_needed, step_at[state], [])
                continue
            informed_at = step_at[OrderStatus.STAFFING]
            chosen = set()
            for _ in range(rng.choices([1, 2, 3], weights=[50, 35, 15])[0]):
                chosen.add(rng.choices(range(len(self.units)), weights=unit_weights)[0])
            units = [self.units[i] for i in sorted(chosen)]
            for unit in units:
                notices.add(
                    order_id=order_id,
                    unit_id=unit["id"],
                    informed_at=informed_at,
                    informed_by_id=rng.choice(coordinator),
                )
            if state == OrderStatus.CANCELLED:
                continue
            gig_rows = self.add_gigs(
                order_id, first_day, n_gigs_planned, hours_each, workers_needed, informed_at, units
            )
            # Assignments per gig, consistent with the order's state.
            pool = [w for unit in units for w in unit["workers"]]
            dated_hours: dict[dt.date, list] = defaultdict(lambda: [Decimal("0"), set()])
            for gig_id, gig_date, planned, needed in gig_rows:
                picked = rng.sample(pool, min(len(pool), needed + (1 if rng.random() < 0.25 else 0)))
                for k, worker_id in enumerate(picked):
                    filler = k < needed
                    status = self.assignment_state(state, filler)
                    w = self.workers[worker_id]
                    unit_staff = self.units_by_id[w["unit"]]["staff"]
                    proposed_at = informed_at + dt.timedelta(hours=rng.randrange(1, 48))
                    reported = approved = None
                    reported_at = approved_at = None
                    if status in (AssignmentStatus.DONE, AssignmentStatus.APPROVED):
                        reported = planned if rng.random() < 0.8 else planned + Decimal("0.50")
                        reported_at = self.at(gig_date, 16)
                    if status == AssignmentStatus.APPROVED:
                        approved = reported
                        approved_at = self.at(gig_date + dt.timedelta(days=2), 11)
                    support = self.service_support[self.units_by_id[w["unit"]]["service"]]
                    aid = assignments.add(
                        gig_id=gig_id,
                        worker_id=worker_id,
                        proposed_by_id=rng.choice(unit_staff),
                        unit_id=w["unit"],
                        support=support,
                        support_person_id=rng.choice(unit_staff) if support == SupportMode.STAFF_ALONG else None,
                        skills_checked=True,
                        interest_note="",
                        status=status,
                        reported_hours=reported,
                        reported_at=reported_at,
                        approved_hours=approved,
                        approved_at=approved_at,
                        approved_by_id=rng.choice(coordinator) if approved else None,
                        created_at=proposed_at,
                        updated_at=approved_at or reported_at or proposed_at,
                    )
                    self.assignment_history(aid, status, proposed_at, gig_date, unit_staff, w["user"])
                    if status == AssignmentStatus.APPROVED:
                        dated_hours[gig_date][0] += approved
                        dated_hours[gig_date][1].add(worker_id)
                        if contract == ContractType.COMMISSION:
                            self.commission_work[worker_id].append((aid, gig_date, approved, title))
                        if state in OrderStatus.invoiced_states and rng.random() < 0.4:
                            feedback.add(
                                assignment_id=aid,
                                rating=rng.choices([3, 4, 5], weights=[10, 40, 50])[0],
                                text=rng.choice(FEEDBACK_TEXTS),
                                source=FeedbackSource.CLIENT_LINK,
                                given_by_name="Yhteyshenkilö",
                                created_at=approved_at + dt.timedelta(days=3),
                                updated_at=approved_at + dt.timedelta(days=3),
                            )
            if state in OrderStatus.invoiced_states and dated_hours:
                self.to_invoice.append(
                    {
                        "order": order_id,
                        "client": client,
                        "contract": contract,
                        "task": task,
                        "title": title,
                        "reference": "",
                        "last_day": max(dated_hours),
                        "days": sorted((d, h, len(ws)) for d, (h, ws) in dated_hours.items()),
                        "invoiced_at": step_at[OrderStatus.INVOICED],
                        "closed": state == OrderStatus.CLOSED,
                    }
                )
            if len(orders.rows) >= 20_000:
                self.flush_orders()
        self.flush_orders()

    def flush_orders(self) -> None:
        for model in (Order, OrderStatusChange, OrderUnitNotice, Gig, Assignment, AssignmentStatusChange, Feedback):
            written = self.t(model).write()
            self.counts[model._meta.model_name] = self.counts.get(model._meta.model_name, 0) + written
        self.log("orders so far: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))

    def add_gigs(self, order_id, first_day, n_gigs, hours, needed, at, units) -> list[tuple]:
        rng = self.rng
        rows = []
        # Work of the previous month stays in it; future work stays in the future; past work in the past.
        if first_day <= self.prev_month_end and first_day >= self.prev_month_start:
            limit = self.prev_month_end
        elif first_day < self.today:
            limit = self.today - dt.timedelta(days=1)
        else:
            limit = first_day + dt.timedelta(days=30)
        days = sorted({min(limit, first_day + dt.timedelta(days=rng.randrange(0, 14))) for _ in range(n_gigs)})
        for day in days:
            gig_id = self.t(Gig).add(
                order_id=order_id,
                date=day,
                start_time=dt.time(rng.choice([8, 9, 10, 12, 13]), rng.choice([0, 30])),
                planned_hours=hours,
                workers_needed=needed,
                notes="",
                created_at=at,
                updated_at=at,
            )
            rows.append((gig_id, day, hours, needed))
        return rows

    def assignment_state(self, order_state: str, filler: bool) -> str:
        rng = self.rng
        if not filler:
            return rng.choice([AssignmentStatus.DECLINED, AssignmentStatus.WITHDRAWN])
        if order_state in (OrderStatus.APPROVED, OrderStatus.INVOICED, OrderStatus.CLOSED):
            return AssignmentStatus.APPROVED
        if order_state == OrderStatus.DONE:
            return AssignmentStatus.DONE if rng.random() < 0.7 else AssignmentStatus.APPROVED
        if order_state == OrderStatus.SCHEDULED:
            return AssignmentStatus.ACCEPTED
        return rng.choice([AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED])

    ASSIGNMENT_PATHS = {
        AssignmentStatus.PROPOSED: [AssignmentStatus.PROPOSED],
        AssignmentStatus.OFFERED: [AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED],
        AssignmentStatus.ACCEPTED: [AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED],
        AssignmentStatus.DECLINED: [AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.DECLINED],
        AssignmentStatus.WITHDRAWN: [AssignmentStatus.PROPOSED, AssignmentStatus.WITHDRAWN],
        AssignmentStatus.DONE: [
            AssignmentStatus.PROPOSED,
            AssignmentStatus.OFFERED,
            AssignmentStatus.ACCEPTED,
            AssignmentStatus.DONE,
        ],
        AssignmentStatus.APPROVED: [
            AssignmentStatus.PROPOSED,
            AssignmentStatus.OFFERED,
            AssignmentStatus.ACCEPTED,
            AssignmentStatus.DONE,
            AssignmentStatus.APPROVED,
        ],
    }

    def assignment_history(self, aid, status, proposed_at, gig_date, unit_staff, worker_user) -> None:
        rng = self.rng
        previous = ""
        moment = proposed_at
        for step in self.ASSIGNMENT_PATHS[status]:
            on_behalf = False
            if step == AssignmentStatus.PROPOSED:
                by = rng.choice(unit_staff)
            elif step in (AssignmentStatus.OFFERED, AssignmentStatus.APPROVED, AssignmentStatus.WITHDRAWN):
                by = rng.choice(self.coordinators)
            else:  # the worker, or staff for them
                on_behalf = rng.random() < 0.2
                by = rng.choice(unit_staff) if on_behalf else worker_user
            if step == AssignmentStatus.DONE:
                moment = self.at(gig_date, 16)
            elif step == AssignmentStatus.APPROVED:
                moment = self.at(gig_date + dt.timedelta(days=2), 11)
            self.t(AssignmentStatusChange).add(
                assignment_id=aid,
                from_status=previous,
                to_status=step,
                by_id=by,
                on_behalf=on_behalf,
                note="",
                at=moment,
            )
            previous = step
            moment = moment + dt.timedelta(hours=rng.randrange(1, 20))
