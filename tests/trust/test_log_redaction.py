"""LOG-4: no identity codes, email addresses or special-category input in technical logs or error
reports. A view is made to fail with sentinel data; the configured log handlers and Django's error
report must not carry it."""

from __future__ import annotations

import io
import logging
import sys

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.views.debug import ExceptionReporter, get_exception_reporter_class
from django.views.decorators.debug import sensitive_post_parameters

from jobcenter.logging import EMAIL_MARK, HETU_MARK, HETU_RE, RedactPersonalDataFilter, redact

HETU = "131052-308T"
HETU_2000 = "010105A9876"
EMAIL = "sentinel.person@example.org"
SUPPORT_SENTINEL = "SENTINEL-SUPPORT-epilepsia"


# --- The pattern ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "code",
    ["131052-308T", "010105A9876", "311299+123A", "150623Y123H", "131052-308t", "010101B123N"],
)
def test_redact__identity_codes_of_every_century_sign(code):
    assert redact(f"henkilötunnus {code}, muuta") == f"henkilötunnus {HETU_MARK}, muuta"


@pytest.mark.parametrize(
    "text",
    [
        "order 2026-0001 at 12:30",
        "invoice 1000123 reference RF18000000000001000123",
        "Y-tunnus 0201256-6",
        "date 2026-03-03T10:00:00+02:00",
        "request id 0f3c1e2a9b8d4c7e",
    ],
)
def test_redact__leaves_other_numbers_alone(text):
    assert redact(text) == text


def test_redact__email_addresses():
    assert redact(f"to <{EMAIL}> and Aino.Ä@example.fi").count(EMAIL_MARK) == 2
    assert EMAIL not in redact(f"mailto:{EMAIL}")


def test_filter__message_arguments_and_traceback_are_redacted():
    try:
        raise ValueError(f"bad {HETU} {EMAIL}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Saving %s failed", (EMAIL,), sys.exc_info())
    assert RedactPersonalDataFilter().filter(record) is True
    text = logging.Formatter().format(record)
    assert HETU not in text and EMAIL not in text
    assert f"Saving {EMAIL_MARK} failed" in text and f"bad {HETU_MARK} {EMAIL_MARK}" in text


# --- A failing view -------------------------------------------------------------------------------
@sensitive_post_parameters("support_needs", "hetu")
def failing_view(request):
    # As a careless exception would: the identity code and address in the message.
    raise ValueError(f"Could not save {request.POST['hetu']} for {request.POST['email']}")


def fine_view(request):
    logging.getLogger("jobcenter.test").warning("Looked up %s with code %s", EMAIL, HETU_2000)
    return HttpResponse("ok")


urlpatterns = [path("fail/", failing_view), path("fine/", fine_view)]


@pytest.fixture
def configured_log():
    """The text the handlers configured in settings.LOGGING write (their streams swapped for one)."""
    stream = io.StringIO()
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    handlers = [h for h in handlers if any(isinstance(f, RedactPersonalDataFilter) for f in h.filters)]
    assert handlers, "settings.LOGGING has no handler with the redaction filter"
    old_streams = [h.setStream(stream) for h in handlers]
    yield stream
    for handler, old in zip(handlers, old_streams, strict=True):
        handler.setStream(old)


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_failing_view__the_log_has_no_sentinel_and_no_identity_code(configured_log):
    client = Client(raise_request_exception=False)
    response = client.post("/fail/", {"hetu": HETU, "email": EMAIL, "support_needs": SUPPORT_SENTINEL})

    assert response.status_code == 500
    assert SUPPORT_SENTINEL not in response.content.decode()
    log = configured_log.getvalue()
    assert "Internal Server Error: /fail/" in log and "ValueError" in log  # the failure is there
    assert HETU not in log and EMAIL not in log and SUPPORT_SENTINEL not in log
    assert HETU_MARK in log
    assert not HETU_RE.search(log)


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_application_log_lines_are_redacted(configured_log):
    assert Client().get("/fine/").status_code == 200
    log = configured_log.getvalue()
    assert "Looked up" in log and EMAIL not in log and HETU_2000 not in log


@pytest.mark.urls(__name__)
def test_error_report__hides_the_posted_special_data_and_redacts_the_message(rf, settings):
    """What the admins' error email and the debug page would show."""
    request = rf.post("/fail/", {"hetu": HETU, "email": EMAIL, "support_needs": SUPPORT_SENTINEL})
    try:
        failing_view(request)
    except ValueError:
        exc_info = sys.exc_info()
    reporter_class = get_exception_reporter_class(request)
    assert issubclass(reporter_class, ExceptionReporter) and reporter_class.__name__ == "RedactingExceptionReporter"
    reporter = reporter_class(request, *exc_info)
    for report in (reporter.get_traceback_text(), reporter.get_traceback_html()):
        assert SUPPORT_SENTINEL not in report
        assert HETU not in report
        assert EMAIL not in report


def test_celery_worker_log_handlers_get_the_filter():
    """A Celery worker replaces the log handlers with its own; the signal adds the filter to them."""
    from celery.signals import after_setup_logger, after_setup_task_logger

    import jobcenter.celery  # noqa: F401 - connects the receivers

    for signal in (after_setup_logger, after_setup_task_logger):
        stream = io.StringIO()
        logger = logging.getLogger(f"test.celery.{id(signal)}")
        handler = logging.StreamHandler(stream)
        logger.addHandler(handler)
        logger.propagate = False
        try:
            signal.send(sender=None, logger=logger, loglevel=logging.INFO, logfile=None, format="", colorize=False)
            logger.error("Task failed for %s (%s)", EMAIL, HETU)
        finally:
            logger.removeHandler(handler)
        assert EMAIL not in stream.getvalue() and HETU not in stream.getvalue()
        assert EMAIL_MARK in stream.getvalue()
