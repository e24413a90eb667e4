"""The Jobcenter's own settings, imported into `jobcenter/settings.py` (one settings namespace):
the seller on invoices, the outbox's and the e-invoices' retries, readiness, the public forms and
retention. Django's and the services' settings stay in `jobcenter/settings.py`. Every variable is
listed in `.env.example`."""

from __future__ import annotations

from pathlib import Path

from jobcenter.environment import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Jobcenter ------------------------------------------------------------------------------------
# The seller's details printed on invoices (the "billing" issue uses them).
JOBCENTER_SELLER_NAME = env("JOBCENTER_SELLER_NAME", "Helsingin kaupunki / Jobcenter")
JOBCENTER_SELLER_BUSINESS_ID = env("JOBCENTER_SELLER_BUSINESS_ID", "0201256-6")
# The seller's postal address printed on invoices (the VAT number is derived from the business ID).
JOBCENTER_SELLER_STREET = env("JOBCENTER_SELLER_STREET", "PL 1")
JOBCENTER_SELLER_POSTAL_CODE = env("JOBCENTER_SELLER_POSTAL_CODE", "00099")
JOBCENTER_SELLER_CITY = env("JOBCENTER_SELLER_CITY", "Helsingin kaupunki")
# The seller's bank account (IBAN) printed on invoices, in the bank barcode and in Finvoice.
JOBCENTER_SELLER_IBAN = env("JOBCENTER_SELLER_IBAN", "FI4950009420028730")
# The BIC of the seller's bank.
JOBCENTER_SELLER_BIC = env("JOBCENTER_SELLER_BIC", "OKOYFIHH")
# The seller's own e-invoice address and operator: the sender (MessageSenderDetails) of every
# Finvoice message. The address defaults to the OVT code of the seller's business ID ("0037" and
# its eight digits: 0201256-6 gives 003702012566, the City's); the operator defaults to the one of
# the City's e-invoice address (003721291126). Set both to the seller's own e-invoicing contract.
JOBCENTER_SELLER_EINVOICE_ADDRESS = env(
    "JOBCENTER_SELLER_EINVOICE_ADDRESS", "0037" + "".join(c for c in JOBCENTER_SELLER_BUSINESS_ID if c.isdigit())
)
JOBCENTER_SELLER_EINVOICE_OPERATOR = env("JOBCENTER_SELLER_EINVOICE_OPERATOR", "003721291126")
# Payment term of invoices in days (due date = issue date + this).
JOBCENTER_PAYMENT_TERM_DAYS = env_int("JOBCENTER_PAYMENT_TERM_DAYS", 14)
# The penalty interest note printed on invoices.
JOBCENTER_PENALTY_INTEREST_NOTE = env(
    "JOBCENTER_PENALTY_INTEREST_NOTE", "Viivästyskorko korkolain mukaan. Dröjsmålsränta enligt räntelagen."
)
# How long a signed link in an email stays valid, in seconds.
JOBCENTER_SIGNED_LINK_MAX_AGE = env_int("JOBCENTER_SIGNED_LINK_MAX_AGE", 60 * 60 * 24 * 14)
# Who the public pages tell people to contact (e.g. on the "too many orders" page).
JOBCENTER_CONTACT_PHONE = env("JOBCENTER_CONTACT_PHONE")
JOBCENTER_CONTACT_EMAIL = env("JOBCENTER_CONTACT_EMAIL")
# The public order form accepts this many orders per window (seconds) from one IP address.
JOBCENTER_ORDER_FORM_RATE_LIMIT = env_int("JOBCENTER_ORDER_FORM_RATE_LIMIT", 5)
# Email domains that unrelated people share (gmail.com, hel.fi...): the same one says nothing about
# being the same client when a public order is matched (orders/services/client_match.py). Comma
# separated; unset = the list kept there.
JOBCENTER_SHARED_EMAIL_DOMAINS = env_list("JOBCENTER_SHARED_EMAIL_DOMAINS") or None
JOBCENTER_ORDER_FORM_RATE_WINDOW = env_int("JOBCENTER_ORDER_FORM_RATE_WINDOW", 600)
# The benchmark's trivial baseline view at /bench/trivial/ (bench/run.py sets it; off in production).
JOBCENTER_BENCH_VIEWS = env_bool("JOBCENTER_BENCH_VIEWS")
# ... and this many orders per window (seconds) with one contact email, from any connection.
JOBCENTER_ORDER_FORM_EMAIL_LIMIT = env_int("JOBCENTER_ORDER_FORM_EMAIL_LIMIT", 10)
JOBCENTER_ORDER_FORM_EMAIL_WINDOW = env_int("JOBCENTER_ORDER_FORM_EMAIL_WINDOW", 24 * 60 * 60)
# An order sent sooner than this many seconds after the form was shown is not saved yet (a bot, or
# a very fast person who is asked to send it again). 0 turns the check off (the test suite does).
JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS = env_int("JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS", 3)
# Largest accepted upload (a scanned consent form), in bytes.
JOBCENTER_UPLOAD_MAX_BYTES = env_int("JOBCENTER_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

# --- Retention (GDPR-1; the periods are the controller's records-management decisions) --
# A worker's personal data is anonymised this many years after their last activity (last gig, last
# login, deactivation or other change of the profile, certificate or payout).
JOBCENTER_RETENTION_WORKER_YEARS = env_int("JOBCENTER_RETENTION_WORKER_YEARS", 5)
# A client contact person's details are anonymised this many years after their last order or login.
JOBCENTER_RETENTION_CONTACT_YEARS = env_int("JOBCENTER_RETENTION_CONTACT_YEARS", 3)
# Accounting records: the Accounting Act (kirjanpitolaki 1336/1997, 2:10) keeps the books and
# financial statements 10 years and vouchers (tositteet: invoices, payout statements) 6 years from
# the end of the financial year. Invoices, invoice rows and payouts are never anonymised by the
# worker/contact retention; the worker's name on a payout statement is removed this many years after
# the end of the payout's year. The default is the longer, 10-year period, because payouts are posted
# to the books; the controller may set 6 when payouts count as vouchers only.
JOBCENTER_RETENTION_ACCOUNTING_YEARS = env_int("JOBCENTER_RETENTION_ACCOUNTING_YEARS", 10)
# Attendance notes (a late cancellation, a gig not come to) are kept this many days: long enough for
# the unit to see how a worker's year has gone when planning their support, no longer, since a note
# about attendance must not follow a person around.
JOBCENTER_RETENTION_ATTENDANCE_DAYS = env_int("JOBCENTER_RETENTION_ATTENDANCE_DAYS", 365)
# Gig follow-up items (preparing for a gig, going through it, with a staff member's short note) are
# kept this many days from when they were made: a working note for the next gigs, not a record for life.
JOBCENTER_RETENTION_FOLLOW_UP_DAYS = env_int("JOBCENTER_RETENTION_FOLLOW_UP_DAYS", 365)

# --- Attendance without blame (orders/services/absence.py) ------------------------------------------
# "En pääse" this many hours or less before the gig's start is noted as a late cancellation: a day
# is about the least a unit needs to find and prepare a stand-in (and the client to be told), so a
# later cancellation is worth a kind word with the worker, never a penalty.
JOBCENTER_ATTENDANCE_LATE_HOURS = env_int("JOBCENTER_ATTENDANCE_LATE_HOURS", 24)
# This many attendance notes within this many days show the unit a prompt to talk with the worker
# about how things are going (one ill week is not a pattern; three cancellations in a month may be).
JOBCENTER_ATTENDANCE_PATTERN_NOTES = env_int("JOBCENTER_ATTENDANCE_PATTERN_NOTES", 3)
JOBCENTER_ATTENDANCE_PATTERN_DAYS = env_int("JOBCENTER_ATTENDANCE_PATTERN_DAYS", 30)

# --- Reminders before a gig (orders/selectors/reminders.py) ----------------------------------------
# The worker on a gig and the staff member coming along get two reminders, in Helsinki time: the day
# before at DAY_BEFORE_AT (afternoon: time to pack and plan the trip), and on the gig's day at
# MORNING_AT, or MORNING_MIN_HOURS before the start when the gig starts earlier than that allows.
# The periodic job that sends them: "send-gig-reminders" in CELERY_BEAT_SCHEDULE (settings.py).
JOBCENTER_REMINDER_DAY_BEFORE_AT = env("JOBCENTER_REMINDER_DAY_BEFORE_AT", "16:00")
JOBCENTER_REMINDER_MORNING_AT = env("JOBCENTER_REMINDER_MORNING_AT", "07:00")
JOBCENTER_REMINDER_MORNING_MIN_HOURS = env_int("JOBCENTER_REMINDER_MORNING_MIN_HOURS", 2)

# --- Outbox and e-invoices ------------------------------------------------------------------------
# Outgoing email (jobcenter.mail): a temporary SMTP error is retried after base × 2^(attempt − 1)
# seconds, at most the maximum delay, up to the maximum number of attempts; then the email is
# marked failed and shown to the coordinator. A send interrupted for longer than the stale time
# (the worker died) is marked failed too: it may have arrived, so only a person sends it again.
JOBCENTER_EMAIL_MAX_ATTEMPTS = env_int("JOBCENTER_EMAIL_MAX_ATTEMPTS", 6)
JOBCENTER_EMAIL_RETRY_BASE_SECONDS = env_int("JOBCENTER_EMAIL_RETRY_BASE_SECONDS", 60)
JOBCENTER_EMAIL_RETRY_MAX_SECONDS = env_int("JOBCENTER_EMAIL_RETRY_MAX_SECONDS", 60 * 60)
JOBCENTER_EMAIL_SENDING_STALE_SECONDS = env_int("JOBCENTER_EMAIL_SENDING_STALE_SECONDS", 15 * 60)
# Text messages (jobcenter.sms; docs/sms.md): the backend (a dotted class path; the console one writes
# them to standard output, the HTTP gateway one POSTs JSON to the gateway below). They follow the
# email's retries and stale time above. The sender name is what the phone shows (at most 11 letters).
JOBCENTER_SMS_BACKEND = env("JOBCENTER_SMS_BACKEND", "jobcenter.sms_backends.console.ConsoleSmsBackend")
JOBCENTER_SMS_GATEWAY_URL = env("JOBCENTER_SMS_GATEWAY_URL")
JOBCENTER_SMS_GATEWAY_USERNAME = env("JOBCENTER_SMS_GATEWAY_USERNAME")
JOBCENTER_SMS_GATEWAY_API_KEY = env("JOBCENTER_SMS_GATEWAY_API_KEY")
JOBCENTER_SMS_SENDER = env("JOBCENTER_SMS_SENDER", "Jobcenter")
JOBCENTER_SMS_GATEWAY_TIMEOUT = env_int("JOBCENTER_SMS_GATEWAY_TIMEOUT", 10)
# E-invoices (billing.services.dispatch): the transport (a dotted class path; the shipped one writes
# each message with its SOAP envelope to a folder that the operator's SFTP collects, so production
# sets only the folder) and the same retry discipline as the outbox: a temporary transport error is
# retried with doubling delays up to the maximum number of attempts, then the dispatch is failed and
# listed for the coordinator; an interrupted send is failed after the stale time, never resent.
JOBCENTER_EINVOICE_TRANSPORT = env("JOBCENTER_EINVOICE_TRANSPORT", "billing.einvoice.folder.FolderTransport")
JOBCENTER_EINVOICE_OUTBOX_DIR = Path(env("JOBCENTER_EINVOICE_OUTBOX_DIR", str(BASE_DIR / "var" / "einvoice-outbox")))
JOBCENTER_EINVOICE_MAX_ATTEMPTS = env_int("JOBCENTER_EINVOICE_MAX_ATTEMPTS", 6)
JOBCENTER_EINVOICE_RETRY_BASE_SECONDS = env_int("JOBCENTER_EINVOICE_RETRY_BASE_SECONDS", 60)
JOBCENTER_EINVOICE_RETRY_MAX_SECONDS = env_int("JOBCENTER_EINVOICE_RETRY_MAX_SECONDS", 60 * 60)
JOBCENTER_EINVOICE_SENDING_STALE_SECONDS = env_int("JOBCENTER_EINVOICE_SENDING_STALE_SECONDS", 15 * 60)

# --- Paying workers ------------------------------------------------------------------------------
# The payer of commission fees in the bank file (pain.001 Dbtr) and the Incomes Register reports:
# the City's name, business ID, and the account the fees are paid from. Default: the seller's.
JOBCENTER_PAYER_NAME = env("JOBCENTER_PAYER_NAME", "Helsingin kaupunki")
JOBCENTER_PAYER_BUSINESS_ID = env("JOBCENTER_PAYER_BUSINESS_ID", JOBCENTER_SELLER_BUSINESS_ID)
JOBCENTER_PAYER_IBAN = env("JOBCENTER_PAYER_IBAN", JOBCENTER_SELLER_IBAN)
JOBCENTER_PAYER_BIC = env("JOBCENTER_PAYER_BIC", JOBCENTER_SELLER_BIC)
# Incomes Register (billing.incomes_register): the transport (a dotted class path; the shipped one
# writes each delivery as an XML file into a folder, for the register's upload service; the
# register's web service needs a certificate from its certificate service, whose file is the one
# setting production adds), whether deliveries are marked as production data, the contact person
# every delivery names, and the days after a payment date by which its report is due.
JOBCENTER_IR_TRANSPORT = env("JOBCENTER_IR_TRANSPORT", "billing.incomes_register.transports.FolderTransport")
JOBCENTER_IR_OUTBOX_DIR = Path(env("JOBCENTER_IR_OUTBOX_DIR", str(BASE_DIR / "var" / "incomes-register-outbox")))
JOBCENTER_IR_CERTIFICATE = env("JOBCENTER_IR_CERTIFICATE")
JOBCENTER_IR_ENDPOINT = env("JOBCENTER_IR_ENDPOINT")
JOBCENTER_IR_PRODUCTION = env_bool("JOBCENTER_IR_PRODUCTION")
JOBCENTER_IR_CONTACT_NAME = env("JOBCENTER_IR_CONTACT_NAME", "Jobcenter-koordinaattori")
JOBCENTER_IR_CONTACT_PHONE = env("JOBCENTER_IR_CONTACT_PHONE", "+358 9 310 1691")
JOBCENTER_IR_DUE_DAYS = env_int("JOBCENTER_IR_DUE_DAYS", 5)
# A report due within this many days and not sent is a warning on every coordinator page.
JOBCENTER_IR_WARN_DAYS = env_int("JOBCENTER_IR_WARN_DAYS", 2)
# The coordinator's Today page lists terms sent this many days ago or more and not accepted yet.
JOBCENTER_TERMS_UNANSWERED_DAYS = env_int("JOBCENTER_TERMS_UNANSWERED_DAYS", 7)
# Product sales: the trial sales period after a product's first delivery, in months; its sales are
# reviewed at its end (the review date's default). Two months in the pilot.
JOBCENTER_PRODUCT_TRIAL_MONTHS = env_int("JOBCENTER_PRODUCT_TRIAL_MONTHS", 2)

# --- Readiness ------------------------------------------------------------------------------------
# Readiness (/readyz): an email still waiting to be sent after this many seconds counts as a failing
# part ("email"). Like a cache or broker outage it turns /readyz?strict=1 (a monitor's view) into
# 503, never the load balancer's plain /readyz: a mail backlog is no reason to stop serving pages.
JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS = env_int("JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS", 30 * 60)
