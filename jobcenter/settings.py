"""One settings module for every environment, read from environment variables.

With nothing set it runs on the embedded default: SQLite, Celery eager, email to the console.
With DATABASE_URL and REDIS_URL set it runs on PostgreSQL and a real Celery worker on Redis.
Every variable is listed in `.env.example`.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from jobcenter.environment import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


# --- Core -----------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = env("DJANGO_SECRET_KEY") or ("insecure-development-key-never-in-production" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address of the service; used in links that leave the site (emails, PDFs).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "jobcenter",
    "units",
    "workers",
    "orders",
    "billing",
    "benefits",
    "web",
    "demo",
    # Before the admin: it registers the translated fields (orders/translation.py) the admin shows.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "jobcenter.access_log.RequestIdMiddleware",  # a request id for the access log rows (LOG-1)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Cache-Control: no-store and Permissions-Policy on every dynamic response (LOG-4, DEP-2).
    "jobcenter.headers.PrivateResponseHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff need the second factor; sessions time out (AUTH-1, AUTH-4). After allauth's.
    "jobcenter.middleware.SessionSecurityMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jobcenter.urls"
WSGI_APPLICATION = "jobcenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jobcenter.context_processors.roles",
            ],
        },
    },
    # Plain text (the text part and the subject of emails, jobcenter.mail): the same templates,
    # rendered without HTML escaping, so "O'Brien & Sons" is not sent as "O&#x27;Brien &amp; Sons".
    # Never used for a page: a text part goes out as text/plain and is never read as HTML.
    # The first engine stays Django's default (Engine.get_default(), render_to_string without `using`).
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database host that does not answer fails a request (and /readyz) in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
# Services own their transactions (each state change is one service function in its own
# transaction, with its guard), so requests are not wrapped in one.
ATOMIC_REQUESTS = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, locks): Redis when configured, memory otherwise --------------------------
REDIS_URL = env("REDIS_URL")
# Seconds a cache or broker call waits for Redis to connect / to answer: a Redis that is down or
# does not answer costs a request at most about this, never a hang (docs/operations.md).
REDIS_SOCKET_TIMEOUT = float(env("REDIS_SOCKET_TIMEOUT", "0.5"))
if REDIS_URL:
    # Redis, and a per-process memory cache while Redis is unreachable (jobcenter/cache.py): login,
    # login codes and the order form keep working; rate limits then hold per process (SECURITY.md).
    CACHES = {
        "default": {
            "BACKEND": "jobcenter.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_SOCKET_TIMEOUT, "socket_timeout": REDIS_SOCKET_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ---------------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL or "cache+memory://")
# No broker configured -> run tasks inline (the embedded default). CI's pytest keeps them eager too
# and starts a real worker only for the tests marked `worker`.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Helsinki"
# Redis redelivers a task whose worker died (acks_late) after this many seconds. Keep it above the
# longest countdown (the outbox's retry delay below), or a waiting retry would be delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 2 * 60 * 60),
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    "socket_timeout": max(REDIS_SOCKET_TIMEOUT, 2.0),
}
# A page that enqueues a task (jobcenter.tasks.enqueue_on_commit) must not hang when the broker is
# down: one quick retry of the publish, short connection timeouts for the broker and the result
# store (whose default retry policy alone waits about 19 s). The task that could not be queued is
# picked up later (the outbox sweep, the invoice PDF sweep), or the page says it could not start.
CELERY_BROKER_CONNECTION_TIMEOUT = max(REDIS_SOCKET_TIMEOUT, 1.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
_PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TASK_PUBLISH_RETRY_POLICY = _PUBLISH_RETRY
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _PUBLISH_RETRY}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = max(REDIS_SOCKET_TIMEOUT, 2.0)
CELERY_BEAT_SCHEDULE = {
    "resend-stuck-email": {
        "task": "jobcenter.requeue_stuck_email",
        "schedule": 300.0,
    },
    "resend-stuck-sms": {
        "task": "jobcenter.requeue_stuck_sms",
        "schedule": 300.0,
    },
    # E-invoice dispatches whose send task was lost, and sends interrupted by a dying worker.
    "requeue-stuck-einvoices": {
        "task": "billing.requeue_stuck_einvoices",
        "schedule": 300.0,
    },
    # Invoices whose PDF task was never queued (broker down at issue): render and email them.
    "render-missing-invoice-pdfs": {
        "task": "billing.render_missing_invoice_pdfs",
        "schedule": 600.0,
    },
    # Reminders before a gig, each sent once (orders.tasks): every 10 minutes by default, so a
    # reminder leaves at most that long after its clock time (JOBCENTER_REMINDER_* settings).
    "send-gig-reminders": {
        "task": "orders.send_gig_reminders",
        "schedule": float(env_int("JOBCENTER_REMINDERS_EVERY_SECONDS", 600)),
    },
    # After each gig: the supporting staff member's item to go through it with the worker.
    "create-gig-follow-ups": {
        "task": "orders.create_gig_follow_ups",
        "schedule": float(env_int("JOBCENTER_FOLLOW_UPS_EVERY_SECONDS", 900)),
    },
    # Retention (GDPR-1): anonymise people whose retention period has passed, nightly.
    "anonymise-expired-personal-data": {
        "task": "workers.anonymise_expired_personal_data",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- Authentication -------------------------------------------------------------------------------
AUTH_USER_MODEL = "jobcenter.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
# Accounts are created by the coordinator and the units, never by self-signup.
ACCOUNT_ADAPTER = "jobcenter.adapters.AccountAdapter"
# Workers and client contacts log in with a code sent by email; nobody has to remember a password.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "5/m/ip,3/5m/key",
}
# Changing the email address, the password or the second factor needs a fresh re-authentication.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# "webauthn": a worker's passkey (fingerprint or face on her phone) opens her figures alone and logs
# her in (jobcenter.passkey_services, docs/strong-sessions.md); logging in by emailed code still works.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Jobcenter"
# Staff (administrators, coordinators, unit staff) always use TOTP; `jobcenter.middleware` sends
# them to set it up or to enter its code before any other page. Sessions end after inactivity and,
# whatever the activity, a fixed time after login; staff limits are shorter (minutes).
JOBCENTER_STAFF_IDLE_TIMEOUT_MINUTES = env_int("JOBCENTER_STAFF_IDLE_TIMEOUT_MINUTES", 30)
JOBCENTER_STAFF_ABSOLUTE_TIMEOUT_MINUTES = env_int("JOBCENTER_STAFF_ABSOLUTE_TIMEOUT_MINUTES", 10 * 60)
JOBCENTER_IDLE_TIMEOUT_MINUTES = env_int("JOBCENTER_IDLE_TIMEOUT_MINUTES", 120)
JOBCENTER_ABSOLUTE_TIMEOUT_MINUTES = env_int("JOBCENTER_ABSOLUTE_TIMEOUT_MINUTES", 12 * 60)
# In-person step-up (jobcenter.stepup_services): the code a worker shows is valid this long, and a
# confirmation by staff makes the worker's session strong for this long (minutes).
JOBCENTER_STEPUP_CODE_MINUTES = env_int("JOBCENTER_STEPUP_CODE_MINUTES", 10)
JOBCENTER_STEPUP_IN_PERSON_MINUTES = env_int("JOBCENTER_STEPUP_IN_PERSON_MINUTES", 30)
# Identity providers (allauth social account ids) whose login counts as strong identification
# (jobcenter.stepup), e.g. the City's OpenID Connect login with Suomi.fi; none by default.
JOBCENTER_STRONG_SOCIAL_PROVIDERS = env_list("JOBCENTER_STRONG_SOCIAL_PROVIDERS")

# Sessions in the database, never in the cache: a Redis outage must not log anybody out or lose a
# login in progress (the login-code stage lives in the session too).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first dates, "klo 10.00" and decimal commas as Helsinki writes them (jobcenter/formats).
FORMAT_MODULE_PATH = ["jobcenter.formats"]
# Data in three languages (task types, order terms): Finnish is required and stands in for a missing one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Email ----------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Jobcenter <jobcenter@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Over HTTPS the cookies carry the __Host- prefix: the browser then accepts them only if Secure, for
# the whole site and from this host alone (no Domain), so a sibling subdomain can't set or shadow them.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
# A form sent without a valid CSRF token (an old page, cookies off) gets a page in the site's look
# that says nothing was saved and what to do (jobcenter/views_errors.py), not Django's technical one.
CSRF_FAILURE_VIEW = "jobcenter.views_errors.csrf_failure"
# Content-Security-Policy (django-csp 4; DEP-2): only this origin, no inline script or style
# anywhere (templates carry none; JavaScript lives in static/js/), no plugins, no framing, no <base>.
# `data:` images are the icons inside HDS's stylesheets and the TOTP QR code of the MFA setup page.
# Forms post only to this site; an OpenID Connect provider's origin goes in JOBCENTER_CSP_FORM_ACTION.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *env_list("JOBCENTER_CSP_FORM_ACTION")],
    }
}
# Browser features the site never uses, switched off for every page.
JOBCENTER_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# --- Logging --------------------------------------------------------------------------------------
# Every handler redacts personal identity codes and email addresses (jobcenter/logging.py, LOG-4);
# so does Django's error report (the admins' error email), which also hides `sensitive_*` values.
DEFAULT_EXCEPTION_REPORTER = "jobcenter.logging.RedactingExceptionReporter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "jobcenter.logging.RedactPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_personal_data"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# --- Jobcenter: the service's own settings (seller, outbox, e-invoices, public forms, retention) ---
from jobcenter.settings_jobcenter import *  # noqa: E402, F403 - one settings namespace, two files
