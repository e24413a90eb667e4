"""`manage.py seed_cityscale`: a city-wide dataset for the performance work (issue 7), fast.

At `--scale 1`: 60 units (one of them with 500 workers), 5,000 workers, 3,000 client
organisations, 50,000 orders, about 150,000 gigs and 300,000 assignments, about 40,000 invoices,
and their history, feedback, payouts, certificates, access-log entries and (when the benefits app
has its models) benefit profiles, in proportion. `--scale 0.1` makes a tenth of it.

Rows are written in bulk: PostgreSQL's COPY (one statement per table), `executemany` elsewhere.
The services are *not* used (they would take hours at this size); the command writes what they
would have written, so the data is consistent with the rules they enforce:

- an order's state follows `ORDER_NEXT_STATES` and its history rows walk that path;
- gigs exist only from `terms_accepted` on, assignments follow `ASSIGNMENT_NEXT_STATES` and agree
  with their order (a scheduled order's places are filled, a done order's work is reported, ...);
- the workers on a gig come from the units informed of its order, each once per gig;
- invoices are frozen copies with lines per order and gig date at the price list and VAT of the
  work date, numbered from the `JC` series without gaps, with valid references; monthly clients
  get one collective invoice per month; the orders of the previous month are approved and not yet
  invoiced, one for every client, so the month-end run has work for every client;
- business IDs have valid check digits; all email addresses are on `.example` domains.

Reproducible: a fixed random seed (`--seed`). Accounts have unusable passwords (the benchmark
logs in by creating sessions, see bench/sessions.py). Refuses a database that already has workers
or orders unless `--force` (which empties the domain tables first, keeping the reference data),
and refuses to run with DEBUG off unless `--allow-without-debug` (a benchmark server).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from billing.models import (
    Invoice,
    InvoiceEvent,
    InvoiceKind,
    InvoiceLine,
    InvoiceSeries,
    InvoiceStatus,
    Payout,
    PayoutLine,
    PriceList,
    VatRate,
    WorkerTaxInfo,
)
from billing.references import reference_number, rf_reference
from jobcenter.models import AccessLogEntry, User
from orders.models import (
    Assignment,
    AssignmentStatus,
    AssignmentStatusChange,
    ClientContact,
    ClientOrganisation,
    ClientType,
    ContractType,
    Feedback,
    FeedbackSource,
    Gig,
    InvoicingMode,
    Order,
    OrderStatus,
    OrderStatusChange,
    OrderTerms,
    OrderUnitNotice,
    TaskType,
)
from units.models import ServiceKind, StaffRole, SupportMode, Unit, UnitMembership, WorkActivityService
from workers.models import WorkCertificate, Worker, WorkerGroup

SEED = 20261128
HELSINKI = ZoneInfo("Europe/Helsinki")
CITY_BUSINESS_ID = "0201256-6"
CENT = Decimal("0.01")
UNUSABLE_PASSWORD = "!cityscale-no-password"  # noqa: S105 - starts with "!": no password logs in

# Sizes at --scale 1 (issue 7).
SIZES = {
    "units": 60,
    "workers": 5_000,
    "big_unit_workers": 500,
    "clients": 3_000,
    "orders": 50_000,
    "access_log_per_worker": 20,
    "coordinators": 5,
}
HISTORY_DAYS = 720  # orders' work spans the two years before today ...
FUTURE_DAYS = 45  # ... and the coming six weeks

FIRST_NAMES = (
    "Aino Anna Anneli Annikki Eeva Elina Emilia Helena Hilkka Ilona Irma Johanna Kaarina Katariina Kirsi "
    "Laura Leena Liisa Maija Marja Minna Noora Outi Päivi Riikka Saara Sari Satu Tuula Venla Aleksi Antti "
    "Eero Eino Heikki Ilkka Jari Jukka Juha Kalle Kari Lauri Markku Matti Mikko Niko Olli Pekka Petri "
    "Risto Sami Seppo Tapio Teemu Timo Tuomas Väinö Ville Åke Öystein"
).split()
LAST_NAMES = (
    "Ahonen Aaltonen Heikkilä Heikkinen Hiltunen Hämäläinen Hyvönen Jokinen Järvinen Kallio Karjalainen "
    "Kinnunen Koivisto Korhonen Koskinen Laaksonen Laine Lehtinen Lehtonen Leinonen Lindholm Mäkelä "
    "Mäkinen Manninen Miettinen Mustonen Nieminen Niemi Nurmi Ojala Pelkonen Pitkänen Rantanen Räsänen "
    "Saarinen Salminen Salo Savolainen Tuominen Turunen Vainio Virtanen Väisänen Öhman Åberg Grönroos"
).split()
STREETS = (
    "Mannerheimintie Hämeentie Mechelininkatu Fredrikinkatu Runeberginkatu Topeliuksenkatu Sturenkatu "
    "Mäkelänkatu Itäväylä Kaironkatu Kustaankatu Vallilantie Helsinginkatu Aleksis Kiven katu Porvoonkatu "
    "Kaasutehtaankatu Malminkaari Kontulankaari Vuotie Meripellontie Siilitie Kirkkotie Kivihaantie"
).split(" ")
DISTRICTS = (
    "Vallila Töölö Kallio Kontula Malmi Vuosaari Pasila Herttoniemi Itäkeskus Kannelmäki Pitäjänmäki "
    "Munkkiniemi Lauttasaari Oulunkylä Pukinmäki Mellunmäki Myllypuro Laajasalo Maunula Tapanila Arabia "
    "Alppila Vartiokylä Jakomäki Haaga Konala Viikki Kumpula Roihuvuori Tali"
).split()
COMPANY_WORDS = (
    "Rakennus Kiinteistö Siivous Kuljetus Tekniikka Palvelu Asunto Koulutus Ravintola Kauppa Logistiikka "
    "Media Konsultointi Puutarha Remontti Isännöinti Kahvila Tapahtuma Paino Sähkö"
).split()
ASSOCIATION_WORDS = "Urheiluseura Asukasyhdistys Kotiseutuyhdistys Eläkeläiset Kuoro Partiolippukunta".split()
CITY_UNITS = (
    "Kirjasto Palvelutalo Nuorisotalo Leikkipuisto Kotihoito Kouluterveydenhuolto Liikuntapalvelut "
    "Kaupunginmuseo Asukastalo Päiväkoti"
).split()
TITLES = {
    "cleaning": ["Toimiston siivous", "Kevätsiivous", "Porraskäytävän siivous"],
    "safety-phone-cleaning": ["Turvapuhelinten puhdistus"],
    "window-washing": ["Ikkunoiden pesu", "Näyteikkunoiden pesu"],
    "mailing": ["Jäsenkirjeiden postitus", "Tiedotteiden postitus"],
    "floorball-mats": ["Salibandykaukalon mattojen asennus"],
    "storage-clean-up": ["Varaston siivous", "Kellarikomeron raivaus"],
    "move-packing": ["Muuton pakkaus", "Arkiston pakkaus"],
    "thesis-archiving": ["Opinnäytetöiden arkistointi"],
    "resident-folders": ["Asukaskansioiden kokoaminen"],
    "assisting-elderly": ["Ulkoiluapu ikäihmisille", "Kauppa-apu"],
    "sewing": ["Verhojen ompelu", "Korjausompelu"],
    "handicrafts": ["Joulukoristeiden askartelu", "Pajatyöt"],
}
FEEDBACK_TEXTS = ["Kiitos, hyvin tehty!", "Reipas ja täsmällinen.", "Työ sujui hyvin.", "Erinomaista jälkeä.", ""]


# --- Bulk writing ---------------------------------------------------------------------------------
class Table:
    """Rows of one model as tuples in the order of its concrete columns, written in one go."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.attname for f in self.fields]
        self.defaults = {}
        for f in self.fields:
            self.defaults[f.attname] = None if f.primary_key else f.get_default()
        self.rows: list[tuple] = []
        self.next_id = 1

    def add(self, **values) -> int:
        if "id" not in values:
            values["id"] = self.next_id
            self.next_id += 1
        row = dict(self.defaults)
        row.update(values)
        self.rows.append(tuple(row[c] for c in self.columns))
        return values["id"]

    def start_after(self, last_id: int) -> None:
        self.next_id = last_id + 1

    def write(self) -> int:
        if not self.rows:
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                from psycopg.types.json import Jsonb

                json_at = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # noqa: S608 - table and column names from the model's meta
                    for row in self.rows:
                        if json_at:
                            row = list(row)
                            for i in json_at:
                                row[i] = Jsonb(row[i])
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                prepared = [
                    tuple(f.get_db_prep_save(v, connection) for f, v in zip(self.fields, row, strict=True))
                    for row in self.rows
                ]
                for start in range(0, len(prepared), 2000):
                    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608 - names from the model's meta
                    cursor.executemany(sql, prepared[start : start + 2000])
        count = len(self.rows)
        self.rows = []
        return count


def _ytunnus(base: int) -> str:
    """A business ID with a valid check digit (stdnum.fi.ytunnus's rule), or "" when none exists."""
    digits = f"{base:07d}"
    total = sum(w * int(d) for w, d in zip((7, 9, 10, 5, 8, 4, 2), digits, strict=True)) % 11
    if total == 1:
        return ""
    check = 0 if total == 0 else 11 - total
    return f"{digits}-{check}"


def _ascii(text: str) -> str:
    return text.lower().translate(str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "-"}))


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class CityScale:
    def __init__(self, *, scale: float, seed: int, out):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.scale = scale
        self.out = out
        self.today = timezone.localdate()
        self.tables: dict[type, Table] = {}
        self.counts: dict[str, int] = {}
        first_of_month = self.today.replace(day=1)
        self.prev_month_end = first_of_month - dt.timedelta(days=1)
        self.prev_month_start = self.prev_month_end.replace(day=1)

    def n(self, key: str, minimum: int = 1) -> int:
        return max(minimum, round(SIZES[key] * self.scale))

    def t(self, model) -> Table:
        if model not in self.tables:
            table = Table(model)
            last = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            table.start_after(last)
            self.tables[model] = table
        return self.tables[model]

    def at(self, day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)

    def log(self, message: str) -> None:
        self.out.write(f"[{time.monotonic() - self.started:6.1f} s] {message}")

    # --- People and units -------------------------------------------------------------------------
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
                email=f"tyotoiminta.{_ascii(name)}@jobcenter.example",
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
                    email=f"{_ascii(first)}.{_ascii(last)}.s{unit['id']}{role[:2]}@staff.jobcenter.example",
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
                email=f"{_ascii(first)}.{_ascii(last)}.{i + 1}@tyontekija.jobcenter.example",
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
                    business_id = _ytunnus(next_base)
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
                email = f"{_ascii(first)}.{_ascii(last)}{c}@{slug}.example"
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

    # --- Orders, gigs, assignments ----------------------------------------------------------------
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
                if state in (OrderStatus.INVOICED, OrderStatus.CLOSED)
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
                        if state in (OrderStatus.INVOICED, OrderStatus.CLOSED) and rng.random() < 0.4:
                            feedback.add(
                                assignment_id=aid,
                                rating=rng.choices([3, 4, 5], weights=[10, 40, 50])[0],
                                text=rng.choice(FEEDBACK_TEXTS),
                                source=FeedbackSource.CLIENT_LINK,
                                given_by_name="Yhteyshenkilö",
                                created_at=approved_at + dt.timedelta(days=3),
                                updated_at=approved_at + dt.timedelta(days=3),
                            )
            if state in (OrderStatus.INVOICED, OrderStatus.CLOSED) and dated_hours:
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

    # --- Invoices ---------------------------------------------------------------------------------
    def seed_invoices(self) -> None:
        rng = self.rng
        series, _ = InvoiceSeries.objects.get_or_create(code="JC", defaults={"next_number": 1000})
        invoices = self.t(Invoice)
        lines = self.t(InvoiceLine)
        links = self.t(Invoice.orders.through)
        events = self.t(InvoiceEvent)
        # Per-order clients: one invoice per order; monthly clients: one per client and month.
        batches: dict[tuple, list[dict]] = defaultdict(list)
        for item in self.to_invoice:
            if item["client"]["monthly"]:
                key = ("m", item["client"]["id"], item["last_day"].year, item["last_day"].month)
            else:
                key = ("o", item["order"])
            batches[key].append(item)

        def issue_day(key, items):
            if key[0] == "m":
                year, month = key[2], key[3]
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return min(self.today, following + dt.timedelta(days=2))
            return items[0]["invoiced_at"].date()

        ordered = sorted(batches.items(), key=lambda kv: (issue_day(*kv), kv[0]))
        number = series.next_number
        term = settings.JOBCENTER_PAYMENT_TERM_DAYS
        iban = "".join(settings.JOBCENTER_SELLER_IBAN.split())
        credit_candidates = []
        for key, items in ordered:
            client = items[0]["client"]
            issued = issue_day(key, items)
            with_number = key[0] == "m"
            drafts = []
            for item in sorted(items, key=lambda i: i["order"]):
                task_text = (
                    f"{item['task'].name_fi}: {item['title']}"
                    if item["task"].name_fi.lower() != item["title"].lower()
                    else item["title"]
                )
                if with_number:
                    task_text = f"{task_text} (#{item['order']})"
                for day, hours, workers in item["days"]:
                    price = self.price_on(item["contract"], day).client_hourly_price
                    vat_rate = self.vat_on(day)
                    net = _money(hours * price)
                    vat = _money(net * vat_rate / Decimal(100))
                    drafts.append((day, task_text, workers, hours, price, vat_rate, net, vat))
            drafts.sort(key=lambda d: (d[0], d[1]))
            net = sum((d[6] for d in drafts), Decimal("0.00"))
            vat = sum((d[7] for d in drafts), Decimal("0.00"))
            reference = reference_number(str(number).rjust(3, "0"))
            due = issued + dt.timedelta(days=term)
            paid = due < self.today - dt.timedelta(days=7) or (due < self.today and rng.random() < 0.5)
            at = self.at(issued, 9)
            invoice_id = invoices.add(
                series_id=series.pk,
                number=number,
                kind=InvoiceKind.INVOICE,
                client_id=client["id"],
                seller_name=settings.JOBCENTER_SELLER_NAME,
                seller_business_id=settings.JOBCENTER_SELLER_BUSINESS_ID,
                seller_iban=iban,
                seller_bic=settings.JOBCENTER_SELLER_BIC,
                buyer_name=client["name"],
                buyer_business_id=client["business_id"],
                buyer_street=client["street"],
                buyer_postal_code=client["postal"],
                buyer_city="Helsinki",
                buyer_email=f"laskutus@{client['slug']}.example",
                buyer_einvoice_address="003702012566" if client["kind"] == ClientType.CITY_UNIT else "",
                buyer_einvoice_operator="003721291126" if client["kind"] == ClientType.CITY_UNIT else "",
                client_reference="",
                language=client["language"],
                issue_date=issued,
                due_date=due,
                payment_term_days=term,
                penalty_interest_note=settings.JOBCENTER_PENALTY_INTEREST_NOTE[:200],
                reference=reference,
                reference_rf=rf_reference(reference),
                net=net,
                vat=vat,
                gross=net + vat,
                status=InvoiceStatus.PAID if paid else InvoiceStatus.ISSUED,
                paid_at=due - dt.timedelta(days=rng.randrange(0, 5)) if paid else None,
                paid_amount=net + vat if paid else None,
                pdf="",
                emailed_at=at + dt.timedelta(minutes=1),
                issued_by_id=rng.choice(self.coordinators),
                created_at=at,
                updated_at=at,
            )
            number += 1
            for position, d in enumerate(drafts, start=1):
                lines.add(
                    invoice_id=invoice_id,
                    position=position,
                    date=d[0],
                    task=d[1][:300],
                    worker_count=d[2],
                    hours=d[3],
                    unit_price=d[4],
                    vat_rate=d[5],
                    net=d[6],
                    vat=d[7],
                    gross=d[6] + d[7],
                )
            for item in items:
                links.add(invoice_id=invoice_id, order_id=item["order"])
            events.add(invoice_id=invoice_id, action="issued", by_id=rng.choice(self.coordinators), note="", at=at)
            if paid:
                events.add(
                    invoice_id=invoice_id,
                    action="paid",
                    by_id=rng.choice(self.coordinators),
                    note="",
                    at=at + dt.timedelta(days=term),
                )
            elif rng.random() < 0.01:
                credit_candidates.append((invoice_id, client, drafts, issued))
        # A few credit notes: the whole invoice back, with negative amounts.
        for invoice_id, client, drafts, issued in credit_candidates:
            day = min(self.today, issued + dt.timedelta(days=5))
            reference = reference_number(str(number).rjust(3, "0"))
            net = -sum((d[6] for d in drafts), Decimal("0.00"))
            vat = -sum((d[7] for d in drafts), Decimal("0.00"))
            at = self.at(day, 12)
            credit_id = invoices.add(
                series_id=series.pk,
                number=number,
                kind=InvoiceKind.CREDIT_NOTE,
                credits_id=invoice_id,
                credit_reason="Virheellinen laskutus.",
                client_id=client["id"],
                seller_name=settings.JOBCENTER_SELLER_NAME,
                seller_business_id=settings.JOBCENTER_SELLER_BUSINESS_ID,
                seller_iban=iban,
                seller_bic=settings.JOBCENTER_SELLER_BIC,
                buyer_name=client["name"],
                buyer_business_id=client["business_id"],
                buyer_street=client["street"],
                buyer_postal_code=client["postal"],
                buyer_city="Helsinki",
                buyer_email=f"laskutus@{client['slug']}.example",
                language=client["language"],
                issue_date=day,
                due_date=day,
                payment_term_days=0,
                penalty_interest_note="",
                reference=reference,
                reference_rf=rf_reference(reference),
                net=net,
                vat=vat,
                gross=net + vat,
                status=InvoiceStatus.ISSUED,
                pdf="",
                issued_by_id=rng.choice(self.coordinators),
                created_at=at,
                updated_at=at,
            )
            number += 1
            for position, d in enumerate(drafts, start=1):
                lines.add(
                    invoice_id=credit_id,
                    position=position,
                    date=d[0],
                    task=d[1][:300],
                    worker_count=d[2],
                    hours=-d[3],
                    unit_price=d[4],
                    vat_rate=d[5],
                    net=-d[6],
                    vat=-d[7],
                    gross=-(d[6] + d[7]),
                )
            events.add(invoice_id=credit_id, action="issued", by_id=rng.choice(self.coordinators), note="", at=at)
            self.credited.add(invoice_id)
        for model in (Invoice, InvoiceLine, Invoice.orders.through, InvoiceEvent):
            self.counts[model._meta.model_name] = self.t(model).write()
        if self.credited:
            Invoice.objects.filter(pk__in=self.credited).update(status=InvoiceStatus.CREDITED)
        InvoiceSeries.objects.filter(pk=series.pk).update(next_number=number)
        self.log(f"invoices: {self.counts['invoice']}, lines {self.counts['invoiceline']}")

    # --- Payouts, certificates, access log --------------------------------------------------------
    def seed_payouts(self) -> None:
        """Fee statements per worker and month for commission work up to two months ago."""
        rng = self.rng
        payouts = self.t(Payout)
        lines = self.t(PayoutLine)
        cutoff = self.prev_month_start - dt.timedelta(days=1)
        for worker_id, work in self.commission_work.items():
            w = self.workers[worker_id]
            by_month: dict[tuple, list] = defaultdict(list)
            for aid, day, hours, title in work:
                if day <= cutoff:
                    by_month[(day.year, day.month)].append((aid, day, hours, title))
            for (year, month), items in sorted(by_month.items()):
                start = dt.date(year, month, 1)
                end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
                rate = self.price_on(ContractType.COMMISSION, end).worker_hourly_pay
                hours = sum((i[2] for i in items), Decimal("0"))
                gross = _money(hours * rate)
                percent = Decimal("10.00")
                tax = _money(gross * percent / 100)
                pid = payouts.add(
                    worker_id=worker_id,
                    worker_name=f"{w['first']} {w['last']}",
                    worker_email="",
                    period_start=start,
                    period_end=end,
                    hours=hours,
                    gross=gross,
                    withholding_percent=percent,
                    tax_withheld=tax,
                    net=gross - tax,
                    language="fi",
                    created_by_id=rng.choice(self.coordinators),
                    created_at=self.at(end + dt.timedelta(days=5), 10),
                    pdf="",
                )
                for aid, day, h, title in items:
                    lines.add(
                        payout_id=pid,
                        assignment_id=aid,
                        date=day,
                        task=title,
                        hours=h,
                        rate=rate,
                        amount=_money(h * rate),
                    )
        self.counts["payout"] = payouts.write()
        self.counts["payoutline"] = lines.write()

    def seed_certificates_and_log(self) -> None:
        rng = self.rng
        certificates = self.t(WorkCertificate)
        log = self.t(AccessLogEntry)
        start = self.today - dt.timedelta(days=HISTORY_DAYS)
        for worker_id, w in self.workers.items():
            unit_staff = self.units_by_id[w["unit"]]["staff"]
            if rng.random() < 0.1:
                issued = self.at(self.today - dt.timedelta(days=rng.randrange(1, 300)), 13)
                certificates.add(
                    worker_id=worker_id,
                    issued_by_id=rng.choice(self.coordinators),
                    issued_at=issued,
                    period_start=start,
                    period_end=issued.date(),
                    include_feedback=False,
                    language="fi",
                    summary={"worker_name": f"{w['first']} {w['last']}", "total_hours": "0", "tasks": []},
                    pdf="",
                    created_at=issued,
                    updated_at=issued,
                )
            for _ in range(
                rng.randrange(SIZES["access_log_per_worker"] // 2, SIZES["access_log_per_worker"] * 3 // 2 + 1)
            ):
                at = self.at(
                    start + dt.timedelta(days=rng.randrange(0, HISTORY_DAYS)), rng.randrange(8, 17), rng.randrange(60)
                )
                log.add(
                    at=at,
                    user_id=rng.choice(unit_staff),
                    worker_id=worker_id,
                    data=rng.choice(["support_needs", "support_needs", "certificate", "benefits"]),
                    action="view",
                    path=f"/unit/workers/{worker_id}/support-needs/",
                    reason="",
                )
        self.counts["workcertificate"] = certificates.write()
        self.counts["accesslogentry"] = log.write()

    def seed_benefits(self) -> None:
        """Benefits in proportion: 70 % of workers receive one or two benefits, most have a consent
        to exchange benefit information, half had a benefit clarification."""
        from benefits.models import (
            Actor,
            Benefit,
            Clarification,
            ClarificationKind,
            Consent,
            ConsentData,
            PaymentPeriod,
            ReceivedBenefit,
        )

        rng = self.rng
        received = self.t(ReceivedBenefit)
        consents = self.t(Consent)
        clarifications = self.t(Clarification)
        kinds = [b for b in Benefit.values]
        since = self.today - dt.timedelta(days=HISTORY_DAYS)
        for worker_id, w in self.workers.items():
            staff = self.units_by_id[w["unit"]]["staff"]
            at = self.at(since + dt.timedelta(days=rng.randrange(0, 200)), 10)
            if rng.random() < 0.7:
                for benefit in rng.sample(kinds, rng.choice([1, 1, 2])):
                    received.add(
                        worker_id=worker_id,
                        benefit=benefit,
                        started_on=since - dt.timedelta(days=rng.randrange(0, 2000)),
                        ended_on=None,
                        payment_period=rng.choice(PaymentPeriod.values)
                        if benefit == Benefit.UNEMPLOYMENT_BENEFIT
                        else "",
                        recorded_by_id=rng.choice(staff),
                        created_at=at,
                        updated_at=at,
                    )
            if rng.random() < 0.85:
                consents.add(
                    worker_id=worker_id,
                    actors=[Actor.UNIT, Actor.COORDINATOR, Actor.KELA],
                    data=[ConsentData.BENEFITS, ConsentData.WORK_AND_EARNINGS],
                    given_on=at.date(),
                    valid_until=None,
                    recorded_by_id=rng.choice(staff),
                    created_at=at,
                    updated_at=at,
                )
            if rng.random() < 0.5:
                clarifications.add(
                    worker_id=worker_id,
                    kind=ClarificationKind.BENEFIT,
                    done_on=at.date(),
                    done_by_id=rng.choice(staff),
                    with_actor=Actor.KELA,
                    created_at=at,
                    updated_at=at,
                )
        for model in (ReceivedBenefit, Consent, Clarification):
            self.counts[model._meta.model_name] = self.t(model).write()

    # --- All ------------------------------------------------------------------------------------
    def run(self) -> dict[str, int]:
        self.started = time.monotonic()
        self.credited: set[int] = set()
        self.seed_reference()
        self.seed_people()
        self.units_by_id = {u["id"]: u for u in self.units}
        for model in (
            Unit,
            User,
            UnitMembership,
            Worker,
            Worker.skills.through,
            Worker.interests.through,
            WorkerGroup,
            WorkerGroup.members.through,
            WorkerTaxInfo,
            ClientOrganisation,
            ClientContact,
        ):
            self.counts[model._meta.model_name] = self.t(model).write()
        self._grant_coordinators()
        self.log("people written")
        self.seed_orders()
        self.seed_invoices()
        self.seed_payouts()
        self.seed_certificates_and_log()
        self.seed_benefits()
        self._reset_sequences()
        return self.counts

    def _grant_coordinators(self) -> None:
        from django.contrib.auth.models import Permission

        permission = Permission.objects.get(content_type__app_label="jobcenter", codename="coordinate")
        permission.user_set.add(*self.coordinators)

    def _reset_sequences(self) -> None:
        sql = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


DOMAIN_MODELS_TO_EMPTY = [
    # Children first; reference data (task types, terms, prices, VAT, services) stays.
    "billing.PayoutLine",
    "billing.Payout",
    "billing.WorkerTaxInfo",
    "billing.InvoiceEvent",
    "billing.InvoiceLine",
    "billing.Invoice",
    "orders.Feedback",
    "orders.AssignmentStatusChange",
    "orders.Assignment",
    "orders.Gig",
    "orders.OrderUnitNotice",
    "orders.OrderStatusChange",
    "orders.Order",
    "orders.ClientContact",
    "orders.ClientOrganisation",
    "jobcenter.AccessLogEntry",
    "jobcenter.OutboundEmail",
    "workers.WorkCertificate",
    "workers.WorkerGroup",
    "workers.Worker",
    "units.UnitMembership",
    "units.Unit",
]


def _empty_domain_tables() -> None:
    through = [Worker.skills.through, Worker.interests.through, WorkerGroup.members.through, Invoice.orders.through]
    names = through + [apps.get_model(label) for label in DOMAIN_MODELS_TO_EMPTY]
    benefit_models = [m for m in apps.get_app_config("benefits").get_models()]
    tables = [m._meta.db_table for m in benefit_models + names]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            # Rows inserted earlier in the same transaction leave deferred foreign-key checks pending,
            # and PostgreSQL refuses to TRUNCATE a table with pending trigger events: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {quoted} CASCADE")
            # Users go through the ORM, which first deletes what refers to them (permissions, groups,
            # allauth's email addresses and authenticators).
            User.objects.filter(models.Q(is_superuser=False) | models.Q(email="paakayttaja@jobcenter.example")).delete()
        else:
            for model in benefit_models + names:
                model.objects.all()._raw_delete(connection.alias)
            User.objects.exclude(is_superuser=True).delete()
            User.objects.filter(email="paakayttaja@jobcenter.example").delete()
    InvoiceSeries.objects.filter(code="JC").update(next_number=1000)


class Command(BaseCommand):
    help = "Generate a city-scale dataset (bulk inserts) for the performance benchmark. See docs/performance.md."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Size factor: 1 = 5,000 workers, 50,000 orders.")
        parser.add_argument("--seed", type=int, default=SEED, help="Random seed (the same seed gives the same data).")
        parser.add_argument(
            "--force", action="store_true", help="Empty the domain tables first when the database has data."
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run with DEBUG off (a benchmark server). Never on a production database.",
        )

    def handle(self, *args, scale: float, seed: int, force: bool, allow_without_debug: bool, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_cityscale fills the database with generated people and orders; with DEBUG off it runs only "
                "with --allow-without-debug (on a benchmark database, never in production)."
            )
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        has_data = Worker.objects.exists() or Order.objects.exists() or ClientOrganisation.objects.exists()
        if has_data and not force:
            raise CommandError(
                "The database already has workers, clients or orders. Use --force to empty those tables first "
                "(reference data stays)."
            )
        started = time.monotonic()
        with transaction.atomic():
            if has_data:
                _empty_domain_tables()
            counts = CityScale(scale=scale, seed=seed, out=self.stdout).run()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"City-scale data (scale {scale:g}) generated in {elapsed:.1f} s: ")
            + ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
        )
