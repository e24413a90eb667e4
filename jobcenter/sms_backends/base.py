"""The SMS backend interface. A backend has one method, `send(message) -> gateway id`; it raises
`TemporarySmsError` (worth another try later) or `PermanentSmsError` (a person must fix the cause),
and returning means the message left: the row is recorded as sent and never sent again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The message did not leave. The text is shown to the coordinator as the reason."""


class TemporarySmsError(SmsError):
    """The gateway is down, busy or did not answer in time."""


class PermanentSmsError(SmsError):
    """The gateway refused the message (a wrong number, wrong credentials, a missing setting)."""


@dataclass(frozen=True)
class SmsMessage:
    """One text message as it leaves: our row's id (a reference the gateway may use to drop a
    duplicate), the number in E.164 form and the text."""

    reference: str
    to: str
    text: str


@runtime_checkable
class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> str:
        """Hand the message over; return the gateway's id for it ("" if it gives none)."""
        ...


def get_backend() -> SmsBackend:
    """The backend of this installation (`JOBCENTER_SMS_BACKEND`, a dotted class path)."""
    return import_string(settings.JOBCENTER_SMS_BACKEND)()
