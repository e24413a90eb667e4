"""The demo's published credentials and the logins the command prints, one per role."""

from __future__ import annotations

import time
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from demo.creation.clients import CLIENTS
from jobcenter.roles import Role

DEMO_PASSWORD = "jobcenter-demo"  # noqa: S105 - the demo's published password, printed by `make run`
# Staff (administrator, coordinator, unit staff) log in with a password and a TOTP code: a staff
# account can see workers' personal data, so a password alone is not enough. Every demo staff
# account has an authenticator with this published secret: add it to an authenticator app, or
# print the current code with `manage.py seed_demo --totp-code`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - the demo's published TOTP secret (see above)

ADMIN_EMAIL = "admin@jobcenter.example"
COORDINATOR_EMAIL = "koordinaattori@jobcenter.example"
PAYER_EMAIL = "maksut@jobcenter.example"


def _ascii(name: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return name.translate(table).lower()


def staff_email(first_name: str, last_name: str) -> str:
    return f"{_ascii(first_name)}.{_ascii(last_name)}@jobcenter.example"


def worker_email(first_name: str, last_name: str) -> str:
    return f"{_ascii(first_name)}.{_ascii(last_name)}@koti.example"


@dataclass
class Login:
    label: str
    email: str
    role: str  # jobcenter.roles.Role: the role this login demonstrates
    try_this: str


# The logins printed at the end: one per role, two for unit staff, workers and client contacts.
LOGINS = [
    Login("administrator", ADMIN_EMAIL, Role.ADMINISTRATOR, "/admin/: every model, users, price list, VAT"),
    Login(
        "coordinator",
        COORDINATOR_EMAIL,
        Role.COORDINATOR,
        (
            "/coordinator/: orders by state; send terms, inform units, approve hours (Riikka); move packing: "
            "offer Jenni (benefit warnings), Antti (unemployment benefit) needs the commission-work explanation; "
            "/billing/: invoices (the city's monthly invoice, a credit note, one overdue), /billing/payouts/; "
            "/billing/payment-runs/: this month's draft run waits for the paying role; "
            "/coordinator/partners/: Väylä ry employs Aino (Vallila cleaning, 2 h every second week): "
            "the month's hours report (PDF, CSV) and its invoices to the client; /coordinator/production/: "
            "Uusix's costumes for two schools (one order made into gigs, the first attempt stopped); "
            "/coordinator/products/: the Töölö handicrafts' agreements, deliveries and reviews; "
            "when plans change: the resident letters (Eeva ill: Find a stand-in), the renovation cleaning "
            "(cancelled late by the client: the charge on the invoice preview), the second safety phones "
            "(a message to everyone on the gig; Riikka got it as a text message)"
        ),
    ),
    Login(
        "payer (paying role)",
        PAYER_EMAIL,
        Role.PAYER,
        (
            "/billing/payment-runs/: approve this month's draft (the coordinator made it), download the bank file, "
            "upload its status report (manage.py bank_status_example); last month's run: paid, Petri's payment "
            "rejected (closed account); /billing/incomes-register/: the reports sent, a cancellation to make"
        ),
    ),
    Login(
        "unit staff, Vallila (instructor)",
        staff_email("Maija", "Virtanen"),
        Role.UNIT_STAFF,
        (
            "/unit/: needs and proposals; /unit/workers/: Vallila's workers, act for a worker; Aino's page: "
            "her employment contract with Väylä ry and the income clarification done before it started; "
            "Eeva's page: she cannot come (ill), Etsi sijainen: Aino, proposed before, waits"
        ),
    ),
    Login(
        "unit staff, Töölö (instructor)",
        staff_email("Sari", "Nieminen"),
        Role.UNIT_STAFF,
        "/unit/: a need announced to Töölö (handicrafts): propose a worker; /unit/products/: Helmi's "
        "potholders and bags sold to Väylä ry (agreement, deliveries, the sales review and reorder); "
        "Riikka's page: told by text message (the gig message, the reminders)",
    ),
    Login(
        "worker A, Vallila",
        worker_email("Aino", "Lahtinen"),
        Role.WORKER,
        (
            "/me/ on a phone: next gig (office cleaning), earnings, feedback, history; /me/money/: a fee paid; "
            "a window-washing offer at the month's end: /me/identify/ then shows when its money comes and "
            "into which month's income it counts"
        ),
    ),
    Login(
        "worker B, Uusix-verstas",
        worker_email("Petri", "Mustonen"),
        Role.WORKER,
        (
            "/me/ on a phone: a gig offer waiting (move packing); /me/identify/ then shows what it does to the "
            "benefits; /me/money/: a payment the bank returned (closed account)"
        ),
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


def demo_totp_code() -> str:
    """The code an authenticator app with the demo secret shows now."""
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))


def logins_table(logins: list[Login]) -> str:
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
