"""The employer partner's monthly hours report: the approved hours of its partner-model gigs, with
the wage of each work date from the employment price list, per worker and per client.

The partner pays the wages and invoices the clients from this report, so it holds what both need:
each gig's date, client, worker, hours, hourly wage and wage, and the unit's staff member who came
along. Only approved hours are in it (the coordinator's approval is what the partner pays for);
gigs done but not yet approved are counted separately so the partner knows more may come.
The wage is `billing.pricing`'s, rounded per gig as a wage slip line, and sums are sums of gigs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from billing.pricing import ZERO, RateBook, worker_pay
from jobcenter.csv_export import csv_writer, number_cell
from jobcenter.pdf import render_pdf
from orders.models import Assignment, AssignmentStatus, ContractType, EmployerPartner


@dataclass(frozen=True)
class HoursRow:
    date: dt.date
    worker_id: int
    worker_name: str
    client_id: int
    client_name: str
    task: str
    hours: Decimal
    hourly_wage: Decimal | None  # None: no employment price in force on the date
    wage: Decimal | None
    support_person: str


@dataclass
class Subtotal:
    name: str
    gigs: int = 0
    hours: Decimal = ZERO
    wages: Decimal = ZERO


@dataclass
class PartnerHoursReport:
    partner: EmployerPartner
    year: int
    month: int
    rows: list[HoursRow] = field(default_factory=list)
    per_worker: list[Subtotal] = field(default_factory=list)
    per_client: list[Subtotal] = field(default_factory=list)
    not_yet_approved: int = 0
    missing_price: bool = False
    generated_at: dt.datetime | None = None

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def hours(self) -> Decimal:
        return sum((row.hours for row in self.rows), ZERO)

    @property
    def wages(self) -> Decimal:
        return sum((row.wage for row in self.rows if row.wage is not None), ZERO)

    @property
    def worker_ids(self) -> list[int]:
        return list(dict.fromkeys(row.worker_id for row in self.rows))


def _partner_work(partner_id: int, first: dt.date, last: dt.date):
    return Assignment.objects.filter(
        gig__order__employer_partner_id=partner_id,
        gig__order__contract_type=ContractType.EMPLOYMENT,
        gig__date__gte=first,
        gig__date__lte=last,
    )


def partner_hours_report(*, partner: EmployerPartner, year: int, month: int) -> PartnerHoursReport:
    """The report of one month (one query for the work, one each for the price list)."""
    report = PartnerHoursReport(partner=partner, year=year, month=month, generated_at=timezone.now())
    work = (
        _partner_work(partner.pk, report.first_day, report.last_day)
        .filter(status__in=AssignmentStatus.billable_states)
        .select_related("gig__order__client", "gig__order__task_type", "worker__user", "support_person")
        .defer("worker__support_needs")
        .order_by("gig__date", "gig__start_time", "worker__user__last_name", "pk")
    )
    rates = RateBook()
    workers: dict[int, Subtotal] = {}
    clients: dict[int, Subtotal] = {}
    for assignment in work:
        gig, order = assignment.gig, assignment.gig.order
        hourly = rates.worker_hourly_pay(contract_type=ContractType.EMPLOYMENT, day=gig.date)
        wage = worker_pay(assignment.approved_hours, hourly)
        report.missing_price |= wage is None
        row = HoursRow(
            date=gig.date,
            worker_id=assignment.worker_id,
            worker_name=assignment.worker.display_name,
            client_id=order.client_id,
            client_name=order.client.name,
            task=order.task_type.name if order.task_type_id else order.title,
            hours=assignment.approved_hours,
            hourly_wage=hourly,
            wage=wage,
            support_person=assignment.support_person.get_full_name() if assignment.support_person_id else "",
        )
        report.rows.append(row)
        for totals, key, name in ((workers, row.worker_id, row.worker_name), (clients, row.client_id, row.client_name)):
            subtotal = totals.setdefault(key, Subtotal(name=name))
            subtotal.gigs += 1
            subtotal.hours += row.hours
            subtotal.wages += row.wage or ZERO
    report.per_worker = sorted(workers.values(), key=lambda s: s.name.lower())
    report.per_client = sorted(clients.values(), key=lambda s: s.name.lower())
    report.not_yet_approved = (
        _partner_work(partner.pk, report.first_day, report.last_day).filter(status=AssignmentStatus.DONE).count()
    )
    return report


def partner_hours_pdf(report: PartnerHoursReport) -> bytes:
    return render_pdf("billing/partner_hours_pdf.html", {"report": report})


def partner_hours_csv(report: PartnerHoursReport) -> str:
    """One row per gig and worker, then the totals per worker and per client (semicolons, decimal comma)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(
        [
            _("Date"),
            _("Worker"),
            _("Client"),
            _("Task"),
            _("Hours"),
            _("Hourly wage (EUR)"),
            _("Wage (EUR)"),
            _("Supporting staff member"),
        ]
    )
    for row in report.rows:
        writer.writerow(
            [
                row.date.strftime("%d.%m.%Y"),
                row.worker_name,
                row.client_name,
                row.task,
                number_cell(row.hours),
                number_cell(row.hourly_wage) if row.hourly_wage is not None else "",
                number_cell(row.wage) if row.wage is not None else "",
                row.support_person,
            ]
        )
    writer.writerow([])
    writer.writerow([_("Per worker"), "", "", _("Gigs"), _("Hours"), "", _("Wage (EUR)"), ""])
    for subtotal in report.per_worker:
        writer.writerow(
            [subtotal.name, "", "", subtotal.gigs, number_cell(subtotal.hours), "", number_cell(subtotal.wages), ""]
        )
    writer.writerow([])
    writer.writerow([_("Per client"), "", "", _("Gigs"), _("Hours"), "", _("Wage (EUR)"), ""])
    for subtotal in report.per_client:
        writer.writerow(
            [subtotal.name, "", "", subtotal.gigs, number_cell(subtotal.hours), "", number_cell(subtotal.wages), ""]
        )
    writer.writerow([])
    writer.writerow(
        [_("Total"), "", "", len(report.rows), number_cell(report.hours), "", number_cell(report.wages), ""]
    )
    return out.getvalue()
