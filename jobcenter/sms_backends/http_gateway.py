"""An SMS gateway's HTTP API: one JSON POST per message (the request and the answers in docs/sms.md).

Finnish SMS gateways take a message as a JSON POST with the sender name, the number and the text,
authenticated with an account name and an API key; the settings name this installation's gateway:
`JOBCENTER_SMS_GATEWAY_URL`, `_USERNAME`, `_API_KEY`, `JOBCENTER_SMS_SENDER` and `_TIMEOUT`.

What an answer means for the outbox (the same rules as the mail server's): 2xx sent; 408 and 429 (the
gateway is busy), any 5xx, a refused connection and a timeout are temporary, tried again later; any
other 4xx (a wrong number, wrong credentials, a text the gateway will not take) is permanent.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

from jobcenter.sms_backends.base import PermanentSmsError, SmsMessage, TemporarySmsError

TEMPORARY_STATUSES = frozenset({408, 425, 429})
# Plain HTTP only to this machine (a local relay, the tests' server); the API key never crosses a
# network unencrypted.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """urllib would repeat a redirected POST as a GET without its body; a moved gateway is an error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _answer_text(err: urllib.error.HTTPError) -> str:
    try:
        return err.read(500).decode("utf-8", "replace").strip()
    except OSError:
        return ""


class HttpGatewaySmsBackend:
    def __init__(self):
        self.url = settings.JOBCENTER_SMS_GATEWAY_URL
        self.username = settings.JOBCENTER_SMS_GATEWAY_USERNAME
        self.api_key = settings.JOBCENTER_SMS_GATEWAY_API_KEY
        self.sender = settings.JOBCENTER_SMS_SENDER
        self.timeout = settings.JOBCENTER_SMS_GATEWAY_TIMEOUT

    def _check_settings(self) -> None:
        if not self.url or not self.api_key:
            raise PermanentSmsError("The SMS gateway is not configured (JOBCENTER_SMS_GATEWAY_URL, _API_KEY).")
        parts = urlsplit(self.url)
        if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS):
            raise PermanentSmsError("JOBCENTER_SMS_GATEWAY_URL must be an https:// address.")

    def _authorization(self) -> str:
        if self.username:
            token = base64.b64encode(f"{self.username}:{self.api_key}".encode()).decode("ascii")
            return f"Basic {token}"
        return f"Bearer {self.api_key}"

    def send(self, message: SmsMessage) -> str:
        self._check_settings()
        body = json.dumps(
            {"sender": self.sender, "to": message.to, "text": message.text, "reference": message.reference},
            ensure_ascii=False,
        ).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above (https, or http to localhost)
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "Authorization": self._authorization(),
                "User-Agent": "Jobcenter",
            },
        )
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                raw = response.read(10_000)
        except urllib.error.HTTPError as err:
            detail = f"HTTP {err.code}: {_answer_text(err)}".strip().rstrip(":")
            if err.code in TEMPORARY_STATUSES or err.code >= 500:
                raise TemporarySmsError(detail) from None
            raise PermanentSmsError(detail) from None
        except TimeoutError as err:
            raise TemporarySmsError(f"No answer from the SMS gateway in {self.timeout} s.") from err
        except urllib.error.URLError as err:
            raise TemporarySmsError(f"The SMS gateway could not be reached: {err.reason}") from None
        except OSError as err:
            raise TemporarySmsError(f"The SMS gateway could not be reached: {err}") from None
        return _gateway_id(raw)


def _gateway_id(raw: bytes) -> str:
    """The gateway's id of the message from its JSON answer ("id" or "message_id"); "" if none."""
    try:
        answer = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        return ""
    if not isinstance(answer, dict):
        return ""
    return str(answer.get("id") or answer.get("message_id") or "")[:100]
