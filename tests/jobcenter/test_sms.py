"""Text messages through the outbox: a row stored in the caller's transaction, sent after commit at
most once; the console backend; the HTTP gateway backend up to the wire against a small HTTP server
on this machine (its request, a sent message, 4xx permanent, 5xx and a timeout temporary); failed
messages on the coordinator's outbox page."""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.urls import reverse

from jobcenter import sms
from jobcenter.models import OutboundSms, OutboundSmsStatus
from jobcenter.sms_backends.base import PermanentSmsError, SmsMessage, TemporarySmsError
from jobcenter.sms_backends.console import ConsoleSmsBackend
from jobcenter.sms_backends.http_gateway import HttpGatewaySmsBackend
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db

GATEWAY = "jobcenter.sms_backends.http_gateway.HttpGatewaySmsBackend"


# --- Numbers --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("040 123 4567", "+358401234567"),
        ("+358 40 123 4567", "+358401234567"),
        ("00358-40-1234567", "+358401234567"),
        ("(09) 310 1691", "+35893101691"),
        ("+46 70 123 45 67", "+46701234567"),
    ],
)
def test_normalize_phone__writes_the_number_in_e164(typed, stored):
    assert sms.normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["", "040", "+358 0401234567", "puhelin", "+358 40 123 4567 8901 23", "++35840"])
def test_normalize_phone__refuses_what_is_not_a_number(typed):
    with pytest.raises(sms.InvalidPhoneNumber):
        sms.normalize_phone(typed)
    assert sms.phone_or_empty(typed) == ""


# --- The outbox -----------------------------------------------------------------------------------
def test_queue_sms__stores_the_row_and_sends_only_after_commit(django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        text = sms.queue_sms(to="040 123 4567", text="Ovikoodi on 1234.", code="gig_message", language="fi")
    text.refresh_from_db()
    assert (text.to, text.status, text.attempts) == ("+358401234567", OutboundSmsStatus.QUEUED, 0)
    assert len(callbacks) == 1 and "Ovikoodi" not in capsys.readouterr().out

    callbacks[0]()

    text.refresh_from_db()
    assert text.status == OutboundSmsStatus.SENT and text.attempts == 1 and text.sent_at is not None
    assert text.gateway_id == f"console-{text.pk}"
    out = capsys.readouterr().out
    assert out.count("Ovikoodi on 1234.") == 1 and "+358401234567" in out


def test_queue_sms__a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            sms.queue_sms(to="0401234567", text="Hei", code="x", language="fi")
            raise RuntimeError
    assert callbacks == [] and not OutboundSms.objects.exists()


def test_queue_sms__refuses_a_bad_number_and_an_empty_text():
    with pytest.raises(sms.InvalidPhoneNumber):
        sms.queue_sms(to="ei numeroa", text="Hei", code="x", language="fi")
    with pytest.raises(ValueError):
        sms.queue_sms(to="0401234567", text="  ", code="x", language="fi")
    assert not OutboundSms.objects.exists()


def test_outbound_sms_send__sends_a_row_at_most_once(django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        text = sms.queue_sms(to="0401234567", text="Kerran vain", code="x", language="fi")
    assert sms.outbound_sms_send(sms_id=text.pk) == (sms.SKIPPED, None)  # a redelivered task
    assert capsys.readouterr().out.count("Kerran vain") == 1
    OutboundSms.objects.filter(pk=text.pk).update(status=OutboundSmsStatus.SENDING)
    assert sms.outbound_sms_send(sms_id=text.pk) == (sms.SKIPPED, None)  # being sent (or interrupted)


def test_console_backend__writes_the_message_whole():
    stream = io.StringIO()
    gateway_id = ConsoleSmsBackend(stream=stream).send(SmsMessage(reference="7", to="+358401234567", text="Sataa."))
    assert gateway_id == "console-7"
    assert stream.getvalue().startswith("SMS 7 to +358401234567\nSataa.\n")


class _FailingBackend:
    error: Exception = TemporarySmsError("busy")

    def send(self, message):
        raise self.error


def test_outbound_sms_send__temporary_error_queues_again_then_fails(settings, monkeypatch):
    settings.JOBCENTER_SMS_BACKEND = f"{__name__}._FailingBackend"
    settings.JOBCENTER_EMAIL_MAX_ATTEMPTS = 2
    text = OutboundSms.objects.create(code="x", to="+358401234567", text="Hei")

    outcome, delay = sms.outbound_sms_send(sms_id=text.pk)
    text.refresh_from_db()
    assert outcome == sms.RETRY and delay == settings.JOBCENTER_EMAIL_RETRY_BASE_SECONDS
    assert text.status == OutboundSmsStatus.QUEUED and text.next_attempt_at is not None and "busy" in text.last_error

    assert sms.outbound_sms_send(sms_id=text.pk) == (sms.FAILED, None)
    text.refresh_from_db()
    assert text.status == OutboundSmsStatus.FAILED and text.attempts == 2


def test_outbound_sms_send__permanent_error_fails_at_once(settings, monkeypatch):
    settings.JOBCENTER_SMS_BACKEND = f"{__name__}._FailingBackend"
    monkeypatch.setattr(_FailingBackend, "error", PermanentSmsError("HTTP 400: unknown number"))
    text = OutboundSms.objects.create(code="x", to="+358401234567", text="Hei")
    assert sms.outbound_sms_send(sms_id=text.pk) == (sms.FAILED, None)
    text.refresh_from_db()
    assert text.status == OutboundSmsStatus.FAILED and text.attempts == 1 and "unknown number" in text.last_error


def test_outbound_sms_fail_interrupted__marks_an_old_send_failed_and_never_resends(settings):
    from django.utils import timezone

    old = timezone.now() - timezone.timedelta(seconds=settings.JOBCENTER_EMAIL_SENDING_STALE_SECONDS + 5)
    text = OutboundSms.objects.create(
        code="x", to="+358401234567", text="Hei", status=OutboundSmsStatus.SENDING, sending_since=old
    )
    assert sms.outbound_sms_fail_interrupted() == 1
    text.refresh_from_db()
    assert text.status == OutboundSmsStatus.FAILED and text.last_error == sms.INTERRUPTED
    assert sms.outbound_sms_overdue_ids(grace_seconds=0) == []


# --- The HTTP gateway, against a server on this machine --------------------------------------------
class _Gateway:
    """A tiny SMS gateway: records each request and answers with `status` and `body` after `delay`."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status, self.body, self.delay = 200, b'{"id": "gw-1"}', 0.0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length", "0"))
                gateway.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": self.rfile.read(length)}
                )
                if gateway.delay:
                    time.sleep(gateway.delay)
                try:
                    self.send_response(gateway.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(gateway.body)))
                    self.end_headers()
                    self.wfile.write(gateway.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/messages"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def gateway(settings):
    with _Gateway() as server:
        settings.JOBCENTER_SMS_BACKEND = GATEWAY
        settings.JOBCENTER_SMS_GATEWAY_URL = server.url
        settings.JOBCENTER_SMS_GATEWAY_USERNAME = "jobcenter"
        settings.JOBCENTER_SMS_GATEWAY_API_KEY = "s3cret"
        settings.JOBCENTER_SMS_SENDER = "Jobcenter"
        settings.JOBCENTER_SMS_GATEWAY_TIMEOUT = 2
        yield server


def test_http_gateway__posts_json_with_basic_auth_and_records_the_gateways_id(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        text = sms.queue_sms(to="040 123 4567", text="Ovikoodi on 1234. Sataa, ota sateenvarjo.", code="x",
                             language="fi")  # fmt: skip

    text.refresh_from_db()
    assert text.status == OutboundSmsStatus.SENT and text.gateway_id == "gw-1"
    [request] = gateway.requests
    assert request["path"] == "/v1/messages"
    assert request["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert request["headers"]["Authorization"] == "Basic " + base64.b64encode(b"jobcenter:s3cret").decode()
    assert json.loads(request["body"].decode("utf-8")) == {
        "sender": "Jobcenter",
        "to": "+358401234567",
        "text": "Ovikoodi on 1234. Sataa, ota sateenvarjo.",
        "reference": str(text.pk),
    }


def test_http_gateway__without_a_username_sends_the_key_as_a_bearer_token(gateway, settings):
    settings.JOBCENTER_SMS_GATEWAY_USERNAME = ""
    HttpGatewaySmsBackend().send(SmsMessage(reference="1", to="+358401234567", text="Hei"))
    assert gateway.requests[0]["headers"]["Authorization"] == "Bearer s3cret"


@pytest.mark.parametrize("status", [400, 401, 403, 422])
def test_http_gateway__a_4xx_answer_is_permanent(gateway, status):
    gateway.status, gateway.body = status, b'{"error": "invalid destination"}'
    with pytest.raises(PermanentSmsError, match=f"HTTP {status}: .*invalid destination"):
        HttpGatewaySmsBackend().send(SmsMessage(reference="1", to="+358401234567", text="Hei"))


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_http_gateway__a_5xx_or_busy_answer_is_temporary(gateway, status):
    gateway.status, gateway.body = status, b"{}"
    with pytest.raises(TemporarySmsError, match=f"HTTP {status}"):
        HttpGatewaySmsBackend().send(SmsMessage(reference="1", to="+358401234567", text="Hei"))


def test_http_gateway__no_answer_in_time_is_temporary(gateway, settings):
    settings.JOBCENTER_SMS_GATEWAY_TIMEOUT = 0.3
    gateway.delay = 1.0
    with pytest.raises(TemporarySmsError, match="No answer"):
        HttpGatewaySmsBackend().send(SmsMessage(reference="1", to="+358401234567", text="Hei"))


def test_http_gateway__a_closed_port_is_temporary(settings):
    with _Gateway() as server:
        url = server.url
    settings.JOBCENTER_SMS_GATEWAY_URL = url  # the server is gone: nobody listens there
    settings.JOBCENTER_SMS_GATEWAY_API_KEY = "s3cret"
    with pytest.raises(TemporarySmsError, match="could not be reached"):
        HttpGatewaySmsBackend().send(SmsMessage(reference="1", to="+358401234567", text="Hei"))


def test_http_gateway__through_the_outbox_a_5xx_is_retried_and_a_4xx_fails(gateway):
    gateway.status = 503
    text = OutboundSms.objects.create(code="x", to="+358401234567", text="Hei")
    assert sms.outbound_sms_send(sms_id=text.pk)[0] == sms.RETRY
    gateway.status = 400
    OutboundSms.objects.filter(pk=text.pk).update(next_attempt_at=None)
    assert sms.outbound_sms_send(sms_id=text.pk) == (sms.FAILED, None)
    text.refresh_from_db()
    assert text.status == OutboundSmsStatus.FAILED and "HTTP 400" in text.last_error and len(gateway.requests) == 2


@pytest.mark.parametrize("url", ["", "http://sms.example.org/send", "ftp://127.0.0.1/x"])
def test_http_gateway__refuses_to_send_without_a_safe_address(settings, url):
    settings.JOBCENTER_SMS_GATEWAY_URL = url
    settings.JOBCENTER_SMS_GATEWAY_API_KEY = "s3cret"
    with pytest.raises(PermanentSmsError):
        HttpGatewaySmsBackend().send(SmsMessage(reference="1", to="+358401234567", text="Hei"))


# --- The coordinator sees the failed ones ---------------------------------------------------------
def test_outbox_page__lists_a_failed_text_message_with_its_error(client):
    OutboundSms.objects.create(
        code="gig_message", to="+358401234567", text="Hei", status=OutboundSmsStatus.FAILED, attempts=1,
        last_error="PermanentSmsError: HTTP 400: invalid destination",
    )  # fmt: skip
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("coordinator:emails")).content.decode()
    assert "+358401234567" in page and "HTTP 400: invalid destination" in page


def test_forget_sms_to__retention_removes_the_number_and_the_text():
    kept = OutboundSms.objects.create(code="x", to="+358509998888", text="Toiselle")
    gone = OutboundSms.objects.create(code="x", to="+358401234567", text="Ovikoodi")
    assert sms.forget_sms_to("040 123 4567") == 1
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.to, gone.text) == ("", "") and (kept.to, kept.text) == ("+358509998888", "Toiselle")
