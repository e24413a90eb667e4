"""Reference data, units, staff, workers, groups, tax details, clients and their contacts."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.management.base import CommandError

from billing.models import (
    PriceList,
    VatRate,
    WorkerPaymentDetails,
    WorkerTaxInfo,
)
from demo.cityscale.base import (
    CITY_BUSINESS_ID,
    HISTORY_DAYS,
    PAYMENT_DETAILS_MISSING,
    SIZES,
    UNUSABLE_PASSWORD,
    GeneratorBase,
    ascii_slug,
    business_id_from,
)
from demo.cityscale.words import (
    ASSOCIATION_WORDS,
    CITY_UNITS,
    COMPANY_WORDS,
    DISTRICTS,
    FIRST_NAMES,
    LAST_NAMES,
    STREETS,
)
from demo.identifiers import finnish_iban, identity_code
from jobcenter.models import User
from orders.models import (
    ClientContact,
    ClientOrganisation,
    ClientType,
    InvoicingMode,
    OrderTerms,
    TaskType,
)
from units.models import ServiceKind, StaffRole, SupportMode, Unit, UnitMembership, WorkActivityService
from workers.models import Worker, WorkerGroup


class PeopleMixin(GeneratorBase):
    """The people of the city: written first, everything else refers to them."""

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def user(self, *, email: str, first: str, last: str, joined: dt.datetime, **extra) -> int:
        return self.t(User).add(
            password=UNUSABLE_PASSWORD,
            email=email,
            first_name=first,
            last_name=last,
            date_joined=joined,
            language=extra.pop("language", "fi"),
            phone=f"040 {self.rng.randrange(1000000, 9999999)}",
            **extra,
        )

    def seed_reference(self) -> None:
        self.task_types = list(TaskType.objects.filter(is_active=True).order_by("pk"))
        if not self.task_types:
            raise CommandError("No task types: run `manage.py migrate` first.")
        self.task_codes = {t.pk: t.code for t in self.task_types}
        terms = list(OrderTerms.objects.order_by("valid_from"))
        if not terms:
            raise CommandError("No order terms: run `manage.py migrate` first.")
        oldest = terms[0]
        earliest_needed = self.today - dt.timedelta(days=HISTORY_DAYS + 60)
        if oldest.valid_from > earliest_needed:
            # Orders accepted before the first version in force: an earlier version with the same text.
            older, _ = OrderTerms.objects.get_or_create(
                version="2024-1",
                defaults=dict(
                    valid_from=earliest_needed.replace(month=1, day=1),
                    text_fi=oldest.text_fi,
                    text_sv=oldest.text_sv,
                    text_en=oldest.text_en,
                ),
            )
            terms.insert(0, older)
        self.terms = terms
        self.prices = list(PriceList.objects.all())
        self.vats = list(VatRate.objects.all())
        self._price_cache: dict = {}
        self._vat_cache: dict = {}

    def terms_on(self, day: dt.date) -> int:
        chosen = self.terms[0]
        for terms in self.terms:
            if terms.valid_from <= day:
                chosen = terms
        return chosen.pk

    def price_on(self, contract: str, day: dt.date) -> PriceList:
        key = (contract, day)
        if key not in self._price_cache:
            rows = [
                p
                for p in self.prices
                if p.contract_type == contract and p.valid_from <= day and (p.valid_to is None or p.valid_to >= day)
            ]
            if not rows:
                raise CommandError(f"No price is in force for {contract} on {day}.")
            self._price_cache[key] = max(rows, key=lambda p: p.valid_from)
        return self._price_cache[key]

    def vat_on(self, day: dt.date) -> Decimal:
        if day not in self._vat_cache:
            rows = [v for v in self.vats if v.valid_from <= day and (v.valid_to is None or v.valid_to >= day)]
            if not rows:
                raise CommandError(f"No VAT rate is in force on {day}.")
            self._vat_cache[day] = max(rows, key=lambda v: v.valid_from).rate
        return self._vat_cache[day]

    def seed_payment_details(self) -> None:
        """Bank accounts and identity codes, valid with their check digits (demo.identifiers), entered
        by an instructor of the worker's unit. A few workers have none yet, or no identity code: a
        payment run holds them out."""
        # A random stream of its own: the rest of the data stays what the seed made it before.
        rng = random.Random(f"{self.seed}-payment-details")  # noqa: S311 - test data, not secrets
        since = self.at(self.today - dt.timedelta(days=HISTORY_DAYS))
        # The paying role (`jobcenter.pay_workers`) approves the coordinators' payment runs.
        self.payers = [
            self.t(User).add(
                password=UNUSABLE_PASSWORD,
                email=f"maksut{i + 1}@jobcenter.example",
                first_name="Maksu",
                last_name=f"Käsittelijä {i + 1}",
                date_joined=since,
                language="fi",
            )
            for i in range(SIZES["payers"])
        ]
        details = self.t(WorkerPaymentDetails)
        for number, (wid, w) in enumerate(self.workers.items()):
            roll = rng.random()
            if roll < PAYMENT_DETAILS_MISSING:
                continue
            unit_staff = self.units_by_id[w["unit"]]["staff"]
            details.add(
                worker_id=wid,
                iban=finnish_iban(number),
                bic="",
                personal_identity_code="" if roll < 2 * PAYMENT_DETAILS_MISSING else identity_code(number),
                updated_at=since,
                updated_by_id=unit_staff[0],
            )

    def seed_people(self) -> None:
        rng = self.rng
        since = self.at(self.today - dt.timedelta(days=HISTORY_DAYS + 90), 8)
        # Services and units.
        services = {}
        for kind, name, support, limited in (
            (ServiceKind.DISABILITY, "Vammaisten työtoiminta", SupportMode.STAFF_ALONG, False),
            (ServiceKind.ADULT_SOCIAL_WORK, "Aikuissosiaalityön kuntouttava työtoiminta", SupportMode.PHONE, True),
        ):
            existing = WorkActivityService.objects.filter(kind=kind).first()
            services[kind] = existing or WorkActivityService.objects.create(
                kind=kind, name=name, default_support=support, time_limited=limited
            )
        self.service_support = {s.pk: s.default_support for s in services.values()}
        unit_table = self.t(Unit)
        self.units: list[dict] = []
        for i in range(self.n("units", 2)):
            district = DISTRICTS[i % len(DISTRICTS)]
            name = district if i < len(DISTRICTS) else f"{district} {i // len(DISTRICTS) + 1}"
            if i == 0:
                name = f"{district} (suuri yksikkö)"
            service = services[ServiceKind.DISABILITY if i % 3 else ServiceKind.ADULT_SOCIAL_WORK]
            pk = unit_table.add(
                service_id=service.pk,
                name=f"Työtoiminta {name}",
                street_address=f"{rng.choice(STREETS)} {rng.randrange(1, 120)}",
                postal_code=f"00{rng.randrange(100, 990):03d}",
                city="Helsinki",
                phone=f"09 310 {rng.randrange(10000, 99999)}",
                email=f"tyotoiminta.{ascii_slug(name)}@jobcenter.example",
                is_active=True,
                created_at=since,
                updated_at=since,
            )
            self.units.append({"id": pk, "service": service.pk, "staff": [], "workers": []})
        # Staff: three per unit (instructor, job coach, manager).
        membership = self.t(UnitMembership)
        for unit in self.units:
            for role in (StaffRole.INSTRUCTOR, StaffRole.JOB_COACH, StaffRole.UNIT_MANAGER):
                first, last = self.name()
                uid = self.user(
                    email=f"{ascii_slug(first)}.{ascii_slug(last)}.s{unit['id']}{role[:2]}@staff.jobcenter.example",
                    first=first,
                    last=last,
                    joined=since,
                )
                membership.add(
                    user_id=uid, unit_id=unit["id"], role=role, is_active=True, created_at=since, updated_at=since
                )
                unit["staff"].append(uid)
        # Coordinators (the `jobcenter.coordinate` permission) and one administrator.
        self.coordinators = []
        for i in range(SIZES["coordinators"]):
            first, last = self.name()
            self.coordinators.append(
                self.user(
                    email=f"koordinaattori{i + 1}@jobcenter.example",
                    first=first,
                    last=last,
                    joined=since,
                    is_staff=i == 0,
                )
            )
        self.admin = self.user(
            email="paakayttaja@jobcenter.example",
            first="Pää",
            last="Käyttäjä",
            joined=since,
            is_staff=True,
            is_superuser=True,
        )
        # Workers: the first unit has 500 (at scale 1), the others share the rest.
        n_workers = self.n("workers", 4)
        big = min(self.n("big_unit_workers", 2), n_workers // 2)
        worker_table = self.t(Worker)
        skills = Worker.skills.through
        interests = Worker.interests.through
        self.t(skills)
        self.t(interests)
        self.workers: dict[int, dict] = {}
        for i in range(n_workers):
            unit = self.units[0] if i < big else self.units[1 + (i - big) % (len(self.units) - 1)]
            first, last = self.name()
            joined = since + dt.timedelta(days=rng.randrange(0, 200))
            uid = self.user(
                email=f"{ascii_slug(first)}.{ascii_slug(last)}.{i + 1}@tyontekija.jobcenter.example",
                first=first,
                last=last,
                joined=joined,
                language="sv" if rng.random() < 0.06 else "fi",
            )
            wid = worker_table.add(
                user_id=uid,
                home_unit_id=unit["id"],
                interests_note=rng.choice(
                    ["", "Tykkään ulkotöistä.", "Haluan oppia uutta.", "Mieluiten aamupäivisin."]
                ),
                support_needs=rng.choice(
                    ["", "Tarvitsee selkeät ohjeet.", "Lyhyet työpäivät.", "Ei raskaita nostoja."]
                ),
                is_active=rng.random() > 0.04,
                created_at=joined,
                updated_at=joined,
            )
            own_skills = rng.sample(self.task_types, rng.randint(1, 3))
            own_interests = rng.sample(self.task_types, rng.randint(1, 3))
            for task in own_skills:
                self.t(skills).add(worker_id=wid, tasktype_id=task.pk)
            for task in own_interests:
                self.t(interests).add(worker_id=wid, tasktype_id=task.pk)
            unit["workers"].append(wid)
            self.workers[wid] = {"user": uid, "unit": unit["id"], "first": first, "last": last}
        # Worker groups: two per unit, three to five members each.
        groups = self.t(WorkerGroup)
        members = self.t(WorkerGroup.members.through)
        for unit in self.units:
            for g in range(2):
                gid = groups.add(unit_id=unit["id"], name=f"Ryhmä {g + 1}", created_at=since, updated_at=since)
                for wid in rng.sample(unit["workers"], min(len(unit["workers"]), rng.randint(3, 5))):
                    members.add(workergroup_id=gid, worker_id=wid)
        # Tax details for commission pay: most workers.
        tax = self.t(WorkerTaxInfo)
        for wid in self.workers:
            if rng.random() < 0.8:
                tax.add(
                    worker_id=wid,
                    withholding_percent=Decimal(rng.choice(["0.00", "5.50", "10.00", "15.00", "20.50"])),
                    in_prepayment_register=False,
                    valid_for_year=self.today.year,
                    updated_at=self.at(self.today.replace(month=1, day=2)),
                )
        # Clients and their contacts.
        client_table = self.t(ClientOrganisation)
        contact_table = self.t(ClientContact)
        self.clients: list[dict] = []
        used_ids: set[str] = {CITY_BUSINESS_ID}
        next_base = 1_000_000 + rng.randrange(0, 100_000)
        city_names: set[str] = set()
        for i in range(self.n("clients", 2)):
            roll = rng.random()
            kind = (
                ClientType.COMPANY
                if roll < 0.7
                else ClientType.ASSOCIATION
                if roll < 0.85
                else ClientType.CITY_UNIT
                if roll < 0.95
                else ClientType.OTHER
            )
            district = rng.choice(DISTRICTS)
            if kind == ClientType.CITY_UNIT:
                base = f"{rng.choice(CITY_UNITS)} {district}"
                name = base
                k = 2
                while name.lower() in city_names:
                    name = f"{base} {k}"
                    k += 1
                city_names.add(name.lower())
                business_id = CITY_BUSINESS_ID
            else:
                if kind == ClientType.COMPANY:
                    name = (
                        f"{rng.choice(LAST_NAMES)} {rng.choice(COMPANY_WORDS)} {rng.choice(['Oy', 'Oy', 'Ky', 'Tmi'])}"
                    )
                elif kind == ClientType.ASSOCIATION:
                    name = f"{district}n {rng.choice(ASSOCIATION_WORDS)} ry"
                else:
                    name = f"{rng.choice(['Säätiö', 'Osuuskunta', 'Seurakunta'])} {rng.choice(LAST_NAMES)}"
                business_id = ""
                while not business_id or business_id in used_ids:
                    next_base += rng.randrange(1, 7)
                    business_id = business_id_from(next_base)
                used_ids.add(business_id)
            street = f"{rng.choice(STREETS)} {rng.randrange(1, 150)}"
            postal = f"00{rng.randrange(100, 990):03d}"
            created = since + dt.timedelta(days=rng.randrange(0, HISTORY_DAYS))
            monthly = rng.random() < (0.5 if kind == ClientType.CITY_UNIT else 0.1)
            language = "sv" if rng.random() < 0.06 else "fi"
            slug = f"asiakas{i + 1}"
            cid = client_table.add(
                name=name,
                business_id=business_id,
                client_type=kind,
                language=language,
                billing_name=name,
                billing_street=street,
                billing_postal_code=postal,
                billing_city="Helsinki",
                billing_email=f"laskutus@{slug}.example",
                einvoice_address="003702012566" if kind == ClientType.CITY_UNIT else "",
                einvoice_operator="003721291126" if kind == ClientType.CITY_UNIT else "",
                invoicing_mode=InvoicingMode.MONTHLY if monthly else InvoicingMode.PER_ORDER,
                created_at=created,
                updated_at=created,
            )
            contacts = []
            for c in range(1 if rng.random() < 0.6 else 2):
                first, last = self.name()
                email = f"{ascii_slug(first)}.{ascii_slug(last)}{c}@{slug}.example"
                user_id = None
                if rng.random() < 0.3:
                    user_id = self.user(email=email, first=first, last=last, joined=created, language=language)
                contacts.append(
                    contact_table.add(
                        organisation_id=cid,
                        user_id=user_id,
                        name=f"{first} {last}",
                        email=email,
                        phone=f"050 {rng.randrange(1000000, 9999999)}",
                        is_active=True,
                        created_at=created,
                        updated_at=created,
                    )
                )
            self.clients.append(
                {
                    "id": cid,
                    "contacts": contacts,
                    "monthly": monthly,
                    "language": language,
                    "name": name,
                    "business_id": business_id,
                    "street": street,
                    "postal": postal,
                    "slug": slug,
                    "kind": kind,
                }
            )
        self.log(f"people: {len(self.units)} units, {len(self.workers)} workers, {len(self.clients)} clients")
