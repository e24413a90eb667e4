"""Services, units, their staff and the workers of the demo, as in the pilot: two work-activity
services (disability services with staff along, adult social work with phone support), three
units with an instructor, a job coach and a manager each, and twelve workers."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from demo.creation.context import DemoContext
from demo.creation.logins import ADMIN_EMAIL, COORDINATOR_EMAIL, DEMO_TOTP_SECRET, staff_email, worker_email
from jobcenter.services import coordinator_grant
from units.models import ServiceKind, StaffRole, SupportMode, Unit, WorkActivityService
from units.services import unit_create, unit_membership_add, work_activity_service_create
from workers.models import Worker, WorkerGroup
from workers.services import worker_create, worker_group_create

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
    phone: str = ""  # a made-up number: her text messages go to the SMS console backend


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
        phone="040 000 0107",
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


def _demo_totp(ctx: DemoContext, user) -> None:
    """Staff need a second factor: give the demo staff a TOTP authenticator with the demo secret."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        ctx.created += 1


def seed_people_and_units(ctx: DemoContext) -> None:
    ctx.admin = ctx.user(email=ADMIN_EMAIL, first_name="Ylläpito", last_name="Demo", is_superuser=True, is_staff=True)
    coordinator = ctx.user(email=COORDINATOR_EMAIL, first_name="Laura", last_name="Salminen")
    ctx.coordinator = coordinator_grant(user=coordinator, admin_access=True)

    for kind, name, support, time_limited in SERVICES:
        service = WorkActivityService.objects.filter(kind=kind).first()
        if service is None:
            service = work_activity_service_create(
                kind=kind, name=name, default_support=support, time_limited=time_limited
            )
            ctx.created += 1
        ctx.services[kind] = service

    for key, kind, name, street, postal_code, phone, email in UNITS:
        unit = Unit.objects.filter(name=name).first()
        if unit is None:
            unit = unit_create(
                service=ctx.services[kind],
                name=name,
                street_address=street,
                postal_code=postal_code,
                phone=phone,
                email=email,
            )
            ctx.created += 1
        ctx.units[key] = unit

    for unit_key, role, first_name, last_name in STAFF:
        user = ctx.user(email=staff_email(first_name, last_name), first_name=first_name, last_name=last_name)
        unit_membership_add(user=user, unit=ctx.units[unit_key], role=role)
        ctx.staff[(unit_key, role)] = user

    for user in [ctx.admin, ctx.coordinator, *ctx.staff.values()]:
        _demo_totp(ctx, user)

    for spec in WORKERS:
        user = ctx.user(
            email=worker_email(spec.first_name, spec.last_name),
            first_name=spec.first_name,
            last_name=spec.last_name,
            language=spec.language,
            phone=spec.phone,
        )
        worker = Worker.objects.filter(user=user).first()
        if worker is None:
            worker = worker_create(
                user=user,
                home_unit=ctx.units[spec.unit],
                support_needs=spec.support_needs,
                skills=[ctx.task_types[c] for c in spec.skills],
                interests=[ctx.task_types[c] for c in spec.interests],
                interests_note=spec.interests_note,
            )
            ctx.created += 1
        ctx.workers[spec.key] = worker

    for unit_key, name, members in WORKER_GROUPS:
        unit = ctx.units[unit_key]
        group = WorkerGroup.objects.filter(unit=unit, name=name).first()
        if group is None:
            group = worker_group_create(unit=unit, name=name, members=[ctx.workers[m] for m in members])
            ctx.created += 1
        ctx.groups[name] = group
