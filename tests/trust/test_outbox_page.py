"""The coordinator's outbox page (EM-1..4): failed and waiting emails with their error, and "send
again" (a confirmation page that changes nothing, then one send), through the Django client and in a
real browser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobcenter import mail
from jobcenter.models import OutboundEmail, OutboundEmailStatus
from tests.factories import CoordinatorFactory, WorkerFactory
from tests.support.browser import log_in
from tests.support.outbox import outbox_url, queued


# --- The coordinator's page ------------------------------------------------------------------------
@pytest.mark.django_db
def test_outbox_page__lists_failed_and_waiting_emails_with_their_error(client, django_assert_max_num_queries):
    client.force_login(CoordinatorFactory())
    refused = queued("nobody@example.org", status=OutboundEmailStatus.FAILED, attempts=1,
                     last_error="SMTPRecipientsRefused: 550 no such user")  # fmt: skip
    interrupted = queued("maybe@example.org", status=OutboundEmailStatus.FAILED, attempts=1,
                         last_error=mail.INTERRUPTED)  # fmt: skip
    waiting = queued("later@example.org", attempts=2, last_error="451 try again later",
                     next_attempt_at=timezone.now() + dt.timedelta(minutes=4))  # fmt: skip
    queued("sent@example.org", status=OutboundEmailStatus.SENT)

    client.get(outbox_url())  # computes the rules-health warning (then read from the cache for minutes)
    # 9 with the Incomes Register warning of every coordinator page, + 2: the failed and the waiting text messages
    with django_assert_max_num_queries(11):
        response = client.get(outbox_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Could not be sent (2)" in html
    assert "Waiting to be sent (1)" in html
    assert "550 no such user" in html
    assert "The sending was interrupted. The email may have arrived." in html
    assert "The mail server had a temporary problem." in html
    assert "sent@example.org" not in html
    assert outbox_url(refused.pk, name="email-resend") in html
    assert outbox_url(interrupted.pk, name="email-resend") in html
    assert outbox_url(waiting.pk, name="email-resend") not in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_outbox_page__in_finnish_by_default(client):
    client.force_login(CoordinatorFactory())
    queued(status=OutboundEmailStatus.FAILED, last_error=mail.INTERRUPTED)
    html = client.get("/coordinator/emails/").content.decode()
    assert "Lähettämättä jääneet sähköpostit" in html
    assert "Lähetys keskeytyi." in html


@pytest.mark.django_db
def test_outbox_page__only_for_coordinators(client):
    email = queued(status=OutboundEmailStatus.FAILED, last_error="550")
    assert client.get(outbox_url()).status_code == 302  # to the login page
    client.force_login(WorkerFactory().user)
    assert client.get(outbox_url()).status_code == 403
    assert client.post(outbox_url(email.pk, name="email-resend")).status_code == 403
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.FAILED


@pytest.mark.django_db
def test_send_again__confirmation_page_changes_nothing_then_post_sends_once(
    client, smtp, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    email = queued("fixed@example.org", status=OutboundEmailStatus.FAILED, attempts=6, last_error="451 later")

    page = client.get(outbox_url(email.pk, name="email-resend"))
    assert page.status_code == 200
    assert "Send the email again" in page.content.decode()
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.FAILED  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(outbox_url(email.pk, name="email-resend"), follow=True)
    assert "The email to fixed@example.org will be sent again in a moment." in response.content.decode()
    email.refresh_from_db()
    assert (email.status, email.attempts, email.resent_by) == (OutboundEmailStatus.SENT, 1, coordinator)
    assert email.resent_at is not None
    assert len(smtp.accepted) == 1

    # A second POST (double click, back button) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(outbox_url(email.pk, name="email-resend"), follow=True)
    assert "Only an email that could not be sent can be sent again." in again.content.decode()
    assert len(smtp.accepted) == 1


@pytest.mark.django_db
def test_send_again__service_refuses_other_roles_and_sent_emails():
    from jobcenter.errors import ActionNotPermitted, DomainError

    failed = queued(status=OutboundEmailStatus.FAILED)
    with pytest.raises(ActionNotPermitted):
        mail.outbound_email_resend(email_id=failed.pk, by=WorkerFactory().user)
    sent = queued(status=OutboundEmailStatus.SENT)
    with pytest.raises(DomainError):
        mail.outbound_email_resend(email_id=sent.pk, by=CoordinatorFactory())
    failed.refresh_from_db()
    assert failed.status == OutboundEmailStatus.FAILED


# --- The page in a browser: accessible, and "send again" works end to end --------------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_outbox_page_in_browser__accessible_and_send_again_works(page, live_server, axe, client, mailoutbox):
    log_in(page, client, live_server, CoordinatorFactory())
    queued("nobody@example.org", status=OutboundEmailStatus.FAILED, attempts=6, last_error="SMTPDataError: 451 later")
    queued("maybe@example.org", status=OutboundEmailStatus.FAILED, attempts=1, last_error=mail.INTERRUPTED)
    queued("later@example.org", attempts=1, last_error="451", next_attempt_at=timezone.now() + dt.timedelta(minutes=2))

    page.goto(f"{live_server.url}/en/coordinator/emails/")
    assert page.get_by_role("heading", name="Emails not sent", level=1).is_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Send again… nobody@example.org: Tilaus vastaanotettu").click()
    assert page.get_by_role("heading", name="Send the email again").is_visible()
    axe.assert_clean(page)
    page.get_by_role("button", name="Send the email again").click()

    assert page.get_by_text("The email to nobody@example.org will be sent again in a moment.").is_visible()
    assert OutboundEmail.objects.get(to="nobody@example.org").status == OutboundEmailStatus.SENT
    assert [m.to for m in mailoutbox] == [["nobody@example.org"]]
