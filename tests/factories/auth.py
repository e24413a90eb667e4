"""Login helpers for tests: the staff second factor (AUTH-1) and TOTP codes.

Staff pages need an "mfa" authentication record in the session (`jobcenter.middleware`). A test
that logs staff in with `client.force_login(user)` gets that record automatically (see the
`_force_login_completes_staff_mfa` fixture in tests/conftest.py); these helpers are for tests that
build sessions by hand, log in through the real forms, or need TOTP codes.
"""

from __future__ import annotations

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from demo.management.commands.seed_demo import DEMO_TOTP_SECRET

# allauth keeps the records together with the id of the user they belong to.
_RECORDS_USER_KEY = "account_authentication_methods_user"
TOTP_PERIOD = 30


def mark_session_mfa(client, user) -> None:
    """Record in the client's session that `user` passed TOTP now (as allauth does at login)."""
    session = client.session
    records = list(session.get(AUTHENTICATION_METHODS_SESSION_KEY) or [])
    if session.get(_RECORDS_USER_KEY) != str(user.pk):
        records = []
    records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_RECORDS_USER_KEY] = str(user.pk)
    session.save()


def login_staff(client, user) -> None:
    """Log a staff user in with both factors done (force_login does it too; this says so)."""
    client.force_login(user)
    mark_session_mfa(client, user)


def give_totp(user, secret: str = DEMO_TOTP_SECRET) -> Authenticator:
    """Give the user a TOTP authenticator with a known secret."""
    return TOTP.activate(user, secret).instance


def totp_code(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    """The code an authenticator app shows for `secret` at time `at` (now by default).

    Now: when the code is about to change, wait for the next one, as a person would. The server
    accepts the current period's code only, and a busy machine can take a few seconds between
    reading the code and posting it (a browser journey on a loaded CI machine did)."""
    if at is None and TOTP_PERIOD - time.time() % TOTP_PERIOD < 5:
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.1)
    counter = int(time.time() if at is None else at) // TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
