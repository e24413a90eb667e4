"""`manage.py seed_demo`: a demo that looks like the pilot (2020–2022), with a login for every role.

Idempotent: every step is get-or-create (users by email, services by kind, units by name, workers by
user, orders by a fixed submission key), so a second run changes nothing and prints the same logins.

Orders are built only through `orders.services`, step by step, so each has a consistent history.
Work done in the past is entered with the clock frozen (freezegun) at the moment each step happened,
because the services refuse gigs dated in the past and "done" reports before the gig's day.

All addresses are on `.example` domains (RFC 2606): the emails the services queue can never reach a
real mailbox. The command refuses to run with DEBUG off unless `--force` is given, because it
creates a superuser with a published password.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from jobcenter.errors import DomainError
from jobcenter.models import OutboundEmail, User
from jobcenter.roles import Role
from jobcenter.services import client_contact_account_create, coordinator_grant, user_create
from orders import services as flow
from orders.models import (
    Assignment,
    ClientType,
    ContractType,
    Gig,
    InvoicingMode,
    Order,
    OrderStatus,
    TaskType,
)
from units.models import ServiceKind, StaffRole, SupportMode, Unit, WorkActivityService
from units.services import unit_create, unit_membership_add, work_activity_service_create
from workers.models import Worker, WorkerGroup
from workers.services import worker_create, worker_group_create

DEMO_PASSWORD = "jobcenter-demo"  # noqa: S105 - the demo's published password, printed by `make run`
# Staff log in with a password and TOTP (TRUST.md AUTH-1). Every demo staff account (administrator,
# coordinator, all unit staff) has an authenticator with this published secret: add it to an
# authenticator app, or print the current code with `manage.py seed_demo --totp-code`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - the demo's published TOTP secret (see above)
# Days before today when the demo's units, staff and workers were entered (the first order is at -70).
PEOPLE_SINCE_DAY = -90
# Fixed namespace: the same demo order always gets the same submission key.
DEMO_NAMESPACE = uuid.UUID("6c1f5d0e-2b7a-4c36-9a51-0d3f8e8b7c21")

ADMIN_EMAIL = "admin@jobcenter.example"
COORDINATOR_EMAIL = "koordinaattori@jobcenter.example"

SERVICES = [
    # kind, name, default support, time-limited
    (ServiceKind.DISABILITY, "Vammaisten työtoiminta", SupportMode.STAFF_ALONG, False),
    (ServiceKind.ADULT_SOCIAL_WORK, "Aikuissosiaalityön kuntouttava työtoiminta", SupportMode.PHONE, True),
]

UNITS = [
    # key, service kind, name, street, postal code, phone, email
    (
        "vallila",
        ServiceKind.DISABILITY,
        "Vallila",
        "Hämeentie 105",
        "00550",
        "09 310 40100",
        "vallila@jobcenter.example",
    ),
    (
        "toolo",
        ServiceKind.DISABILITY,
        "Töölö",
        "Topeliuksenkatu 41",
        "00250",
        "09 310 40200",
        "toolo@jobcenter.example",
    ),
    (
        "uusix",
        ServiceKind.ADULT_SOCIAL_WORK,
        "Uusix-verstas",
        "Kaasutehtaankatu 1",
        "00540",
        "09 310 40300",
        "uusix@jobcenter.example",
    ),
]

STAFF = [
    # unit, role, first name, last name
    ("vallila", StaffRole.INSTRUCTOR, "Maija", "Virtanen"),
    ("vallila", StaffRole.JOB_COACH, "Juha", "Mäkinen"),
    ("vallila", StaffRole.UNIT_MANAGER, "Anne", "Korhonen"),
    ("toolo", StaffRole.INSTRUCTOR, "Sari", "Nieminen"),
    ("toolo", StaffRole.JOB_COACH, "Timo", "Hämäläinen"),
    ("toolo", StaffRole.UNIT_MANAGER, "Päivi", "Laine"),
    ("uusix", StaffRole.INSTRUCTOR, "Jari", "Heikkinen"),
    ("uusix", StaffRole.JOB_COACH, "Minna", "Koskinen"),
    ("uusix", StaffRole.UNIT_MANAGER, "Kari", "Järvinen"),
]


@dataclass(frozen=True)
class WorkerSpec:
    key: str
    unit: str
    first_name: str
    last_name: str
    skills: tuple[str, ...]
    interests: tuple[str, ...]
    interests_note: str
    support_needs: str
    language: str = "fi"


WORKERS = [
    WorkerSpec(
        "aino",
        "vallila",
        "Aino",
        "Lahtinen",
        ("cleaning", "window-washing"),
        ("cleaning", "mailing"),
        "Tykkään siivota ja tehdä asiat huolellisesti loppuun asti.",
        "Tarvitsee selkeät ohjeet kirjallisena ja kuvina. Uudessa paikassa ohjaaja mukana ensimmäisellä kerralla.",
    ),
    WorkerSpec(
        "mikko",
        "vallila",
        "Mikko",
        "Rantanen",
        ("floorball-mats", "cleaning"),
        ("floorball-mats",),
        "Urheilu kiinnostaa, salibandytapahtumat ovat mukavia.",
        "Kuulee huonosti vasemmalla korvalla: puhu kasvotusten. Ei raskaita nostoja selän vuoksi.",
    ),
    WorkerSpec(
        "eeva",
        "vallila",
        "Eeva",
        "Hiltunen",
        ("mailing", "safety-phone-cleaning"),
        ("mailing",),
        "Postitus ja lajittelu sopivat minulle, kun saan tehdä rauhassa.",
        "Väsyy pitkissä työrupeamissa: enintään 3 tuntia kerrallaan ja tauko tunnin välein.",
    ),
    WorkerSpec(
        "sami",
        "vallila",
        "Sami",
        "Lindqvist",
        ("window-washing", "cleaning"),
        ("window-washing", "cleaning"),
        "Jag gillar fönstertvätt och att arbeta i grupp.",
        "Jännittää uusia ihmisiä; tuttu ohjaaja mukana auttaa. Puhuu ruotsia ja suomea.",
        language="sv",
    ),
    WorkerSpec(
        "helmi",
        "toolo",
        "Helmi",
        "Saarinen",
        ("handicrafts", "sewing"),
        ("handicrafts",),
        "Teen mielelläni käsitöitä, erityisesti virkkaan ja ompelen.",
        "Näkö heikentynyt: tarvitsee hyvän valaistuksen ja isolla kirjoitetut ohjeet.",
    ),
    WorkerSpec(
        "ville",
        "toolo",
        "Ville",
        "Karjalainen",
        ("mailing", "resident-folders"),
        ("mailing", "resident-folders"),
        "Toimistotyöt ja paperien järjestäminen kiinnostavat.",
        "Liikkuu pyörätuolilla: työpaikan esteettömyys tarkistetaan etukäteen.",
    ),
    WorkerSpec(
        "riikka",
        "toolo",
        "Riikka",
        "Ahonen",
        ("cleaning", "safety-phone-cleaning"),
        ("safety-phone-cleaning",),
        "Pidän työstä, jossa näkee heti kädenjäljen.",
        "Tarvitsee muistutuksen keikasta puhelimeen edellisenä päivänä.",
    ),
    WorkerSpec(
        "jussi",
        "toolo",
        "Jussi",
        "Leppänen",
        ("floorball-mats", "storage-clean-up"),
        ("storage-clean-up",),
        "Haluan oppia varastotöitä.",
        "Epilepsia hyvässä hoitotasapainossa; työpari mukana keikalla.",
    ),
    WorkerSpec(
        "petri",
        "uusix",
        "Petri",
        "Mustonen",
        ("storage-clean-up", "move-packing"),
        ("move-packing",),
        "Haluaisin kokeilla muuttotöitä ja oppia varastotyötä.",
        "Selkävaivoja: ei yli 15 kilon nostoja.",
    ),
    WorkerSpec(
        "jenni",
        "uusix",
        "Jenni",
        "Kauppinen",
        ("thesis-archiving", "resident-folders"),
        ("thesis-archiving",),
        "Arkistointi ja järjestelmällinen työ sopivat minulle.",
        "Keskittyminen herpaantuu meluisassa tilassa; rauhallinen työpiste auttaa.",
    ),
    WorkerSpec(
        "antti",
        "uusix",
        "Antti",
        "Turunen",
        ("assisting-elderly", "move-packing"),
        ("assisting-elderly",),
        "Ikäihmisten kanssa toimiminen on minulle tuttua omasta perheestä.",
        "Ei erityisiä tuen tarpeita; puhelintuki riittää.",
    ),
    WorkerSpec(
        "marjatta",
        "uusix",
        "Marjatta",
        "Pesonen",
        ("sewing", "handicrafts"),
        ("sewing",),
        "Ompelu on ollut harrastukseni pitkään.",
        "Nivelreuma: taukoja tarpeen mukaan, ei pitkiä seisomisjaksoja.",
    ),
]
WORKER_GROUPS = [
    # unit, name, members
    ("vallila", "Vallilan siivousryhmä", ("aino", "mikko", "sami")),
]

# Client organisations: the fields of the public order form that describe the client.
CLIENTS = {
    "puhdas": dict(
        organisation_name="Puhdas Pinta Oy",
        business_id="1572860-0",
        client_type=ClientType.COMPANY,
        contact_name="Tiina Lehtonen",
        contact_email="tiina.lehtonen@puhdaspinta.example",
        contact_phone="040 555 0101",
        billing_name="Puhdas Pinta Oy",
        billing_street="Teollisuuskatu 21",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="laskut@puhdaspinta.example",
    ),
    "vayla": dict(
        organisation_name="Väylä ry",
        business_id="0737546-2",
        client_type=ClientType.ASSOCIATION,
        contact_name="Heikki Aaltonen",
        contact_email="heikki.aaltonen@vayla.example",
        contact_phone="050 555 0202",
        billing_name="Väylä ry",
        billing_street="Sturenkatu 8",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="talous@vayla.example",
    ),
    "kasko": dict(
        organisation_name="Helsingin kaupunki, Kasvatuksen ja koulutuksen toimiala",
        business_id="0201256-6",
        client_type=ClientType.CITY_UNIT,
        contact_name="Sanna Hakala",
        contact_email="sanna.hakala@hel.example",
        contact_phone="09 310 55030",
        billing_name="Helsingin kaupunki / Kasvatuksen ja koulutuksen toimiala",
        billing_street="PL 51000",
        billing_postal_code="00099",
        billing_city="Helsingin kaupunki",
        einvoice_address="003702012566",
        einvoice_operator="003721291126",
    ),
    "helmi": dict(
        organisation_name="Asunto Oy Vallilan Helmi",
        business_id="2846311-1",
        client_type=ClientType.OTHER,
        contact_name="Erkki Miettinen",
        contact_email="isannoitsija@vallilanhelmi.example",
        contact_phone="045 555 0404",
        billing_name="Asunto Oy Vallilan Helmi",
        billing_street="Vallilantie 12",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="laskut@vallilanhelmi.example",
    ),
    "kotikallio": dict(
        organisation_name="Kotikallion palvelusäätiö sr",
        business_id="1907364-8",
        client_type=ClientType.OTHER,
        contact_name="Leena Salo",
        contact_email="leena.salo@kotikallio.example",
        contact_phone="040 555 0505",
        billing_name="Kotikallion palvelusäätiö sr",
        billing_street="Kalliolanrinne 4",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="ostolaskut@kotikallio.example",
    ),
}
# Contacts who get a login; the city unit is invoiced monthly (one collective e-invoice).
CLIENT_LOGINS = ("puhdas", "vayla")
MONTHLY_INVOICING = ("kasko",)


@dataclass
class Login:
    label: str
    email: str
    role: str  # jobcenter.roles.Role: the role this login demonstrates
    try_this: str


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


class Seeder:
    def __init__(self):
        self.tz = ZoneInfo(settings.TIME_ZONE)
        # Read the real clock before it is frozen.
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        # A started `freezegun.freeze_time`; set by the command. Starting freezegun scans every
        # module (about 20 ms), so the seed freezes once and moves this clock from step to step.
        self.clock = None
        self.created = 0
        self.order_keys: list[uuid.UUID] = []
        self.services: dict[str, WorkActivityService] = {}
        self.units: dict[str, Unit] = {}
        self.staff: dict[tuple[str, str], User] = {}
        self.workers: dict[str, Worker] = {}
        self.groups: dict[str, WorkerGroup] = {}
        self.task_types = {t.code: t for t in TaskType.objects.all()}
        self._password_hash = None

    @property
    def password_hash(self) -> str:
        """The demo password hashed once: hashing 25 times would take most of the run."""
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    # --- Time ------------------------------------------------------------------------------------
    def at(self, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
        """A moment `day` days from today (negative: in the past), local time; never in the future."""
        moment = dt.datetime.combine(self.today + dt.timedelta(days=day), dt.time(hour, minute), tzinfo=self.tz)
        if moment > self.now:
            raise CommandError(f"Internal error: a demo step is dated in the future ({moment}).")
        return moment

    def date(self, day: int) -> dt.date:
        return self.today + dt.timedelta(days=day)

    @contextlib.contextmanager
    def frozen(self, moment: dt.datetime):
        """Run the block as if it were `moment` (the clock stays there until moved again)."""
        self.clock.move_to(moment)
        yield

    # --- People and units ------------------------------------------------------------------------
    def user(self, *, email: str, first_name: str, last_name: str, language: str = "fi", **extra) -> User:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_create(
                email=email,
                first_name=first_name,
                last_name=last_name,
                password_hash=self.password_hash,
                language=language,
                **extra,
            )
            self.created += 1
        return user

    def demo_totp(self, user: User) -> None:
        """Staff need a second factor: give the demo staff a TOTP authenticator with the demo secret."""
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
            self.created += 1

    def seed_people_and_units(self) -> None:
        self.admin = self.user(
            email=ADMIN_EMAIL, first_name="Ylläpito", last_name="Demo", is_superuser=True, is_staff=True
        )
        self.coordinator = self.user(email=COORDINATOR_EMAIL, first_name="Laura", last_name="Salminen")
        self.coordinator = coordinator_grant(user=self.coordinator, admin_access=True)

        for kind, name, support, time_limited in SERVICES:
            service = WorkActivityService.objects.filter(kind=kind).first()
            if service is None:
                service = work_activity_service_create(
                    kind=kind, name=name, default_support=support, time_limited=time_limited
                )
                self.created += 1
            self.services[kind] = service

        for key, kind, name, street, postal_code, phone, email in UNITS:
            unit = Unit.objects.filter(name=name).first()
            if unit is None:
                unit = unit_create(
                    service=self.services[kind],
                    name=name,
                    street_address=street,
                    postal_code=postal_code,
                    phone=phone,
                    email=email,
                )
                self.created += 1
            self.units[key] = unit

        for unit_key, role, first_name, last_name in STAFF:
            user = self.user(email=staff_email(first_name, last_name), first_name=first_name, last_name=last_name)
            unit_membership_add(user=user, unit=self.units[unit_key], role=role)
            self.staff[(unit_key, role)] = user

        for user in [self.admin, self.coordinator, *self.staff.values()]:
            self.demo_totp(user)

        for spec in WORKERS:
            user = self.user(
                email=worker_email(spec.first_name, spec.last_name),
                first_name=spec.first_name,
                last_name=spec.last_name,
                language=spec.language,
            )
            worker = Worker.objects.filter(user=user).first()
            if worker is None:
                worker = worker_create(
                    user=user,
                    home_unit=self.units[spec.unit],
                    support_needs=spec.support_needs,
                    skills=[self.task_types[c] for c in spec.skills],
                    interests=[self.task_types[c] for c in spec.interests],
                    interests_note=spec.interests_note,
                )
                self.created += 1
            self.workers[spec.key] = worker

        for unit_key, name, members in WORKER_GROUPS:
            unit = self.units[unit_key]
            group = WorkerGroup.objects.filter(unit=unit, name=name).first()
            if group is None:
                group = worker_group_create(unit=unit, name=name, members=[self.workers[m] for m in members])
                self.created += 1
            self.groups[name] = group

        # --- Benefits and consents (special-category: recorded through the services, after the orders) --

    def seed_benefits(self) -> None:
        """Each benefit mix of the pilot on some worker, with signed consents and clarifications.
        Recorded "today" by the worker's own instructor; skipped for a worker who already has a consent."""
        from benefits import services as benefit_services

        with self.frozen(self.at(0, 7, 30)):
            for key, unit_key, actors, data, benefits, clarifications in DEMO_BENEFITS:
                worker = self.workers[key]
                if worker.consents.exists():
                    continue
                by = self.staff[(unit_key, StaffRole.INSTRUCTOR)]
                if actors:
                    benefit_services.consent_record(
                        worker_id=worker.pk, actors=actors, data=data, given_on=self.date(-60), valid_until=None, by=by
                    )
                    self.created += 1
                for benefit, since_day, payment_period in benefits:
                    benefit_services.received_benefit_set(
                        worker_id=worker.pk,
                        benefit=benefit,
                        started_on=self.date(since_day),
                        payment_period=payment_period,
                        by=by,
                    )
                    self.created += 1
                for kind, day, actor, notes in clarifications:
                    benefit_services.clarification_record(
                        worker_id=worker.pk, kind=kind, done_on=self.date(day), with_actor=actor, notes=notes, by=by
                    )
                    self.created += 1

    # --- Order steps (each one service call at its own moment) -----------------------------------
    def submit(self, key: str, client: str, *, at: dt.datetime, **order_fields) -> Order | None:
        """Submit a demo order once. Returns None when it already exists (seeded before)."""
        submission_key = uuid.uuid5(DEMO_NAMESPACE, key)
        self.order_keys.append(submission_key)
        if Order.objects.filter(submission_key=submission_key).exists():
            return None
        task_type = order_fields.pop("task_type")
        request = flow.OrderRequest(**CLIENTS[client], task_type_id=self.task_types[task_type].pk, **order_fields)
        with self.frozen(at):
            order, _created = flow.order_submit(request=request, submission_key=submission_key)
        self.created += 1
        self.client_follow_up(client, order)
        return order

    def client_follow_up(self, client: str, order: Order) -> None:
        """Log-in accounts of two contacts, monthly e-invoicing of the city unit."""
        if client in CLIENT_LOGINS:
            client_contact_account_create(contact=order.contact, password_hash=self.password_hash)
        organisation = order.client
        if client in MONTHLY_INVOICING and organisation.invoicing_mode != InvoicingMode.MONTHLY:
            flow.client_billing_update(organisation_id=organisation.pk, invoicing_mode=InvoicingMode.MONTHLY)

    def send_terms(self, order: Order, at: dt.datetime) -> None:
        with self.frozen(at):
            flow.order_send_terms(order_id=order.pk, by=self.coordinator)

    def accept_terms(self, order: Order, at: dt.datetime) -> None:
        order = Order.objects.select_related("terms", "contact").get(pk=order.pk)
        with self.frozen(at):
            flow.order_accept_terms(
                order_id=order.pk, terms_version=order.terms.version, accepted_name=order.contact.name
            )

    def agree(self, order: Order, day: int) -> None:
        """Terms sent in the morning of `day`, accepted by the client the next afternoon."""
        self.send_terms(order, self.at(day, 9, 15))
        self.accept_terms(order, self.at(day + 1, 13, 40))

    def inform(self, order: Order, units: list[str], at: dt.datetime) -> None:
        with self.frozen(at):
            flow.order_inform_units(order_id=order.pk, unit_ids=[self.units[u].pk for u in units], by=self.coordinator)

    def gig(self, order: Order, plan: GigPlan, at: dt.datetime) -> Gig:
        with self.frozen(at):
            return flow.gig_create(
                order_id=order.pk,
                by=self.coordinator,
                date=self.date(plan.day),
                start_time=plan.start,
                planned_hours=plan.hours,
                workers_needed=plan.workers_needed,
                notes=plan.notes,
            )

    def support_for(self, worker: Worker) -> dict:
        unit_key = self.unit_key(worker)
        support = worker.home_unit.service.default_support
        person = self.staff[(unit_key, StaffRole.JOB_COACH)] if support == SupportMode.STAFF_ALONG else None
        return {"support": support, "support_person_id": person.pk if person else None}

    def unit_key(self, worker: Worker) -> str:
        return next(key for key, unit in self.units.items() if unit.pk == worker.home_unit_id)

    def propose(self, gig: Gig, worker_key: str, at: dt.datetime) -> Assignment:
        worker = self.workers[worker_key]
        by = self.staff[(self.unit_key(worker), StaffRole.INSTRUCTOR)]
        with self.frozen(at):
            return flow.assignment_propose(
                gig_id=gig.pk,
                worker_id=worker.pk,
                by=by,
                skills_checked=True,
                interest_note=worker.interests_note,
                **self.support_for(worker),
            )

    def propose_group(self, gig: Gig, group_name: str, at: dt.datetime) -> list[Assignment]:
        group = self.groups[group_name]
        unit_key = next(key for key, unit in self.units.items() if unit.pk == group.unit_id)
        support = group.unit.service.default_support
        person = self.staff[(unit_key, StaffRole.JOB_COACH)] if support == SupportMode.STAFF_ALONG else None
        with self.frozen(at):
            return flow.assignment_propose_group(
                gig_id=gig.pk,
                group_id=group.pk,
                by=self.staff[(unit_key, StaffRole.INSTRUCTOR)],
                support=support,
                support_person_id=person.pk if person else None,
                skills_checked=True,
            )

    def offer(self, assignment: Assignment, at: dt.datetime) -> None:
        with self.frozen(at):
            flow.assignment_offer(assignment_id=assignment.pk, by=self.coordinator)

    def worker_or_staff(self, assignment: Assignment, on_behalf: bool) -> User:
        worker = Worker.objects.select_related("user").get(pk=assignment.worker_id)
        if on_behalf:
            return self.staff[(self.unit_key(worker), StaffRole.JOB_COACH)]
        return worker.user

    def accept(self, assignment: Assignment, at: dt.datetime, *, on_behalf: bool = False) -> None:
        with self.frozen(at):
            flow.assignment_accept(assignment_id=assignment.pk, by=self.worker_or_staff(assignment, on_behalf))

    def report(self, assignment: Assignment, hours: str, at: dt.datetime, *, on_behalf: bool = False) -> None:
        with self.frozen(at):
            flow.assignment_report_done(
                assignment_id=assignment.pk, by=self.worker_or_staff(assignment, on_behalf), hours=hours
            )

    def approve(self, assignment: Assignment, at: dt.datetime, *, hours: str | None = None, reason: str = "") -> None:
        with self.frozen(at):
            flow.assignment_approve(assignment_id=assignment.pk, by=self.coordinator, hours=hours, reason=reason)

    def work(self, order: Order, *, day: int, units: list[str], gigs: list[GigPlan], approve: bool = True) -> None:
        """Staff the order from `day` on and, for gigs in the past, do, report and approve the work.

        Crew entries: (worker key, reported hours, approved hours or None, correction reason, on behalf).
        """
        self.inform(order, units, self.at(day, 9, 0))
        created = [(plan, self.gig(order, plan, self.at(day, 9, 30))) for plan in gigs]
        crew = []  # (plan, assignment, reported, approved, reason, on behalf)
        for plan, gig in created:
            for worker_key, *rest in plan.crew:
                crew.append((plan, self.propose(gig, worker_key, self.at(day + 1, 10, 0)), *rest))
        for _plan, assignment, *_rest in crew:
            self.offer(assignment, self.at(day + 1, 14, 0))
        for _plan, assignment, _reported, _approved, _reason, on_behalf in crew:
            self.accept(assignment, self.at(day + 2, 11, 0), on_behalf=on_behalf)
        done = [entry for entry in crew if entry[0].day < 0]  # gigs still ahead wait for their day
        for plan, assignment, reported, _approved, _reason, on_behalf in done:
            self.report(assignment, reported, self.at(plan.day, 16, 30), on_behalf=on_behalf)
        for plan, assignment, _reported, approved, reason, _on_behalf in done if approve else ():
            self.approve(assignment, self.at(plan.day + 1, 10, 15), hours=approved, reason=reason)

    def invoice(self, order: Order, at: dt.datetime) -> None:
        with self.frozen(at):
            flow.order_mark_invoiced(order_id=order.pk, by=self.coordinator, note="Laskutettu (demo).")

    def close(self, order: Order, at: dt.datetime, note: str) -> None:
        with self.frozen(at):
            flow.order_close(order_id=order.pk, by=self.coordinator, note=note)

    # --- The demo orders, oldest first -----------------------------------------------------------
    def seed_orders(self) -> None:
        t = dt.time
        # CLOSED: thesis archiving for the city (adult social work, Uusix); hours corrected once.
        order = self.submit(
            "thesis-archiving",
            "kasko",
            at=self.at(-70, 12, 5),
            task_type="thesis-archiving",
            title="Opinnäytetöiden arkistointi",
            description=(
                "Vanhojen opinnäytetöiden lajittelu vuosittain ja siirto arkistolaatikoihin koulun kirjastossa."
            ),
            orientation="Kirjastonhoitaja perehdyttää ensimmäisenä päivänä (noin 20 min).",
            street_address="Hattulantie 2",
            postal_code="00550",
            estimated_hours=Decimal("8"),
            workers_needed=2,
            tools_provided=True,
            contract_type=ContractType.COMMISSION,
            client_reference="KASKO-2026-114",
            preferred_start=self.date(-60),
            preferred_end=self.date(-50),
        )
        if order:
            self.agree(order, -69)
            self.work(
                order,
                day=-66,
                units=["uusix"],
                gigs=[
                    GigPlan(
                        -58,
                        t(9, 0),
                        "4",
                        2,
                        [
                            ("jenni", "4", None, "", False),
                            (
                                "petri",
                                "4",
                                "3.5",
                                "Puolen tunnin tauko vähennetty; työ kesti 3,5 tuntia.",
                                False,
                            ),
                        ],
                        notes="Ilmoittaudu kirjaston neuvontaan.",
                    ),
                ],
            )
            self.invoice(order, self.at(-52, 10))
            self.close(order, self.at(-35, 11), "Maksettu. Palaute: huolellista työtä, tilataan uudelleen.")

        # CLOSED: stairwell cleaning for a housing company (Vallila, staff along).
        order = self.submit(
            "stairwell-cleaning",
            "helmi",
            at=self.at(-55, 9, 40),
            task_type="cleaning",
            title="Porrashuoneiden siivous",
            description="Kahden porrashuoneen lattioiden pesu ja kaiteiden pyyhintä.",
            orientation="Isännöitsijä näyttää siivousvälinevaraston.",
            street_address="Vallilantie 12",
            postal_code="00510",
            estimated_hours=Decimal("3"),
            workers_needed=2,
            tools_provided=True,
            contract_type=ContractType.COMMISSION,
        )
        if order:
            self.agree(order, -54)
            self.work(
                order,
                day=-51,
                units=["vallila"],
                gigs=[
                    GigPlan(
                        -45,
                        t(10, 0),
                        "3",
                        2,
                        [("aino", "3", None, "", False), ("mikko", "3", None, "", True)],
                    ),
                ],
            )
            self.invoice(order, self.at(-40, 10))
            self.close(order, self.at(-20, 11), "Maksettu. Asukkaat kiittivät siisteistä rappukäytävistä.")

        # APPROVED: floorball mats for a tournament, done by Vallila's group (employment, partner model).
        order = self.submit(
            "floorball-mats",
            "vayla",
            at=self.at(-40, 14, 20),
            task_type="floorball-mats",
            title="Salibandykaukalon mattojen levitys turnaukseen",
            description="Mattojen levitys ja kaukalon kokoaminen liikuntahalliin lauantain turnausta varten.",
            orientation="Hallin valvoja näyttää mattovaraston ja järjestyksen.",
            street_address="Mäkelänkatu 49",
            postal_code="00550",
            estimated_hours=Decimal("2.5"),
            workers_needed=3,
            tools_provided=True,
            contract_type=ContractType.EMPLOYMENT,
        )
        if order:
            self.agree(order, -39)
            self.inform(order, ["vallila"], self.at(-36, 9, 0))
            gig = self.gig(order, GigPlan(-30, t(8, 0), "2.5", 3), self.at(-36, 9, 30))
            assignments = self.propose_group(gig, "Vallilan siivousryhmä", self.at(-35, 10, 0))
            for assignment in assignments:
                self.offer(assignment, self.at(-35, 14, 0))
            for i, assignment in enumerate(assignments):
                self.accept(assignment, self.at(-34, 11, 0), on_behalf=(i == 0))
            for assignment in assignments:
                self.report(assignment, "2.5", self.at(-30, 11, 0))
            for assignment in assignments:
                self.approve(assignment, self.at(-29, 9, 30))

        # INVOICED: assisting elderly people outdoors (Uusix, phone support).
        order = self.submit(
            "assisting-elderly",
            "kotikallio",
            at=self.at(-35, 11, 0),
            task_type="assisting-elderly",
            title="Ikäihmisten avustaminen ulkoilussa",
            description="Palvelutalon asukkaiden saattaminen ulkoilemaan pihalle ja lähipuistoon.",
            orientation="Ohjaaja kertoo asukkaiden tarpeista ennen ulkoilua.",
            street_address="Kalliolanrinne 4",
            postal_code="00510",
            estimated_hours=Decimal("3"),
            workers_needed=1,
            tools_provided=False,
            contract_type=ContractType.COMMISSION,
        )
        if order:
            self.agree(order, -34)
            self.work(
                order,
                day=-31,
                units=["uusix"],
                gigs=[
                    GigPlan(-25, t(13, 0), "3", 1, [("antti", "3", None, "", False)]),
                ],
            )
            self.invoice(order, self.at(-18, 10))

        # APPROVED: resident folders (Uusix).
        order = self.submit(
            "resident-folders",
            "kotikallio",
            at=self.at(-20, 10, 30),
            task_type="resident-folders",
            title="Asukaskansioiden kokoaminen",
            description="Uusien asukkaiden tervetuliaiskansioiden kokoaminen ja lajittelu (120 kansiota).",
            street_address="Kalliolanrinne 4",
            postal_code="00510",
            estimated_hours=Decimal("4"),
            workers_needed=1,
            tools_provided=True,
            contract_type=ContractType.COMMISSION,
        )
        if order:
            self.agree(order, -19)
            self.work(
                order,
                day=-16,
                units=["uusix"],
                gigs=[
                    GigPlan(-10, t(9, 0), "4", 1, [("jenni", "4", None, "", False)]),
                ],
            )

        # CANCELLED: sewing costumes for schools (the report: stopped by the commission-contract problem).
        order = self.submit(
            "sewing-costumes",
            "kasko",
            at=self.at(-18, 13, 0),
            task_type="sewing",
            title="Ompelutyö: rooliasut kahdelle koululle",
            description="Rooliasujen (puvut, pannat ja tassut) ompelu Uusixin tiloissa prototyyppien mukaan.",
            street_address="Kaasutehtaankatu 1",
            postal_code="00540",
            estimated_hours=Decimal("40"),
            hours_indicative=True,
            workers_needed=1,
            tools_provided=False,
            contract_type=ContractType.COMMISSION,
            client_reference="KASKO-HANKINTA-88",
        )
        if order:
            self.agree(order, -17)
            self.inform(order, ["uusix"], self.at(-14, 9, 0))
            gig = self.gig(order, GigPlan(14, t(9, 0), "6", 1), self.at(-14, 9, 30))
            self.propose(gig, "marjatta", self.at(-13, 10, 0))
            with self.frozen(self.at(-9, 15, 0)):
                flow.order_cancel(
                    order_id=order.pk,
                    by=self.coordinator,
                    reason=(
                        "Toimeksiantosopimus ei sovellu kuntouttavan työtoiminnan asiakkaille "
                        "(työttömyysetuus keskeytyisi). Tilaus perutaan, kunnes sopimusmalli on ratkaistu."
                    ),
                )

        # DONE: cleaning safety phones (Töölö), reported but not yet approved.
        order = self.submit(
            "safety-phones",
            "kotikallio",
            at=self.at(-12, 9, 0),
            task_type="safety-phone-cleaning",
            title="Turvapuhelinten puhdistus",
            description="Palautettujen turvapuhelinten ja rannekkeiden puhdistus ja pakkaus.",
            orientation="Työnjohtaja näyttää puhdistusaineet ja pakkausohjeen.",
            street_address="Kalliolanrinne 4",
            postal_code="00510",
            estimated_hours=Decimal("3"),
            workers_needed=1,
            tools_provided=True,
            contract_type=ContractType.COMMISSION,
        )
        if order:
            self.agree(order, -11)
            self.work(
                order,
                day=-9,
                units=["toolo"],
                approve=False,
                gigs=[
                    GigPlan(-3, t(9, 30), "3", 1, [("riikka", "3", None, "", False)]),
                ],
            )

        # SCHEDULED: cleaning every second week for Väylä (partner model, employment, Vallila).
        order = self.submit(
            "office-cleaning",
            "vayla",
            at=self.at(-8, 10, 0),
            task_type="cleaning",
            title="Toimiston siivous joka toinen viikko",
            description="Toimiston pintojen pyyhintä, imurointi ja keittiön siivous, 2 h joka toinen viikko.",
            orientation="Toimistosihteeri perehdyttää ensimmäisellä kerralla.",
            street_address="Sturenkatu 8",
            postal_code="00510",
            estimated_hours=Decimal("4"),
            workers_needed=1,
            tools_provided=True,
            contract_type=ContractType.EMPLOYMENT,
            timing_notes="Tiistaisin aamupäivällä.",
        )
        if order:
            self.agree(order, -7)
            self.work(
                order,
                day=-5,
                units=["vallila"],
                gigs=[
                    GigPlan(4, t(9, 0), "2", 1, [("aino", None, None, "", False)]),
                    GigPlan(18, t(9, 0), "2", 1, [("sami", None, None, "", True)]),
                ],
            )

        # STAFFING: packing for an office move (Uusix): one offer waiting for the worker, one proposal.
        order = self.submit(
            "move-packing",
            "puhdas",
            at=self.at(-6, 15, 10),
            task_type="move-packing",
            title="Toimistomuuton pakkaus",
            description="Mappien ja toimistotarvikkeiden pakkaus muuttolaatikoihin ja laatikoiden merkintä.",
            orientation="Toimistopäällikkö näyttää pakattavat huoneet.",
            street_address="Teollisuuskatu 21",
            postal_code="00510",
            estimated_hours=Decimal("10"),
            workers_needed=2,
            tools_provided=True,
            contract_type=ContractType.COMMISSION,
            preferred_start=self.date(8),
            preferred_end=self.date(12),
        )
        if order:
            self.agree(order, -5)
            self.inform(order, ["uusix"], self.at(-3, 9, 0))
            gig = self.gig(order, GigPlan(10, t(8, 30), "5", 2, notes="Ota mukaan työkengät."), self.at(-3, 9, 30))
            petri = self.propose(gig, "petri", self.at(-2, 10, 0))
            self.propose(gig, "antti", self.at(-2, 10, 5))
            self.propose(gig, "jenni", self.at(-2, 10, 10))
            self.offer(petri, self.at(-2, 14, 0))

        # STAFFING: handicrafts for Väylä's online shop (Töölö), no worker proposed yet.
        order = self.submit(
            "handicrafts",
            "vayla",
            at=self.at(-5, 11, 30),
            task_type="handicrafts",
            title="Käsitöitä verkkokauppaan",
            description="Virkattuja pannunalusia ja kangaskasseja Väylän verkkokauppaan, 20 kpl kumpaakin.",
            street_address="Topeliuksenkatu 41",
            postal_code="00250",
            estimated_hours=Decimal("12"),
            workers_needed=1,
            tools_provided=False,
            contract_type=ContractType.EMPLOYMENT,
        )
        if order:
            self.agree(order, -4)
            self.inform(order, ["toolo"], self.at(-2, 9, 0))
            self.gig(
                order,
                GigPlan(7, t(10, 0), "3", 1, notes="Työ tehdään Töölön yksikön tiloissa."),
                self.at(-2, 9, 20),
            )

        # TERMS_ACCEPTED: storage clean-up for the city, waiting for the units to be informed.
        order = self.submit(
            "storage-clean-up",
            "kasko",
            at=self.at(-4, 8, 50),
            task_type="storage-clean-up",
            title="Varastotilan siivous ja järjestely",
            description="Koulun kellarivaraston tyhjennys, lajittelu kierrätykseen ja hyllyjen järjestely.",
            street_address="Hattulantie 2",
            postal_code="00550",
            estimated_hours=Decimal("6"),
            workers_needed=2,
            tools_provided=False,
            contract_type=ContractType.COMMISSION,
            client_reference="KASKO-2026-131",
        )
        if order:
            self.agree(order, -3)

        # REJECTED: heavy demolition is no task for the Jobcenter.
        order = self.submit(
            "demolition",
            "puhdas",
            at=self.at(-4, 16, 0),
            task_type="cleaning",
            title="Purkutyöt ja rakennusjätteen kanto",
            description="Väliseinien purku ja rakennusjätteen kantaminen lavalle remonttikohteessa.",
            street_address="Teollisuuskatu 21",
            postal_code="00510",
            estimated_hours=Decimal("16"),
            workers_needed=3,
            tools_provided=False,
            contract_type=ContractType.COMMISSION,
        )
        if order:
            with self.frozen(self.at(-3, 10, 0)):
                flow.order_reject(
                    order_id=order.pk,
                    by=self.coordinator,
                    reason=("Raskas purkutyö ei sovellu Jobcenterin keikaksi. Remontin jälkeinen siivous sopisi."),
                )

        # TERMS_SENT: mailing for Väylä, the terms are waiting for the client.
        order = self.submit(
            "mailing",
            "vayla",
            at=self.at(-3, 13, 15),
            task_type="mailing",
            title="Jäsenkirjeiden postitus",
            description="Noin 400 jäsenkirjeen taittelu, kuorittaminen ja postimerkkien liimaus.",
            street_address="Sturenkatu 8",
            postal_code="00510",
            estimated_hours=Decimal("5"),
            workers_needed=2,
            tools_provided=True,
            contract_type=ContractType.EMPLOYMENT,
        )
        if order:
            self.send_terms(order, self.at(-2, 9, 30))

        # SUBMITTED: window washing in stairwells; a new request the coordinator has not handled.
        self.submit(
            "window-washing",
            "helmi",
            at=self.at(-2, 17, 45),
            task_type="window-washing",
            title="Porraskäytävien ikkunanpesu",
            description="Kahden porraskäytävän ikkunoiden pesu sisäpuolelta, yhteensä 24 ikkunaa.",
            street_address="Vallilantie 12",
            postal_code="00510",
            estimated_hours=Decimal("4"),
            workers_needed=2,
            tools_provided=False,
            contract_type=ContractType.COMMISSION,
            timing_notes="Mieluiten ennen joulua.",
        )
        # SUBMITTED: another new request, from a company.
        self.submit(
            "office-windows",
            "puhdas",
            at=self.at(-1, 8, 20),
            task_type="window-washing",
            title="Toimiston ikkunoiden pesu",
            description="Toimiston kuuden ikkunan pesu sisältä ja ulkoa (maantasokerros).",
            street_address="Teollisuuskatu 21",
            postal_code="00510",
            estimated_hours=Decimal("2"),
            workers_needed=1,
            tools_provided=True,
            contract_type=ContractType.COMMISSION,
        )


def _ascii(name: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return name.translate(table).lower()


def staff_email(first_name: str, last_name: str) -> str:
    return f"{_ascii(first_name)}.{_ascii(last_name)}@jobcenter.example"


def worker_email(first_name: str, last_name: str) -> str:
    return f"{_ascii(first_name)}.{_ascii(last_name)}@koti.example"


# The logins printed at the end: one per role, two for unit staff, workers and client contacts.
# The pilot's benefit mixes (DOMAIN.md "Benefits and earned income"), one or more per worker:
# (worker, unit, consent actors, consent data, [(benefit, since day, paid per)], [clarifications]).
# Helmi and Riikka have given no consent: the pages show that nothing can be shared.
_CONSENT_ALL = ["benefits", "debts", "work_and_earnings"]
DEMO_BENEFITS = [
    (
        "aino",
        "vallila",
        ["unit", "coordinator", "kela"],
        _CONSENT_ALL,
        [("disability_pension", -900, ""), ("pensioners_housing_allowance", -900, "")],
        [("benefit", -50, "kela", "Työkyvyttömyyseläke ja eläkkeensaajan asumistuki; työansiot ilmoitetaan Kelaan.")],
    ),
    (
        "mikko",
        "vallila",
        ["unit", "coordinator", "kela", "employment_services"],
        _CONSENT_ALL,
        [("unemployment_benefit", -20, "month"), ("general_housing_allowance", -400, "")],
        [("benefit", -15, "employment_services", "Työmarkkinatuki alkoi. Toimeksiannot = yritystoimintaa: vältä.")],
    ),
    (
        "eeva",
        "vallila",
        ["unit", "coordinator", "social_credit"],
        _CONSENT_ALL,
        [("social_assistance", -200, ""), ("general_housing_allowance", -200, "")],
        [("debt", -40, "social_credit", "Velkaselvitys tehty, maksusuunnitelma sosiaalisen luototuksen kanssa.")],
    ),
    ("sami", "vallila", ["unit", "coordinator"], _CONSENT_ALL, [], []),
    ("helmi", "toolo", [], [], [], []),
    ("ville", "toolo", ["unit", "coordinator"], ["benefits"], [("unemployment_benefit", -120, "four_weeks")], []),
    (
        "petri",
        "uusix",
        ["unit", "coordinator"],
        _CONSENT_ALL,
        [("social_assistance", -300, ""), ("general_housing_allowance", -300, "")],
        [],
    ),
    (
        "antti",
        "uusix",
        ["unit", "coordinator", "employment_services"],
        _CONSENT_ALL,
        [("unemployment_benefit", -20, "month")],
        [],
    ),
    (
        "jenni",
        "uusix",
        ["unit", "coordinator", "kela"],
        ["benefits", "work_and_earnings"],
        [("disability_pension", -700, ""), ("pensioners_housing_allowance", -700, "")],
        [],
    ),
    ("marjatta", "uusix", ["unit"], ["benefits"], [("pensioners_housing_allowance", -1000, "")], []),
]

LOGINS = [
    Login("administrator", ADMIN_EMAIL, Role.ADMINISTRATOR, "/admin/: every model, users, price list, VAT"),
    Login(
        "coordinator",
        COORDINATOR_EMAIL,
        Role.COORDINATOR,
        (
            "/coordinator/: orders by state; send terms, inform units, approve hours (Riikka); move packing: "
            "offer Jenni (benefit warnings), Antti (unemployment benefit) needs the commission-work explanation"
        ),
    ),
    Login(
        "unit staff, Vallila (instructor)",
        staff_email("Maija", "Virtanen"),
        Role.UNIT_STAFF,
        "/unit/: needs and proposals; /unit/workers/: Vallila's workers, act for a worker",
    ),
    Login(
        "unit staff, Töölö (instructor)",
        staff_email("Sari", "Nieminen"),
        Role.UNIT_STAFF,
        "/unit/: a need announced to Töölö (handicrafts): propose a worker",
    ),
    Login(
        "worker A, Vallila",
        worker_email("Aino", "Lahtinen"),
        Role.WORKER,
        "/me/ on a phone: next gig (office cleaning), earnings, feedback, history",
    ),
    Login(
        "worker B, Uusix-verstas",
        worker_email("Petri", "Mustonen"),
        Role.WORKER,
        "/me/ on a phone: a gig offer waiting (move packing); /me/identify/ then shows what it does to the benefits",
    ),
    Login(
        "client contact, Puhdas Pinta Oy",
        CLIENTS["puhdas"]["contact_email"],
        Role.CLIENT_CONTACT,
        "Front page: own orders (move packing, a rejected request); /order/: a new order",
    ),
    Login(
        "client contact, Väylä ry",
        CLIENTS["vayla"]["contact_email"],
        Role.CLIENT_CONTACT,
        "Terms to accept for the mailing (the link is in Admin → Outgoing emails)",
    ),
]


class Command(BaseCommand):
    help = "Load demo data that looks like the Jobcenter pilot (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (creates a superuser with the published demo password).",
        )
        parser.add_argument(
            "--totp-code",
            action="store_true",
            help="Only print the current TOTP code of the demo staff logins (valid for about 30 seconds).",
        )

    def handle(self, *args, force: bool = False, totp_code: bool = False, **options):
        if totp_code:
            self.stdout.write(demo_totp_code())
            return
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with DJANGO_DEBUG=1 "
                "(or with --force on a demo server)."
            )
        try:
            from freezegun import freeze_time
        except ImportError as exc:  # pragma: no cover - freezegun is a main dependency
            raise CommandError("seed_demo needs the freezegun package.") from exc
        if not TaskType.objects.exists():
            raise CommandError("No task types: run `manage.py migrate` first.")

        started = time.monotonic()
        emails_before = OutboundEmail.objects.count()
        seeder = Seeder()
        # The services queue emails that are sent after commit; with the console backend they would
        # bury the logins. They stay readable in the admin (Outgoing emails).
        with contextlib.redirect_stdout(io.StringIO()), _quiet_loggers("celery", "kombu"):
            with transaction.atomic():
                # The units, staff and workers are there before the first demo order arrives.
                with freeze_time(seeder.at(PEOPLE_SINCE_DAY, 8, 0)) as clock:
                    seeder.clock = clock
                    try:
                        seeder.seed_people_and_units()
                        seeder.seed_orders()
                        seeder.seed_benefits()
                    except DomainError as err:
                        # E.g. no order terms in force on a demo date: nothing is saved.
                        raise CommandError(f"A demo step was refused: {err.message}") from err
        elapsed = time.monotonic() - started

        counts = {status: 0 for status in OrderStatus.values}
        for status in Order.objects.filter(submission_key__in=seeder.order_keys).values_list("status", flat=True):
            counts[status] += 1
        queued = OutboundEmail.objects.count() - emails_before
        verbosity = options.get("verbosity", 1)
        if verbosity >= 1:
            if seeder.created:
                self.stdout.write(
                    f"Demo data loaded in {elapsed:.1f} s: {seeder.created} new records, "
                    f"{queued} emails in the outbox (Admin → Outgoing emails)."
                )
            else:
                self.stdout.write("Demo data was already loaded; nothing changed.")
            self.stdout.write("Demo orders by state: " + ", ".join(f"{status} {n}" for status, n in counts.items()))
            self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password for every account: {DEMO_PASSWORD})"))
        self.stdout.write(_table(LOGINS))
        self.stdout.write(
            "Every other demo account (all unit staff and the 12 workers) has the same password. "
            "Log in at /accounts/login/."
        )
        self.stdout.write(
            f"TOTP secret for the staff demo logins (administrator, coordinator, unit staff): {DEMO_TOTP_SECRET}. "
            "Add it to an authenticator app, or get the current code with `manage.py seed_demo --totp-code`."
        )


def demo_totp_code() -> str:
    """The code an authenticator app with the demo secret shows now."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))


@contextlib.contextmanager
def _quiet_loggers(*names: str):
    """Silence the eager Celery task's "succeeded" lines (and kombu's memory-broker warning) meanwhile."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _table(logins: list[Login]) -> str:
    rows = [("Role", "Email", "Password", "What to try")] + [
        (login.label, login.email, DEMO_PASSWORD, login.try_this) for login in logins
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 11)
    return "\n".join(lines)
